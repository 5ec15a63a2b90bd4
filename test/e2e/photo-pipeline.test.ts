// The photo pipeline in real Chromium (jsdom has no canvas): real files through a real
// <input type="file">, every output checked again in Node — size, dimensions (read from the JPEG
// header by the server's own sniffer), hash, EXIF gone, orientation applied.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessOptions } from '../../src/app/features/evidence/photo-pipeline';
import { sniffBlob } from '../../sync-server/blobs/sniff';
import {
  BIG_PHOTO_EXIF,
  openPhotoLab,
  SMALL_PHOTO_EXIF,
  writePhotoFixtures,
  type PhotoFixtures,
  type PhotoLab,
} from '../fixtures/make-photos';
import type { PipelineRun } from './pages/photo-pipeline';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
type Ok = Extract<PipelineRun, { ok: true }>;
type Failed = Extract<PipelineRun, { ok: false }>;
type Rgb = [number, number, number];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Markers between SOI and SOS: where APPn metadata segments would be. */
function headerMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** Checks a returned JPEG in Node: type, dimensions, hash, and not one byte of metadata. */
async function checkJpeg(base64: string, expected: { sha256: string; w: number; h: number }) {
  const bytes = Buffer.from(base64, 'base64');
  expect(sha256(bytes)).toBe(expected.sha256);
  expect(sniffBlob(bytes)).toEqual({
    ok: true,
    mime: 'image/jpeg',
    width: expected.w,
    height: expected.h,
  });
  const markers = headerMarkers(bytes);
  expect(markers.at(-1)).toBe(0xda);
  expect(markers).not.toContain(0xe1); // APP1: EXIF or XMP
  expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  expect(bytes.includes(Buffer.from('http://ns.adobe.com/xap', 'latin1'))).toBe(false);
  const everything = {
    tiff: true,
    ifd1: true,
    exif: true,
    gps: true,
    interop: true,
    xmp: true,
    iptc: true,
  };
  expect(await exifr.parse(bytes, everything)).toBeUndefined();
  expect(await exifr.gps(bytes)).toBeUndefined();
  return bytes;
}

const isRed = ([r, g, b]: Rgb) => r > 200 && g < 70 && b < 70;
const isBlue = ([r, g, b]: Rgb) => b > 200 && r < 70 && g < 70;

