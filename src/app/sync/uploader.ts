import type { LocalBlob, MinhChungDb } from '../db/database';
import { UploadMarks } from './url-storage';

export interface UploaderOptions {
  baseUrl: string;
  getToken: () => string | null;
  /**
   * Bytes per request. Larger than any processed photo (≤ 500 KB) so that a photo and its
   * thumbnail cost one request each; only big PDFs are split. A cut request wastes nothing: the
   * server keeps every byte that reached it and the next attempt resumes after them.
   */
  chunkSize?: number;
  /** Turns stored bytes into what tus-js-client reads: a Blob in browsers (default), a Buffer in
   * Node (which may have to be read from a Blob first, hence a promise is allowed). */
  toSource?: (data: Blob | ArrayBuffer, mime: string) => unknown;
  onProgress?: (sha256: string, sent: number, total: number) => void;
  /** Called once the server has confirmed it holds the blob (it is then marked uploaded). */
  onConfirmed?: (sha256: string) => void;
  /**
   * tus-js-client's own retries inside one attempt. Off by default: the sync scheduler retries
   * with capped backoff and shows when, and a fresh attempt knows the upload has begun (HEAD),
   * where tus-js-client would post the bytes again from zero after a cut creation request.
   */
  retryDelays?: number[] | null;
  /**
   * A request that moves no byte for this long is given up (aborted), however long it has been
   * running in total: a stalled link is told from a slow one by lack of progress, not by time.
   */
  stallTimeoutMs?: number;
}

export type UploadResult =
  | { sha256: string; ok: true }
  | {
      sha256: string;
      ok: false;
      /** Refused for good: set aside with the reason, never retried. */
      final: boolean;
      /** No answer, a stall, a 5xx, 408/423/429: the link or the server is down right now, so
       * the rest waits and the round is retried soon. Else (another 4xx) only this blob waits. */
      linkDown: boolean;
      status: number | null;
      message: string;
    };

/** Refusals that no retry will change: the bytes are not what the metadata says, not an accepted
 * type, or too big. The blob is set aside with the reason instead of being retried forever. */
const FINAL_STATUSES = new Set([413, 415, 422]);
/** Client errors that say "not now" rather than "not this request". */
const TRANSIENT_STATUSES = new Set([408, 423, 429]);

const isLinkDown = (status: number | null) =>
  status === null || status >= 500 || TRANSIENT_STATUSES.has(status);

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const DEFAULT_STALL_TIMEOUT_MS = 15_000;

function defaultSource(data: Blob | ArrayBuffer, mime: string): unknown {
  return data instanceof Blob ? data : new Blob([data], { type: mime });
}

/**
 * Uploads photo and document bytes with tus, one blob at a time (a weak link is better used by one
 * upload than shared by many). The upload id is the SHA-256 of the bytes, so a cut upload resumes
 * where the server stopped — from this tab, after a reload, or after a crash — and bytes the
 * server already has are never sent again.
 *
 * Requests per blob on a clean link: one. A blob never tried goes up in a single creation request
 * that carries its bytes (tus creation-with-upload); the server answers "complete" at once when it
 * already holds the hash. Only a blob tried before starts by asking for its offset (HEAD).
 */
export class BlobUploader {
  private readonly marks: UploadMarks;

  constructor(
    private readonly db: MinhChungDb,
    private readonly options: UploaderOptions,
  ) {
    this.marks = new UploadMarks(db);
  }

  /** Blobs whose evidence record the server has accepted (the upload is refused before that). */
  async uploadable(): Promise<LocalBlob[]> {
    const waiting = new Set(
      (await this.db.outbox.where('state').equals('pending').toArray()).flatMap((entry) =>
        entry.mutation.type === 'evidence.add'
          ? [entry.mutation.evidence.sha256, entry.mutation.evidence.thumbSha256 ?? '']
          : [],
      ),
    );
    return (await this.db.blobs.where('uploaded').equals(0).toArray()).filter(
      (blob) => !waiting.has(blob.sha256) && !blob.refusal,
    );
  }

  async uploadPending(): Promise<UploadResult[]> {
    const results: UploadResult[] = [];
    for (const blob of await this.uploadable()) {
      const result = await this.upload(blob);
      results.push(result);
      if (!result.ok && result.linkDown) break; // stop and let the next attempt resume
    }
    return results;
  }

  async upload(blob: LocalBlob): Promise<UploadResult> {
    // Loaded on first use: the first screen should not carry an upload library it may not need.
    const { DetailedError, Upload } = await import('tus-js-client');
    const {
      baseUrl,
      getToken,
      chunkSize = DEFAULT_CHUNK_BYTES,
      toSource = defaultSource,
      onProgress,
      onConfirmed,
      retryDelays = null,
      stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS,
    } = this.options;
    const token = getToken();
    const source: unknown = await toSource(blob.data, blob.mime);
    const begun = await this.marks.hasBegun(blob.sha256);
    if (!begun) await this.marks.markBegun(blob.sha256);
    return new Promise<UploadResult>((resolve) => {
      let settled = false;
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const settle = (result: UploadResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        resolve(result);
      };
      const fail = (status: number | null, message: string, final: boolean) =>
        settle({
          sha256: blob.sha256,
          ok: false,
          final,
          linkDown: !final && isLinkDown(status),
          status,
          message,
        });
      // Re-armed by every byte that moves; fires only when nothing has moved for the whole time
      // (the body stuck in a dead link, or no answer to a request that was fully sent).
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          void upload.abort();
          fail(null, `stalled: no progress for ${Math.round(stallTimeoutMs / 1000)} s`, false);
        }, stallTimeoutMs);
      };
      let lastSent = -1;
      const upload = new Upload(source as Blob, {
        endpoint: `${baseUrl}/api/blobs/`,
        // Only an upload that has begun asks the server how far it got (HEAD, then PATCH the
        // rest); a 404 there makes tus-js-client create it after all.
        uploadUrl: begun ? `${baseUrl}/api/blobs/${blob.sha256}` : null,
        uploadDataDuringCreation: true,
        chunkSize,
        retryDelays,
        metadata: { sha256: blob.sha256, filetype: blob.mime },
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        storeFingerprintForResuming: false,
        onProgress: (sent, total) => {
          if (sent !== lastSent) arm();
          lastSent = sent;
          onProgress?.(blob.sha256, sent, total);
        },
        onSuccess: () => {
          clearTimeout(watchdog);
          // Success means the server verified the hash and the type: only now is it "uploaded".
          void this.db
            .transaction('rw', this.db.blobs, this.db.tusUploads, async () => {
              await this.db.blobs.update(blob.sha256, { uploaded: 1 });
              await this.marks.clear(blob.sha256);
            })
            .then(() => {
              onConfirmed?.(blob.sha256);
              settle({ sha256: blob.sha256, ok: true });
            });
        },
        onError: (error) => {
          clearTimeout(watchdog);
          const status =
            error instanceof DetailedError ? (error.originalResponse?.getStatus() ?? null) : null;
          const final = status !== null && FINAL_STATUSES.has(status);
          if (final)
            void this.db.blobs
              .update(blob.sha256, { refusal: `${status}: ${error.message}` })
              .then(() => fail(status, error.message, true));
          else fail(status, error.message, false);
        },
      });
      arm();
      upload.start();
    });
  }
}
