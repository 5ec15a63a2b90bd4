import type { EvidenceFileErrorCode } from './evidence-file-error';
import type { PhotoJobResult } from './photo-encode';

/** What the photo worker answers to one PhotoJob. */
export type WorkerReply =
  | { ok: true; result: PhotoJobResult }
  | { ok: false; code: EvidenceFileErrorCode; message: string }
  | { ok: false; retryOnMainThread: true; message: string };
