import { EvidenceFileError } from './evidence-file-error';
import type { SniffedKind } from './file-sniff';
import { readExifFields, type ExifFields } from './photo-exif';

/**
 * The image half of the pipeline: decode with EXIF orientation applied, scale so the long edge
 * fits, re-encode as JPEG under the byte budget, and make the reviewers' thumbnail. Runs inside
 * the photo worker (OffscreenCanvas) or, where that is missing, on the main thread (<canvas>).
 * Re-encoding through a canvas writes a bare JFIF: every EXIF/XMP/ICC segment of the original,
 * GPS included, is gone from the bytes; time and place survive only as fields.
 */
export interface PhotoJob {
  file: Blob;
  kind: Exclude<SniffedKind, 'pdf'>;
  maxLongEdge: number;
  maxBytes: number;
  thumbLongEdge: number;
}

export interface EncodedImage {
  bytes: Blob;
  width: number;
  height: number;
}

export interface PhotoJobResult extends ExifFields, EncodedImage {
  quality: number;
  thumbnail: EncodedImage;
}

/** Thrown when this environment cannot decode the file; the caller may try another one. */
export class DecodeFailed extends Error {
  override readonly name = 'DecodeFailed';
}

/** JPEG qualities tried in turn at each size: 0.8 down to the 0.4 floor. */
export const QUALITY_LADDER = [0.8, 0.7, 0.6, 0.5, 0.4] as const;
const THUMB_QUALITY = 0.7;
/** Below this the photo is no longer useful evidence: refuse rather than shrink further. */
const MIN_LONG_EDGE = 480;

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

interface Decoded {
  image: ImageBitmap | HTMLImageElement;
  width: number;
  height: number;
  release(): void;
}

/** Whether this global scope can run a job (a worker without OffscreenCanvas cannot). */
export function canEncodeHere(): boolean {
  if (typeof document !== 'undefined') return true;
  if (typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') {
    return false;
  }
  return new OffscreenCanvas(1, 1).getContext('2d') !== null;
}

function newCanvas(width: number, height: number): [AnyCanvas, Context2D] {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) return [canvas, ctx];
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new DecodeFailed('no 2D canvas in this browser');
  return [canvas, ctx];
}

async function encodeJpeg(canvas: AnyCanvas, quality: number): Promise<Blob> {
  const blob =
    'convertToBlob' in canvas
      ? await canvas.convertToBlob({ type: 'image/jpeg', quality })
      : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  // A browser that cannot write JPEG silently falls back to PNG; that is not what we store.
  if (!blob || blob.type !== 'image/jpeg')
    throw new DecodeFailed('this browser cannot encode JPEG');
  return blob;
}

async function decode(file: Blob): Promise<Decoded> {
  let reason: unknown;
  if (typeof createImageBitmap === 'function') {
    try {
      // 'from-image' applies the EXIF Orientation tag: a portrait shot comes out portrait.
      const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return {
        image: bitmap,
        width: bitmap.width,
        height: bitmap.height,
        release: () => bitmap.close(),
      };
    } catch (error) {
      reason = error;
    }
  }
  if (typeof document !== 'undefined') {
    // Older engines: an <img> also honours EXIF orientation (CSS image-orientation: from-image).
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
      const release = () => URL.revokeObjectURL(url);
      return { image: img, width: img.naturalWidth, height: img.naturalHeight, release };
    } catch (error) {
      URL.revokeObjectURL(url);
      reason = error;
    }
  }
  throw new DecodeFailed(reason instanceof Error ? reason.message : 'cannot decode the image');
}

/** Draws `source` into a new canvas whose long edge is `longEdge` (never upscaled). */
function drawScaled(
  source: CanvasImageSource,
  width: number,
  height: number,
  longEdge: number,
): AnyCanvas {
  const scale = Math.min(1, longEdge / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const [canvas, ctx] = newCanvas(w, h);
  // JPEG has no alpha: transparent PNG/WebP areas become white, not black.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  return canvas;
}

function release(canvas: AnyCanvas): void {
  // Cheap phones: hand the pixel memory back now rather than at the next GC.
  canvas.width = 0;
  canvas.height = 0;
}

/**
 * Highest quality on the ladder that fits the budget at the largest size; when even the floor
 * does not fit, shrink by the area the budget asks for (at least 10 %) and climb the ladder again.
 */
async function fitBudget(
  decoded: Decoded,
  job: PhotoJob,
): Promise<{ canvas: AnyCanvas; bytes: Blob; quality: number }> {
  let longEdge = Math.min(job.maxLongEdge, Math.max(decoded.width, decoded.height));
  for (;;) {
    const canvas = drawScaled(decoded.image, decoded.width, decoded.height, longEdge);
    let smallest: Blob | undefined;
    for (const quality of QUALITY_LADDER) {
      const bytes = await encodeJpeg(canvas, quality);
      if (bytes.size <= job.maxBytes) return { canvas, bytes, quality };
      smallest = bytes;
    }
    release(canvas);
    const ratio = Math.sqrt(job.maxBytes / (smallest?.size ?? Infinity));
    const next = Math.floor(longEdge * Math.min(0.9, ratio));
    if (next < MIN_LONG_EDGE) {
      throw new EvidenceFileError(
        'TOO_LARGE',
        `Cannot bring the photo under ${job.maxBytes} bytes without shrinking it below ${MIN_LONG_EDGE} px`,
      );
    }
    longEdge = next;
  }
}

export async function runPhotoJob(job: PhotoJob): Promise<PhotoJobResult> {
  // EXIF comes from the original file, read while it decodes and before anything is re-encoded
  // (exifr reads only the leading chunk, not the whole photo).
  const [exif, decoded] = await Promise.all([readExifFields(job.file), decode(job.file)]);
  try {
    if (decoded.width < 1 || decoded.height < 1) throw new DecodeFailed('empty image');
    const { canvas, bytes, quality } = await fitBudget(decoded, job);
    const thumbCanvas = drawScaled(canvas, canvas.width, canvas.height, job.thumbLongEdge);
    const thumbnail = {
      bytes: await encodeJpeg(thumbCanvas, THUMB_QUALITY),
      width: thumbCanvas.width,
      height: thumbCanvas.height,
    };
    const result: PhotoJobResult = {
      bytes,
      width: canvas.width,
      height: canvas.height,
      quality,
      thumbnail,
      ...exif,
    };
    release(thumbCanvas);
    release(canvas);
    return result;
  } finally {
    decoded.release();
  }
}
