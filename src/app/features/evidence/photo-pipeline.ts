/**
 * From a picked file to evidence bytes: what is stored in IndexedDB and uploaded (tus, id =
 * sha256). Photos are decoded, oriented, scaled to ≤ 1600 px and re-encoded as JPEG ≤ 500 KB in a
 * worker — which also strips every byte of EXIF; capture time and GPS are read first and kept as
 * fields. PDFs pass through unchanged. Anything else is refused by its magic bytes.
 *
 * Load it lazily (`await import(...)` when the user picks a file): it has no top-level side
 * effects, and the decoder, exifr and the worker load only when a photo is processed.
 */
import { EvidenceFileError } from './evidence-file-error';
import { SNIFF_BYTES, sniffKind } from './file-sniff';
import type { PhotoJob, PhotoJobResult } from './photo-encode';
import type { WorkerReply } from './photo-worker-protocol';

export { EvidenceFileError, type EvidenceFileErrorCode } from './evidence-file-error';

export interface ProcessedEvidence {
  /** What is stored and uploaded. */
  bytes: Blob;
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  /** Lowercase hex SHA-256 of `bytes`. */
  sha256: string;
  size: number;
  width?: number;
  height?: number;
  /** EXIF DateTimeOriginal as ISO 8601 with its offset (the device's offset when it has none). */
  capturedAt?: string;
  /** EXIF GPS position; accuracy from GPSHPositioningError (metres) when the camera wrote it. */
  gps?: { lat: number; lng: number; accuracy?: number };
  /** JPEG, long edge `thumbLongEdge`, for reviewers working offline. Photos only. */
  thumbnail?: { bytes: Blob; sha256: string; width: number; height: number };
}

export interface ProcessOptions {
  /** Long edge of the stored photo, px; smaller photos are never upscaled. Default 1600. */
  maxLongEdge?: number;
  /** Byte budget of the stored photo. Default 500 000. */
  maxBytes?: number;
  /** Long edge of the thumbnail, px. Default 320. */
  thumbLongEdge?: number;
  /** Process in a worker when the browser allows it (default); `false` forces the main thread. */
  useWorker?: boolean;
}

export const PHOTO_DEFAULTS = { maxLongEdge: 1600, maxBytes: 500_000, thumbLongEdge: 320 };
/** PDFs are stored as they are, so they get a hard cap (the server accepts up to 15 MiB). */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
/** No phone camera writes more; past this, decoding alone would exhaust a cheap phone. */
export const MAX_IMAGE_INPUT_BYTES = 50 * 1024 * 1024;

export async function sha256Hex(blob: Blob): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle)
    throw new EvidenceFileError('INSECURE', 'SHA-256 needs a secure context (HTTPS or localhost)');
  const digest = new Uint8Array(await subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function readBytes(blob: Blob): Promise<ArrayBuffer> {
  try {
    return await blob.arrayBuffer();
  } catch (error) {
    // Android revokes access to a picked file now and then (moved, deleted, permission gone).
    const reason = error instanceof Error ? error.message : String(error);
    throw new EvidenceFileError('UNREADABLE', `Cannot read the file: ${reason}`);
  }
}

/** The worker could not run the job at all (no Worker, blocked, failed to load, no canvas). */
class WorkerUnavailable extends Error {}

function runInWorker(job: PhotoJob): Promise<PhotoJobResult> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./photo-worker.ts', import.meta.url), {
        type: 'module',
        name: 'photo-pipeline',
      });
    } catch (error) {
      reject(new WorkerUnavailable(error instanceof Error ? error.message : String(error)));
      return;
    }
    const fail = (message: string) => {
      worker.terminate();
      reject(new WorkerUnavailable(message));
    };
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      // One job per worker: terminating frees the decoder's memory at once on a small phone.
      worker.terminate();
      const reply = event.data;
      if (reply.ok) resolve(reply.result);
      else if ('code' in reply) reject(new EvidenceFileError(reply.code, reply.message));
      else reject(new WorkerUnavailable(reply.message));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fail(event.message || 'the photo worker failed to start');
    });
    worker.addEventListener('messageerror', () => fail('the photo worker reply was unreadable'));
    worker.postMessage(job);
  });
}

