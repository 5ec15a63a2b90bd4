import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/db/database';
import { launchPhone } from '../helpers/browser';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { startServer, type RunningServer } from '../helpers/server-process';
import { withExif } from '../fixtures/exif-writer';
import { BIG_PHOTO_EXIF, openPhotoLab, renderPhoto } from '../fixtures/make-photos';

const PASSWORD = 'mat-khau-e2e-2025';
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
/** What the chip says when all is on the server (vi.ts shell.chipSynced). */
const CHIP_SYNCED = 'Đã đồng bộ';
/** The bar's detail line when nothing waits (vi.ts sync.pendingNone). */
const NOTHING_WAITS = 'Mọi thay đổi đã lên máy chủ';
/** The app's regular sync (controller.ts): a resume must not be that timer's doing. */
const PERIODIC_SYNC_MS = 3 * 60_000;
/** Body bytes of photo creation requests let through before the link fails: mid-upload. */
const GATE_BYTES = 40_000;

type Database = ReturnType<typeof openDatabase>;
type Server = Database['db'];

/** What the officer is told, as read from the page. */
interface UiStatus {
  phase: string;
  chip: string;
  tone: string;
  detail: string;
}

interface Sample extends UiStatus {
  at: number;
  serverBlobs: number;
}

async function readUi(page: Page): Promise<UiStatus> {
  return page.evaluate(() => {
    const chip = document.querySelector('[data-testid="sync-chip"]');
    return {
      phase: document.querySelector('[data-testid="sync-bar"]')?.getAttribute('data-phase') ?? '',
      chip: chip?.querySelector('.sync-chip-text')?.textContent ?? '',
      tone: /sync-chip-(\w+)/.exec(chip?.className ?? '')?.[1] ?? '',
      detail: document.querySelector('[data-testid="sync-pending"]')?.textContent ?? '',
    };
  });
}

