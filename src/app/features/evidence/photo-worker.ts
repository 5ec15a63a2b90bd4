// The photo worker: decoding a 12-megapixel photo and the JPEG quality loop take a few hundred
// milliseconds even on a laptop, so they run here, off the UI thread. A same-origin module
// worker (not a blob: one) is allowed by the app's CSP (worker-src 'self') and is precached with
// the rest of the build, so it works offline.
import { isEvidenceFileErrorCode } from './evidence-file-error';
import { canEncodeHere, runPhotoJob, type PhotoJob } from './photo-encode';
import type { WorkerReply } from './photo-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<PhotoJob>) => {
  const reply = (message: WorkerReply) => scope.postMessage(message);
  if (!canEncodeHere()) {
    reply({ ok: false, retryOnMainThread: true, message: 'no OffscreenCanvas in this worker' });
    return;
  }
  runPhotoJob(event.data).then(
    (result) => reply({ ok: true, result }),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const code =
        typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      if (isEvidenceFileErrorCode(code)) reply({ ok: false, code, message });
      // Decoding may still work on the main thread (an <img> decodes more formats on some engines).
      else reply({ ok: false, retryOnMainThread: true, message });
    },
  );
});
