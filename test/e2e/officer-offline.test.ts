import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/db/database';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { allIndicators } from '../helpers/answers';
import { launchPhone } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server-process';
import { withExif } from '../fixtures/exif-writer';
import { BIG_PHOTO_EXIF, openPhotoLab, renderPhoto } from '../fixtures/make-photos';

const PASSWORD = 'mat-khau-e2e-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const PHOTO_INDICATORS = ['1.1', '1.3', '2.1'];

/**
 * Ticks a radio with one tap, as a thumb does, and checks at once that it took: the first tap must
 * count. (An earlier build reset a card's form from a live query's stale read, which could untick
 * a radio right after the tap; the test then repeated the tap. It no longer does.)
 */
async function tick(radio: Locator) {
  await radio.tap();
  expect(await radio.isChecked()).toBe(true);
}

async function fillIndicator(page: Page, indicatorId: string) {
  const card = page.getByTestId(`indicator-${indicatorId}`);
  const indicator = allIndicators.find((candidate) => candidate.id === indicatorId);
  if (!indicator) throw new Error(indicatorId);
  switch (indicator.type) {
    case 'boolean':
      return tick(card.getByLabel('Có', { exact: true }));
    case 'choice':
      return tick(card.getByRole('radio').first());
    case 'count':
      return card.locator('input[inputmode="numeric"]').fill('5');
    case 'percent':
      return card.locator('input[inputmode="decimal"]').fill('95');
    case 'ratio': {
      const inputs = card.locator('input[inputmode="decimal"]');
      await inputs.nth(0).fill('9');
      return inputs.nth(1).fill('10');
    }
    default:
      throw new Error(`no filler for ${indicator.type}`);
  }
}

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).textContent()) ?? '';

/**
 * Waits until a picked photo is processed and stored on the phone: the card no longer says it is
 * processing, and its tile shows the thumbnail read back from IndexedDB with the "waiting to be
 * sent" chip (the photo, its thumbnail and the evidence record are written in one transaction).
 * Only then do the evidence status and the score have what they are computed from; a tile alone
 * was not enough on a loaded machine, where the score still counted the photo as missing.
 */
async function photoStored(page: Page, indicatorId: string) {
  const card = page.getByTestId(`indicator-${indicatorId}`);
  const tile = card.locator('.evidence-tile');
  await tile.locator('img').waitFor({ timeout: 60_000 });
  await tile.getByText('Chờ gửi', { exact: true }).waitFor({ timeout: 60_000 });
  await card.getByText('Đang xử lý ảnh trên máy…').waitFor({ state: 'detached', timeout: 60_000 });
}

