// Photo budget: a 12-megapixel phone JPEG (4000×3000, several MB, EXIF with GPS and orientation)
// through the real pipeline in headless Chromium, as stored and sent. Budget: ≤ 500 KB, long edge
// ≤ 1600 px. processMs is the median of three runs of processEvidenceFile (worker start, decode,
// resize, JPEG loop, thumbnail, hashes) on this machine's CPU — a cheap phone is several times
// slower.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPhotoLab, writeBigPhoto } from '../test/fixtures/make-photos';
import { writeResults } from './lib/results';

export interface PhotoFigures {
  photoBytes: number;
  photoLongEdge: number;
  inputBytes: number;
  processMs: number;
}

const RUNS = 3;

export async function measurePhotoBytes(): Promise<PhotoFigures> {
  const lab = await openPhotoLab();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-photo-bench-'));
  try {
    const file = await writeBigPhoto(lab.page, dir);
    await lab.page.setInputFiles('#files', Array<string>(RUNS).fill(file));
    const runs = await lab.page.evaluate(async () => {
      if (!window.runPipeline) throw new Error('photo test page not ready');
      return window.runPipeline();
    });
    const first = runs[0];
    if (!first?.ok) throw new Error(`pipeline failed: ${JSON.stringify(first)}`);
    const times = runs.map((run) => run.ms).sort((a, b) => a - b);
    return {
      photoBytes: first.size,
      photoLongEdge: Math.max(first.width ?? 0, first.height ?? 0),
      inputBytes: (await stat(file)).size,
      processMs: Math.round(times[Math.floor(times.length / 2)] ?? first.ms),
    };
  } finally {
    await lab.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await measurePhotoBytes();
  console.log(figures);
  console.log(
    `wrote ${await writeResults('app', { photo: { ...figures, photoBudgetBytes: 500_000 } })}`,
  );
}
