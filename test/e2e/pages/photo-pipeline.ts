// Test page for the photo pipeline (served by a Vite dev server that the e2e test and the bench
// start themselves). Playwright puts real files into the <input> and calls window.runPipeline;
// results come back serialised (bytes as base64) so Node can check them independently.
import {
  EvidenceFileError,
  processEvidenceFile,
  type ProcessOptions,
} from '../../../src/app/features/evidence/photo-pipeline';
import { blobToBase64, paintPhoto, type PaintSpec } from '../../fixtures/photo-painter';

interface Common {
  name: string;
  inputBytes: number;
  ms: number;
}

export type PipelineRun =
  | (Common & {
      ok: true;
      mime: string;
      sha256: string;
      size: number;
      width?: number;
      height?: number;
      capturedAt?: string;
      gps?: { lat: number; lng: number; accuracy?: number };
      base64: string;
      thumbnail?: { base64: string; sha256: string; width: number; height: number; size: number };
    })
  | (Common & { ok: false; code: string; message: string });

export interface PhotoTestApi {
  /** Paints a fixture photo in this page and returns its encoded bytes as base64. */
  paint(spec: PaintSpec): Promise<string>;
  /** RGB of the given pixels of an encoded image (decoded with EXIF orientation applied). */
  sample(base64: string, points: Array<[number, number]>): Promise<Array<[number, number, number]>>;
}

declare global {
  interface Window {
    mcPhotoTest?: PhotoTestApi;
    /** Runs every file currently in the page's <input type="file">, one after the other. */
    runPipeline?: (options?: ProcessOptions) => Promise<PipelineRun[]>;
  }
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function runOne(file: File, options: ProcessOptions | undefined): Promise<PipelineRun> {
  const started = performance.now();
  const common = { name: file.name, inputBytes: file.size };
  try {
    const out = await processEvidenceFile(file, options);
    const ms = performance.now() - started;
    const run: PipelineRun = {
      ...common,
      ms,
      ok: true,
      mime: out.mime,
      sha256: out.sha256,
      size: out.size,
      base64: await blobToBase64(out.bytes),
    };
    if (out.width !== undefined) run.width = out.width;
    if (out.height !== undefined) run.height = out.height;
    if (out.capturedAt !== undefined) run.capturedAt = out.capturedAt;
    if (out.gps !== undefined) run.gps = out.gps;
    if (out.thumbnail) {
      const { bytes, sha256, width, height } = out.thumbnail;
      run.thumbnail = {
        base64: await blobToBase64(bytes),
        sha256,
        width,
        height,
        size: bytes.size,
      };
    }
    show(run, out.thumbnail?.bytes ?? null);
    return run;
  } catch (error) {
    const ms = performance.now() - started;
    const run: PipelineRun =
      error instanceof EvidenceFileError
        ? { ...common, ms, ok: false, code: error.code, message: error.message }
        : { ...common, ms, ok: false, code: 'THREW', message: String(error) };
    show(run, null);
    return run;
  }
}

function show(run: PipelineRun, thumbnail: Blob | null): void {
  const figure = document.createElement('figure');
  if (thumbnail) {
    const img = document.createElement('img');
    img.src = URL.createObjectURL(thumbnail);
    figure.append(img);
  }
  const caption = document.createElement('figcaption');
  if (run.ok) {
    const where = run.gps ? ` · ${run.gps.lat.toFixed(5)}, ${run.gps.lng.toFixed(5)}` : '';
    caption.textContent =
      `${run.name}: ${run.inputBytes} → ${run.size} bytes ${run.mime}` +
      (run.width ? ` ${run.width}×${run.height}` : '') +
      ` in ${Math.round(run.ms)} ms · ${run.capturedAt ?? 'no time'}${where}`;
  } else {
    caption.className = 'error';
    caption.textContent = `${run.name}: ${run.code} — ${run.message}`;
  }
  figure.append(caption);
  document.getElementById('results')?.append(figure);
}

window.runPipeline = async (options) => {
  const input = document.getElementById('files') as HTMLInputElement;
  const runs: PipelineRun[] = [];
  for (const file of Array.from(input.files ?? [])) runs.push(await runOne(file, options));
  return runs;
};

window.mcPhotoTest = {
  paint: async (spec) => blobToBase64(await paintPhoto(spec)),
  sample: async (base64, points) => {
    const bitmap = await createImageBitmap(new Blob([fromBase64(base64)]), {
      imageOrientation: 'from-image',
    });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    return points.map(([x, y]) => {
      const [r = 0, g = 0, b = 0] = ctx.getImageData(x, y, 1, 1).data;
      return [r, g, b];
    });
  },
};