async function encodePhoto(job: PhotoJob, useWorker: boolean): Promise<PhotoJobResult> {
  if (useWorker && typeof Worker === 'function') {
    try {
      return await runInWorker(job);
    } catch (error) {
      if (!(error instanceof WorkerUnavailable)) throw error;
      // Fall through: same code on the main thread, slower but it works.
    }
  }
  try {
    const { runPhotoJob } = await import('./photo-encode');
    return await runPhotoJob(job);
  } catch (error) {
    if (error instanceof EvidenceFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    // HEIC/AVIF that this browser cannot decode is a type problem, not a broken file.
    if (job.kind === 'heif') {
      throw new EvidenceFileError(
        'UNSUPPORTED_TYPE',
        `This browser cannot open HEIC/HEIF photos (${reason})`,
      );
    }
    throw new EvidenceFileError('UNREADABLE', `Cannot decode the image: ${reason}`);
  }
}

function checkOptions(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isFinite(value) || value < 1) throw new RangeError(`${name} must be ≥ 1`);
  }
}

/** The name or the browser's type says photo. Never trusted for decoding, only for the message. */
function claimsToBePhoto(file: File): boolean {
  return file.type.startsWith('image/') || /\.(jpe?g|png|webp|hei[cf]|avif)$/i.test(file.name);
}

export async function processEvidenceFile(
  file: File,
  options: ProcessOptions = {},
): Promise<ProcessedEvidence> {
  const maxLongEdge = options.maxLongEdge ?? PHOTO_DEFAULTS.maxLongEdge;
  const maxBytes = options.maxBytes ?? PHOTO_DEFAULTS.maxBytes;
  const thumbLongEdge = options.thumbLongEdge ?? PHOTO_DEFAULTS.thumbLongEdge;
  checkOptions({ maxLongEdge, maxBytes, thumbLongEdge });
  if (file.size === 0) throw new EvidenceFileError('UNREADABLE', 'The file is empty');

  const kind = sniffKind(new Uint8Array(await readBytes(file.slice(0, SNIFF_BYTES))));
  if (kind === null) {
    if (claimsToBePhoto(file))
      throw new EvidenceFileError('DAMAGED', 'Named or typed as a photo, but not one inside');
    throw new EvidenceFileError(
      'UNSUPPORTED_TYPE',
      'Only photos (JPEG, PNG, WebP, HEIC) and PDF documents are accepted',
    );
  }

  if (kind === 'pdf') {
    if (file.size > MAX_PDF_BYTES) {
      throw new EvidenceFileError('TOO_LARGE', `PDF is ${file.size} bytes; limit ${MAX_PDF_BYTES}`);
    }
    // Read once: the hash and the stored bytes come from the same snapshot of the file.
    const bytes = new Blob([await readBytes(file)], { type: 'application/pdf' });
    return { bytes, mime: 'application/pdf', sha256: await sha256Hex(bytes), size: bytes.size };
  }

  if (file.size > MAX_IMAGE_INPUT_BYTES) {
    throw new EvidenceFileError(
      'TOO_LARGE',
      `Image is ${file.size} bytes; limit ${MAX_IMAGE_INPUT_BYTES}`,
    );
  }
  const job: PhotoJob = { file, kind, maxLongEdge, maxBytes, thumbLongEdge };
  const photo = await encodePhoto(job, options.useWorker !== false);
  const [sha256, thumbSha256] = await Promise.all([
    sha256Hex(photo.bytes),
    sha256Hex(photo.thumbnail.bytes),
  ]);
  const result: ProcessedEvidence = {
    bytes: photo.bytes,
    mime: 'image/jpeg',
    sha256,
    size: photo.bytes.size,
    width: photo.width,
    height: photo.height,
    thumbnail: { ...photo.thumbnail, sha256: thumbSha256 },
  };
  if (photo.capturedAt) result.capturedAt = photo.capturedAt;
  if (photo.gps) result.gps = photo.gps;
  return result;
}