describe('a commune officer on a phone with no signal', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let fixtureDir: string;
  const photos: string[] = [];

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    fixtureDir = await mkdtemp(path.join(os.tmpdir(), 'mc-officer-'));
    // Phone-camera JPEGs of a few MB with EXIF time and GPS, rendered by Chromium's encoder.
    const lab = await openPhotoLab();
    try {
      for (const [index, seed] of [21, 22, 23].entries()) {
        const jpeg = await renderPhoto(lab.page, {
          width: 4000,
          height: 3000,
          type: 'image/jpeg',
          quality: 0.92,
          seed,
          noise: 14,
        });
        const file = path.join(fixtureDir, `IMG_2025031${index}.jpg`);
        await writeFile(file, withExif(jpeg, BIG_PHOTO_EXIF));
        photos.push(file);
      }
    } finally {
      await lab.close();
    }
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('signs in once while online', async () => {
    await page.goto(server.url);
    await page.getByLabel('Tên đăng nhập').fill(`commune-${COMMUNE}`);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => text(page, 'submission-status'), { timeout: 20_000 }).toBe('Đang soạn');
    await expect.poll(() => text(page, 'sync-headline')).toMatch(/^Đã đồng bộ/);
    // The app shell and its lazy chunks are cached once the service worker controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await page.screenshot({ path: path.join(artifacts, 'officer-signed-in.png') });
  });

  it('fills the whole checklist and attaches photos with no connection', async () => {
    await context.setOffline(true);
    await expect.poll(() => text(page, 'network-badge')).toContain('ngoại tuyến');
    for (const indicator of allIndicators) await fillIndicator(page, indicator.id);
    for (const [index, indicatorId] of PHOTO_INDICATORS.entries()) {
      await page.getByTestId(`files-${indicatorId}`).setInputFiles(photos[index] as string);
      await photoStored(page, indicatorId);
    }
    await expect
      .poll(() => text(page, 'progress'))
      .toBe(`Đã trả lời ${allIndicators.length}/${allIndicators.length} chỉ tiêu`);
    for (const indicatorId of PHOTO_INDICATORS)
      await expect
        .poll(() => text(page, `evidence-status-${indicatorId}`))
        .toContain('Đủ minh chứng');
    await expect.poll(() => text(page, 'total-score')).toBe('Điểm tạm tính: 100/1.000');
    await expect.poll(() => text(page, 'sync-pending')).toMatch(/thay đổi chờ gửi/);
    await page.getByTestId('indicator-1.1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, 'officer-offline-filled.png') });
  }, 120_000);

  it('still has everything after a reload with no connection', async () => {
    // Reload as a phone that killed the tab would. No wait is needed first: the progress and the
    // score the previous case waited for are computed from the records stored in IndexedDB (a
    // live query, see use-checklist.ts), not from the form state, so every answer has landed.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect
      .poll(() => text(page, 'progress'), { timeout: 20_000 })
      .toBe(`Đã trả lời ${allIndicators.length}/${allIndicators.length} chỉ tiêu`);
    await expect.poll(() => text(page, 'total-score')).toBe('Điểm tạm tính: 100/1.000');
    await expect.poll(() => page.locator('.evidence-tile').count()).toBe(PHOTO_INDICATORS.length);
    expect(
      await page
        .getByTestId('indicator-1.4')
        .locator('input[inputmode="decimal"]')
        .nth(0)
        .inputValue(),
    ).toBe('9');
    await page.screenshot({
      path: path.join(artifacts, 'officer-offline-reloaded.png'),
      fullPage: false,
    });
  }, 60_000);

  it('exports a backup offline that a fresh phone imports with everything in it', async () => {
    await page.getByRole('link', { name: 'Dữ liệu' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-backup').click(),
    ]);
    const backup = path.join(fixtureDir, download.suggestedFilename());
    await download.saveAs(backup);
    expect(download.suggestedFilename()).toMatch(/^minh-chung-22783-.*\.mcbackup$/);
    await page.screenshot({ path: path.join(artifacts, 'officer-backup-exported.png') });
    await page.getByRole('link', { name: 'Phiếu' }).click();

    // Another phone (a fresh browser profile), online, same officer.
    const other = await launchPhone();
    try {
      const phone = await other.newPage();
      await phone.goto(server.url);
      await phone.getByLabel('Tên đăng nhập').fill(`commune-${COMMUNE}`);
      await phone.getByLabel('Mật khẩu').fill(PASSWORD);
      await phone.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect
        .poll(() => text(phone, 'submission-status'), { timeout: 20_000 })
        .toBe('Đang soạn');
      await phone.getByRole('link', { name: 'Dữ liệu' }).click();
      await phone.getByTestId('import-backup').setInputFiles(backup);
      await expect
        .poll(() => text(phone, 'backup-status'), { timeout: 20_000 })
        .toMatch(/^Đã nhập/);
      await phone.screenshot({ path: path.join(artifacts, 'officer-backup-imported.png') });
      await phone.getByRole('link', { name: 'Phiếu' }).click();
      await expect
        .poll(() => text(phone, 'progress'))
        .toBe(`Đã trả lời ${allIndicators.length}/${allIndicators.length} chỉ tiêu`);
      await expect.poll(() => text(phone, 'total-score')).toBe('Điểm tạm tính: 100/1.000');
      await expect
        .poll(() => phone.locator('.evidence-tile img').count())
        .toBe(PHOTO_INDICATORS.length);
      // The imported work goes to the server from this phone.
      // The detailed sync status (with its button) folds into the app bar's sync chip.
      await phone.getByTestId('sync-chip').click();
      await phone.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect
        .poll(() => text(phone, 'sync-pending'), { timeout: 60_000 })
        .toBe('Mọi thay đổi đã lên máy chủ');
    } finally {
      await other.close();
    }
  }, 120_000);

  it('sends every answer and photo when the connection returns', async () => {
    await context.setOffline(false);
    await page.getByTestId('sync-chip').click();
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect
      .poll(() => text(page, 'sync-pending'), { timeout: 60_000 })
      .toBe('Mọi thay đổi đã lên máy chủ');
    await page.screenshot({ path: path.join(artifacts, 'officer-synced.png') });

    const database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
    try {
      const answers = await database.db
        .selectFrom('records')
        .select(['id', 'data'])
        .where('collection', '=', 'answer')
        .execute();
      expect(answers.filter((row) => row.id.startsWith(`${SUBMISSION}#`))).toHaveLength(
        allIndicators.length,
      );
      const evidence = (
        await database.db
          .selectFrom('records')
          .select('data')
          .where('collection', '=', 'evidence')
          .execute()
      ).map(
        (row) =>
          JSON.parse(row.data) as {
            sha256: string;
            thumbSha256?: string;
            gps?: { lat: number };
            capturedAt?: string;
          },
      );
      expect(evidence).toHaveLength(PHOTO_INDICATORS.length);
      for (const item of evidence) {
        expect(item.gps?.lat).toBeCloseTo(BIG_PHOTO_EXIF.gps?.lat ?? 0, 5);
        expect(item.capturedAt).toBe('2025-03-14T09:26:53+07:00');
        for (const sha of [item.sha256, item.thumbSha256]) {
          if (!sha) throw new Error('missing hash');
          const bytes = await readFile(path.join(server.dataDir, 'blobs', sha.slice(0, 2), sha));
          expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
          expect(bytes.length).toBeLessThanOrEqual(500_000);
        }
      }
    } finally {
      await database.close();
    }
  }, 90_000);
});
