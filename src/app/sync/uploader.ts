import type { LocalBlob, MinhChungDb } from '../db/database';
import { IndexedDbUrlStorage } from './url-storage';

export interface UploaderOptions {
  baseUrl: string;
  getToken: () => string | null;
  /** Bytes per PATCH. Finite chunks bound what a cut connection can waste: at most one. */
  chunkSize?: number;
  /** Turns stored bytes into what tus-js-client reads: a Blob in browsers (default), a Buffer in Node. */
  toSource?: (data: Blob | ArrayBuffer, mime: string) => unknown;
  onProgress?: (sha256: string, sent: number, total: number) => void;
  /** Retries inside one attempt; later attempts come with the next sync. */
  retryDelays?: number[] | null;
}

export type UploadResult =
  | { sha256: string; ok: true }
  | { sha256: string; ok: false; final: boolean; status: number | null; message: string };

/** Refusals that no retry will change: the bytes are not what the metadata says, not an accepted
 * type, or too big. The blob is set aside with the reason instead of being retried forever. */
const FINAL_STATUSES = new Set([413, 415, 422]);

function defaultSource(data: Blob | ArrayBuffer, mime: string): unknown {
  return data instanceof Blob ? data : new Blob([data], { type: mime });
}

/**
 * Uploads photo and document bytes with tus, one blob at a time (a weak link is better used by one
 * upload than shared by many). The upload URL is the SHA-256 of the bytes, so a cut upload resumes
 * where the server stopped — from this tab, after a reload, or after a crash — and bytes the
 * server already has are never sent again.
 */
export class BlobUploader {
  private readonly urlStorage: IndexedDbUrlStorage;

  constructor(
    private readonly db: MinhChungDb,
    private readonly options: UploaderOptions,
  ) {
    this.urlStorage = new IndexedDbUrlStorage(db);
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
      if (!result.ok && !result.final) break; // the link is down: stop and let the next sync resume
    }
    return results;
  }

  async upload(blob: LocalBlob): Promise<UploadResult> {
    // Loaded on first use: the first screen should not carry an upload library it may not need.
    const { DetailedError, Upload } = await import('tus-js-client');
    const {
      baseUrl,
      getToken,
      chunkSize = 512 * 1024,
      toSource = defaultSource,
      onProgress,
      retryDelays = [1000, 3000, 10000],
    } = this.options;
    const token = getToken();
    return new Promise<UploadResult>((resolve) => {
      const upload = new Upload(toSource(blob.data, blob.mime) as Blob, {
        endpoint: `${baseUrl}/api/blobs/`,
        // The id is the hash: start by asking the server how far this blob got (HEAD); a 404
        // makes tus-js-client create the upload instead.
        uploadUrl: `${baseUrl}/api/blobs/${blob.sha256}`,
        chunkSize,
        retryDelays,
        metadata: { sha256: blob.sha256, filetype: blob.mime },
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        urlStorage: this.urlStorage,
        fingerprint: () => Promise.resolve(`mc-blob:${blob.sha256}`),
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => onProgress?.(blob.sha256, sent, total),
        onSuccess: () => {
          // Success means the server verified the hash and the type: only now is it "uploaded".
          void this.db.blobs
            .update(blob.sha256, { uploaded: 1 })
            .then(() => resolve({ sha256: blob.sha256, ok: true }));
        },
        onError: (error) => {
          const status =
            error instanceof DetailedError ? (error.originalResponse?.getStatus() ?? null) : null;
          const final = status !== null && FINAL_STATUSES.has(status);
          const done = () =>
            resolve({ sha256: blob.sha256, ok: false, final, status, message: error.message });
          if (final)
            void this.db.blobs
              .update(blob.sha256, { refusal: `${status}: ${error.message}` })
              .then(done);
          else done();
        },
      });
      upload.start();
    });
  }
}