describe('photo pipeline in real Chromium on a phone', () => {
  let lab: PhotoLab;
  let files: PhotoFixtures;
  let dir: string;
  const workers: string[] = [];

  async function run(paths: string[], options?: ProcessOptions): Promise<PipelineRun[]> {
    await lab.page.setInputFiles('#files', paths);
    return lab.page.evaluate(async (o) => {
      if (!window.runPipeline) throw new Error('test page not ready');
      return window.runPipeline(o);
    }, options);
  }

  async function runOk(file: string, options?: ProcessOptions): Promise<Ok> {
    const [result] = await run([file], options);
    if (!result?.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
    return result;
  }

  const sample = (base64: string, points: Array<[number, number]>) =>
    lab.page.evaluate(([b, p]) => window.mcPhotoTest?.sample(b, p), [base64, points] as const);

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-photos-'));
    // A zone that is neither UTC nor the EXIF offset, so each source of offset is visible.
    lab = await openPhotoLab({ timezone: 'America/Sao_Paulo' });
    lab.page.on('worker', (worker) => workers.push(worker.url()));
    files = await writePhotoFixtures(lab.page, dir);
  });

  afterAll(async () => {
    await lab?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('turns a 12-megapixel phone JPEG into ≤ 500 KB, ≤ 1600 px, upright, in a worker', async () => {
    // The input really carries what must not leak: EXIF with GPS.
    expect(await exifr.gps(await readFile(files.big))).toMatchObject({ latitude: 11.564512 });
    const out = await runOk(files.big);
    expect(out.inputBytes).toBeGreaterThan(2_500_000);
    expect(out.mime).toBe('image/jpeg');
    expect(out.size).toBeLessThanOrEqual(500_000);
    // Stored 4000×3000 with Orientation 6: the officer held the phone upright.
    expect([out.width, out.height]).toEqual([1200, 1600]);
    const bytes = await checkJpeg(out.base64, { sha256: out.sha256, w: 1200, h: 1600 });
    expect(bytes.length).toBe(out.size);
    // The red marker was stored top-left and the blue one top-right; rotated 90° clockwise
    // they must now sit top-right and bottom-right.
    const [topRight, bottomRight, topLeft] = (await sample(out.base64, [
      [1128, 72],
      [1128, 1528],
      [72, 72],
    ])) as Rgb[] as [Rgb, Rgb, Rgb];
    expect(isRed(topRight)).toBe(true);
    expect(isBlue(bottomRight)).toBe(true);
    expect(isRed(topLeft) || isBlue(topLeft)).toBe(false);
    expect(workers.some((url) => url.includes('photo-worker'))).toBe(true);
    console.log(`12-MP: ${out.inputBytes} → ${out.size} bytes in ${Math.round(out.ms)} ms`);
  });

  it('keeps capture time and GPS as fields, read from EXIF before re-encoding', async () => {
    const out = await runOk(files.big);
    expect(BIG_PHOTO_EXIF.offsetTimeOriginal).toBe('+07:00');
    expect(out.capturedAt).toBe('2025-03-14T09:26:53+07:00');
    expect(out.gps?.lat).toBeCloseTo(11.564_512, 6);
    expect(out.gps?.lng).toBeCloseTo(108.988_643, 6);
    expect(out.gps?.accuracy).toBe(4.5);
  });

  it('makes a 320 px JPEG thumbnail with its own hash and no metadata', async () => {
    const out = await runOk(files.big);
    const thumb = out.thumbnail;
    if (!thumb) throw new Error('no thumbnail');
    expect([thumb.width, thumb.height]).toEqual([240, 320]);
    expect(thumb.sha256).not.toBe(out.sha256);
    const bytes = await checkJpeg(thumb.base64, { sha256: thumb.sha256, w: 240, h: 320 });
    expect(bytes.length).toBe(thumb.size);
    expect(thumb.size).toBeLessThan(40_000);
  });

  it('never upscales, applies a 180° orientation and reads a time without offset as local', async () => {
    const out = await runOk(files.small);
    expect([out.width, out.height]).toEqual([1200, 900]);
    await checkJpeg(out.base64, { sha256: out.sha256, w: 1200, h: 900 });
    const [bottomRight, bottomLeft] = (await sample(out.base64, [
      [1146, 846],
      [54, 846],
    ])) as Rgb[] as [Rgb, Rgb];
    expect(isRed(bottomRight)).toBe(true);
    expect(isBlue(bottomLeft)).toBe(true);
    expect(SMALL_PHOTO_EXIF.offsetTimeOriginal).toBeUndefined();
    // The browser runs in America/Sao_Paulo (UTC−3, no daylight saving since 2019).
    expect(out.capturedAt).toBe('2024-12-31T23:59:58-03:00');
    expect(out.gps).toEqual({
      lat: expect.closeTo(-8.047_562, 6) as number,
      lng: expect.closeTo(-34.877_002, 6) as number,
    });
    expect([out.thumbnail?.width, out.thumbnail?.height]).toEqual([320, 240]);
  });

  it('re-encodes a PNG as JPEG with the aspect ratio kept and no invented metadata', async () => {
    const out = await runOk(files.png);
    expect(out.mime).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([1600, 1067]);
    await checkJpeg(out.base64, { sha256: out.sha256, w: 1600, h: 1067 });
    expect(out.capturedAt).toBeUndefined();
    expect(out.gps).toBeUndefined();
    expect([out.thumbnail?.width, out.thumbnail?.height]).toEqual([320, 213]);
  });

  it('passes a PDF through byte for byte, without thumbnail', async () => {
    const out = await runOk(files.pdf);
    const original = await readFile(files.pdf);
    const bytes = Buffer.from(out.base64, 'base64');
    expect(bytes.equals(original)).toBe(true);
    expect(out.mime).toBe('application/pdf');
    expect(out.sha256).toBe(sha256(original));
    expect(out.size).toBe(original.length);
    expect(out.thumbnail).toBeUndefined();
    expect(out.width).toBeUndefined();
  });

  it('refuses what is not a photo or PDF by content, not by name', async () => {
    const runs = (await run([files.text, files.corrupt, files.heic])) as Failed[];
    expect(runs.map((r) => [r.name, r.ok, r.code])).toEqual([
      // Named as a photo but not one inside: "damaged", never "only JPEG, PNG, WebP".
      ['not-a-photo.jpg', false, 'DAMAGED'],
      ['corrupt.jpg', false, 'UNREADABLE'],
      // Chromium has no HEIC decoder: a type this browser cannot open, not a broken file.
      ['IMG_0001.HEIC', false, 'UNSUPPORTED_TYPE'],
    ]);
    const bigPdf = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    bigPdf.write('%PDF-1.7\n', 'latin1');
    await lab.page.setInputFiles('#files', {
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: bigPdf,
    });
    const [tooBig] = (await lab.page.evaluate(() => window.runPipeline?.())) ?? [];
    expect(tooBig).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    // Random bytes: as a .png it is a damaged photo; with a name that claims nothing, a wrong type.
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 151 + 7) % 256));
    for (const [name, mimeType, code] of [
      ['IMG_0002.png', 'image/png', 'DAMAGED'],
      ['notes.bin', 'application/octet-stream', 'UNSUPPORTED_TYPE'],
    ] as const) {
      await lab.page.setInputFiles('#files', { name, mimeType, buffer: noise });
      const [result] = (await lab.page.evaluate(() => window.runPipeline?.())) ?? [];
      expect(result).toMatchObject({ ok: false, code });
    }
  });

  it('shrinks further when the quality floor is not enough, on the main thread too', async () => {
    const before = workers.length;
    const out = await runOk(files.big, { maxBytes: 60_000, useWorker: false });
    expect(workers.length).toBe(before);
    expect(out.size).toBeLessThanOrEqual(60_000);
    const long = Math.max(out.width ?? 0, out.height ?? 0);
    expect(long).toBeLessThan(1600);
    expect(out.height).toBe(long);
    expect(Math.abs((out.width ?? 0) / long - 0.75)).toBeLessThan(0.01);
    await checkJpeg(out.base64, { sha256: out.sha256, w: out.width ?? 0, h: out.height ?? 0 });
    expect(out.capturedAt).toBe('2025-03-14T09:26:53+07:00');
    const [impossible] = await run([files.big], { maxBytes: 2_000 });
    expect(impossible).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    await lab.page.screenshot({ path: path.join(artifacts, 'photo-pipeline.png'), fullPage: true });
  });
});