async function countBlobs(db: Server): Promise<number> {
  const row = await db
    .selectFrom('blobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const saysSynced = (status: UiStatus) =>
  status.phase === 'synced' || status.chip === CHIP_SYNCED || status.detail === NOTHING_WAITS;

/**
 * Samples the status every 100 ms, and the server's blob count just after it: a "synced" read
 * while the server still lacks a photo that was attached before the read is a lie to the officer.
 */
function watchStatus(page: Page, db: Server) {
  const samples: Sample[] = [];
  const lies: Sample[] = [];
  let expected = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const owed = expected;
      const ui = await readUi(page).catch(() => null);
      const serverBlobs = await countBlobs(db);
      if (ui) {
        const sample = { at: Date.now(), serverBlobs, ...ui };
        const last = samples.at(-1);
        if (!last || last.phase !== ui.phase || last.chip !== ui.chip || last.detail !== ui.detail)
          samples.push(sample);
        if (saysSynced(ui) && serverBlobs < owed) lies.push(sample);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    samples,
    lies,
    /** From now on the server must hold `count` blobs before the app may say "synced". */
    expect(count: number) {
      expected = count;
    },
    /** Distinct statuses since `from`, in order. */
    seenSince: (from: number) => samples.filter((sample) => sample.at >= from),
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Resolves once `condition` holds; the poll is the wait, never a sleep. */
async function until(condition: () => boolean | Promise<boolean>, timeout: number, what: string) {
  await expect.poll(condition, { timeout, interval: 100, message: what }).toBe(true);
}

async function writePhotos(dir: string, seeds: number[]): Promise<string[]> {
  const lab = await openPhotoLab();
  try {
    const files: string[] = [];
    for (const seed of seeds) {
      const jpeg = await renderPhoto(lab.page, {
        width: 2000,
        height: 1500,
        type: 'image/jpeg',
        quality: 0.92,
        seed,
        noise: 30,
      });
      const file = path.join(dir, `IMG_${seed}.jpg`);
      await writeFile(file, withExif(jpeg, BIG_PHOTO_EXIF));
      files.push(file);
    }
    return files;
  } finally {
    await lab.close();
  }
}

/**
 * A commune officer attaches photos and the link fails while they go up: first an outage (every
 * connection refused), then a stall (connections up, no byte moving). The status must never say
 * "synced" while a photo is not on the server, and once the link is back the app must finish on
 * its own — no "sync now", no waiting for the 3-minute timer.
 *
 * Chromium → fault proxy (outage: setOffline) → cut proxy (stall mid-body) → server.
 */
describe('photo uploads through an outage and a stalled link, in real Chromium', () => {
  let server: RunningServer;
  let cut: CutProxy;
  let fault: FaultProxy;
  let database: Database;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let photos: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-outage-'));
    photos = await writePhotos(dir, [11, 12, 13, 14]);
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    cut = await startCutProxy(server.port);
    fault = await startFaultProxy(cut.url, { seedLabel: 'upload-outage' });
    database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await database?.close();
    await fault?.close();
    await cut?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('never says synced while photos wait, and resumes by itself when the link is back', async () => {
    await page.goto(fault.url);
    await page.getByLabel('Tên đăng nhập').fill('commune-22795');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await until(async () => (await readUi(page)).phase === 'synced', 30_000, 'first sync');

    const failed: { at: number; method: string; path: string; error: string }[] = [];
    context.on('requestfailed', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/'))
        failed.push({
          at: Date.now(),
          method: request.method(),
          path: url.pathname,
          error: request.failure()?.errorText ?? '',
        });
    });
    const watch = watchStatus(page, database.db);
    try {
      await photosThroughFailures(watch, failed);
    } catch (error) {
      const t0 = watch.samples[0]?.at ?? 0;
      console.log(
        watch.samples
          .map(
            (s) =>
              `${s.at - t0} ${s.phase} ${s.chip} ${s.tone} ${s.detail} server=${s.serverBlobs}`,
          )
          .join('\n'),
      );
      console.log(failed.map((f) => `${f.at - t0} ${f.method} ${f.path} ${f.error}`).join('\n'));
      throw error;
    } finally {
      await watch.stop();
    }
  }, 240_000);

  type Watch = ReturnType<typeof watchStatus>;
  type Failed = readonly { at: number; path: string }[];
  const input = () => page.getByTestId('files-1.1');
  const tiles = () => page.getByTestId('indicator-1.1').locator('.evidence-tile');
  const allUp = async (watch: Watch, count: number) =>
    (await countBlobs(database.db)) === count && watch.samples.at(-1)?.phase === 'synced';

  /** Two photos attached; the link fails while the first one's creation request is on its way. */
  async function throughOutage(watch: Watch, failed: Failed, baseline: number) {
    cut.stallAfter('POST', GATE_BYTES, '/api/blobs');
    await input().setInputFiles(photos.slice(0, 2));
    // Once the app holds the photos (their tiles show), each waits with its thumbnail: two blobs.
    await until(async () => (await tiles().count()) === 2, 60_000, 'photos attached');
    watch.expect(baseline + 4);
    await until(() => cut.stalled(), 60_000, 'a photo upload under way');
    const at = Date.now();
    fault.setOffline(true);
    cut.resume();
    // It keeps retrying through the outage (backoff 1, 2, 4 s while work waits): three refused
    // rounds (each opens with its sync request) make an outage of several seconds. A refused
    // round lasts milliseconds, too short for the sampler to see "syncing": rounds are counted
    // by their failed requests.
    const rounds = () =>
      failed.filter((request) => request.at >= at && request.path === '/api/sync').length;
    await until(
      () => rounds() >= 3 && watch.samples.at(-1)?.phase === 'retrying',
      60_000,
      'retries during the outage',
    );
    await page.screenshot({ path: path.join(artifacts, 'upload-outage.png') });
    const backAt = Date.now();
    fault.setOffline(false);
    await until(() => allUp(watch, baseline + 4), 60_000, 'all photos up after the outage');
    return { at, backAt, doneAt: Date.now(), rounds: rounds() };
  }

  /** Two more photos; the link stays up but carries nothing in the middle of an upload. */
  async function throughStall(watch: Watch, baseline: number) {
    cut.stallAfter('POST', GATE_BYTES, '/api/blobs');
    await input().setInputFiles(photos.slice(2, 4));
    await until(async () => (await tiles().count()) === 4, 60_000, 'photos attached');
    watch.expect(baseline + 8);
    await until(() => cut.stalled(), 60_000, 'a photo upload under way');
    const at = Date.now();
    // The upload gives up on a link that moves nothing, and the app says so.
    await until(() => watch.samples.at(-1)?.phase === 'retrying', 60_000, 'the stall noticed');
    const backAt = Date.now();
    cut.resume();
    await until(() => allUp(watch, baseline + 8), 60_000, 'all photos up after the stall');
    return { at, backAt, doneAt: Date.now() };
  }

  async function photosThroughFailures(watch: Watch, failed: Failed) {
    const baseline = await countBlobs(database.db);
    const outage = await throughOutage(watch, failed, baseline);
    const stall = await throughStall(watch, baseline);
    const { at: outageAt, backAt: outageBackAt, doneAt: outageDoneAt } = outage;
    const { at: stallAt, backAt: stallBackAt, doneAt: stallDoneAt } = stall;

    const outageSeen = watch.seenSince(outageAt).filter((sample) => sample.at < outageBackAt);
    const stallSeen = watch.seenSince(stallAt).filter((sample) => sample.at < stallBackAt);
    const describeSeen = (seen: Sample[]) =>
      [...new Set(seen.map((sample) => `${sample.phase}/${sample.chip}/${sample.tone}`))].join(
        ', ',
      );
    console.log(
      [
        `upload outage e2e: outage ${outageBackAt - outageAt} ms, all up ${outageDoneAt - outageBackAt} ms after the link came back`,
        `  seen during the outage: ${describeSeen(outageSeen)}; ${outage.rounds} refused rounds`,
        `  stall ${stallBackAt - stallAt} ms, all up ${stallDoneAt - stallBackAt} ms after bytes flowed again`,
        `  seen during the stall: ${describeSeen(stallSeen)}`,
        `  failed: ${failed.map((request) => request.path.slice(5, 15)).join(' ')}`,
        `  ${watch.samples.length} distinct statuses, ${watch.lies.length} "synced" while photos waited`,
      ].join('\n'),
    );

    expect(watch.lies).toEqual([]);
    for (const seen of [outageSeen, stallSeen]) {
      expect(seen.some(saysSynced)).toBe(false);
      expect(seen.map((sample) => sample.phase)).toContain('retrying');
    }
    // The last successful round before each failure was too recent for the 3-minute timer to
    // have done the resume: the app's own retries did.
    expect(outageDoneAt - lastSynced(watch.samples, outageAt)).toBeLessThan(PERIODIC_SYNC_MS);
    expect(stallDoneAt - lastSynced(watch.samples, stallAt)).toBeLessThan(PERIODIC_SYNC_MS);

    const stored = await database.db.selectFrom('blobs').select(['mime', 'bytes']).execute();
    expect(stored).toHaveLength(baseline + 8);
    expect(stored.every((row) => row.mime.startsWith('image/') && Number(row.bytes) > 0)).toBe(
      true,
    );
    const final = await readUi(page);
    expect(final).toMatchObject({ phase: 'synced', chip: CHIP_SYNCED, detail: NOTHING_WAITS });
  }
});

/** When the app last said "synced" before `at` (the periodic timer counts from a success). */
function lastSynced(samples: Sample[], at: number): number {
  const last = samples.filter((sample) => sample.at < at && sample.phase === 'synced').at(-1);
  if (!last) throw new Error('no successful round before the failure');
  return last.at;
}
