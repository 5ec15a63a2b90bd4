import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/db/database';
import { launchPhone } from '../helpers/browser';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import { startServer, type RunningServer } from '../helpers/server-process';
import { withExif } from '../fixtures/exif-writer';
import { BIG_PHOTO_EXIF, openPhotoLab, renderPhoto } from '../fixtures/make-photos';

const PASSWORD = 'mat-khau-e2e-2025';
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
/** The app's tus chunk size (src/app/sync/uploader.ts): a processed photo fits in one. */
const CHUNK_BYTES = 1024 * 1024;

type BlobEvent =
  | { kind: 'request'; method: string; id: string; offset: number | null }
  | { kind: 'response'; method: string; id: string; status: number; offset: number | null };

const blobIdOf = (url: string) => new URL(url).pathname.split('/').pop() ?? '';
const offsetOf = (header: string | undefined) => (header === undefined ? null : Number(header));

/**
 * The resume of one upload: the first PATCH of this blob, and the offset the server reported just
 * before it — by HEAD, or by the answer to a creation POST that Chromium re-sent on its own after
 * the cut (creation-with-upload: that answer carries the offset the server holds).
 */
function resumeOf(log: BlobEvent[], id: string) {
  const patchAt = log.findIndex(
    (event) => event.kind === 'request' && event.method === 'PATCH' && event.id === id,
  );
  if (patchAt === -1) throw new Error(`no PATCH for ${id}: ${JSON.stringify(log)}`);
  const answer = log
    .slice(0, patchAt)
    .reverse()
    .find(
      (event) =>
        event.kind === 'response' &&
        event.status < 300 &&
        event.offset !== null &&
        (event.method === 'HEAD' ? event.id === id : event.method === 'POST'),
    );
  if (!answer) throw new Error(`no offset answered before the PATCH: ${JSON.stringify(log)}`);
  return { serverOffset: answer.offset, patchOffset: log[patchAt]?.offset ?? null };
}

/**
 * The phone's connection drops in the middle of a photo upload. The upload must continue from
 * where the server stopped — not start over — and the server must end up with the exact bytes.
 */
describe('a photo upload cut half way, in real Chromium', () => {
  let server: RunningServer;
  let proxy: CutProxy;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let photo: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-resume-'));
    const lab = await openPhotoLab();
    try {
      const jpeg = await renderPhoto(lab.page, {
        width: 4000,
        height: 3000,
        type: 'image/jpeg',
        quality: 0.95,
        seed: 77,
        noise: 30,
      });
      photo = path.join(dir, 'IMG_resume.jpg');
      await writeFile(photo, withExif(jpeg, BIG_PHOTO_EXIF));
    } finally {
      await lab.close();
    }
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    // The phone reaches the server only through this proxy, which can cut a request mid-body.
    proxy = await startCutProxy(server.port);
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await proxy?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes from the server offset, with at most one chunk re-sent', async () => {
    await page.goto(proxy.url);
    await page.getByLabel('Tên đăng nhập').fill('commune-22795');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });

    // Every blob request and answer, in order, with the tus offset each carried.
    const log: BlobEvent[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/blobs/'))
        log.push({
          kind: 'request',
          method: request.method(),
          id: blobIdOf(request.url()),
          offset: offsetOf(request.headers()['upload-offset']),
        });
    });
    page.on('response', (response) => {
      const request = response.request();
      if (request.url().includes('/api/blobs/'))
        log.push({
          kind: 'response',
          method: request.method(),
          id: blobIdOf(request.url()),
          status: response.status(),
          offset: offsetOf(response.headers()['upload-offset']),
        });
    });
    // The photo goes up in its creation request (creation-with-upload), resumed with a PATCH.
    const uploadBytes = () => proxy.bodyBytes('POST', '/api/blobs') + proxy.bodyBytes('PATCH');
    const before = uploadBytes();
    proxy.cutAfter('POST', 70_000, '/api/blobs');
    await page.getByTestId('files-1.1').setInputFiles(photo);
    await page.getByTestId('indicator-1.1').locator('.evidence-tile').waitFor({ timeout: 30_000 });
    await page.getByTestId('sync-chip').click();
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect
      .poll(async () => (await page.getByTestId('sync-pending').textContent()) ?? '', {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('Mọi thay đổi đã lên máy chủ');
    await page.screenshot({ path: path.join(artifacts, 'upload-resumed.png') });

    const database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
    try {
      const stored = await database.db
        .selectFrom('blobs')
        .select(['sha256', 'bytes', 'mime'])
        .execute();
      const photoRow = stored.sort((a, b) => Number(b.bytes) - Number(a.bytes))[0];
      if (!photoRow) throw new Error('no blob stored');
      const total = stored.reduce((sum, row) => sum + Number(row.bytes), 0);
      const sent = uploadBytes() - before;
      // The cut happened inside the photo's creation request (up to 70,000 of its bytes had gone up), and the upload went
      // on from the offset the server reported, not from zero. How many of the 70,000 bytes the
      // server had stored when the socket went depends on the machine (58,664 on one run), so the
      // test asserts the protocol, not a number: the first PATCH starts exactly at the offset the
      // server last reported, which is above zero and no further than the cut.
      expect(Number(photoRow.bytes)).toBeGreaterThan(70_000);
      const resumed = resumeOf(log, photoRow.sha256);
      expect(resumed.serverOffset).toBeGreaterThan(0);
      expect(resumed.serverOffset).toBeLessThanOrEqual(70_000);
      expect(resumed.patchOffset).toBe(resumed.serverOffset);
      // Everything sent is the photo and its thumbnail plus at most one chunk: Chromium itself
      // may re-send a request cut on a reused connection (the server answers it from the offset
      // it holds without storing the body again), so the budget is one chunk — the cut request.
      expect(sent - total).toBeGreaterThanOrEqual(0);
      expect(sent - total).toBeLessThanOrEqual(CHUNK_BYTES);
      console.log(
        `upload resume e2e: resumed at ${resumed.serverOffset}, ${total} bytes stored, ${sent} upload bytes sent, ${sent - total} re-sent`,
      );
    } finally {
      await database.close();
    }
  }, 120_000);
});
