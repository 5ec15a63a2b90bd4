import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/db/database';
import { en } from '../../src/app/i18n/en';
import { vi } from '../../src/app/i18n/vi';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import { OLDEST_SUPPORTED_PROTOCOL, PROTOCOL_VERSION } from '../../src/shared/protocol/sync';
import { launchPhone } from '../helpers/browser';
import { makePng } from '../helpers/images';
import { apiToken, signInOnPhone } from '../helpers/officer';
import { phoneState, readUi, type PhoneState } from '../helpers/phone-sync';
import { startProtocolProxy, type ProtocolProxy } from '../helpers/protocol-proxy';
import { startServer, type RunningServer } from '../helpers/server-process';
import { TestDevice } from '../helpers/sync-client';

/**
 * An app older than the server will accept: the loopback proxy shows the server every sync
 * request with `protocol` below OLDEST_SUPPORTED_PROTOCOL, as such a build would send it, and the
 * server answers 426 PROTOCOL_OUTDATED. On the phone sync stops and says, uncut at 360 px, that
 * the app must be updated and the data is safe; the answers and photo wait in the outbox untouched
 * (no attempt counted, none refused), nothing reaches the server, and the "sync now" button is
 * disabled, since a blocked scheduler would not even start a round. The way out in the real app is
 * the service worker update, which reloads the page: here the proxy stops rewriting (the new build
 * speaks the server's protocol) and the page reloads; everything goes up once and the phone says
 * synced.
 */
const PASSWORD = 'mat-khau-e2e-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const OLDER = OLDEST_SUPPORTED_PROTOCOL - 1;
const artifacts = path.resolve(import.meta.dirname, 'artifacts');
/** What the officer answers while the app is outdated, as the server must hold it at the end. */
const EXPECTED: Record<string, unknown> = { '1.2': 5, '1.3': true };

async function answerWhileOutdated(page: Page) {
  const card = (id: string) => page.getByTestId(`indicator-${id}`);
  await card('1.2').getByRole('textbox', { name: 'cuộc họp' }).fill('5');
  await card('1.3').getByLabel('Có', { exact: true }).tap();
  await page
    .getByTestId('files-1.3')
    .setInputFiles({ name: 'IMG_0002.png', mimeType: 'image/png', buffer: makePng(640, 480) });
  const tile = card('1.3').locator('.evidence-tile');
  await tile.locator('img').waitFor({ timeout: 60_000 });
  await tile.getByText('Chờ gửi', { exact: true }).waitFor({ timeout: 60_000 });
}

/** Every kept change waits as new (pending, never attempted, never refused); no photo sent. */
function expectKept(state: PhoneState, ids: string[]) {
  expect(state.outbox.map((entry) => entry.mutationId).sort()).toEqual([...ids].sort());
  for (const { state: fate, attempts, lastError, rejection } of state.outbox)
    expect({ fate, attempts, lastError, rejection }).toEqual({ fate: 'pending', attempts: 0 });
  expect(state.blobs.length).toBeGreaterThan(0);
  expect(state.blobs.every((blob) => blob.uploaded === 0)).toBe(true);
}

describe('an app older than the server accepts, in real Chromium', () => {
  let server: RunningServer;
  let proxy: ProtocolProxy;
  let database: ReturnType<typeof openDatabase>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    proxy = await startProtocolProxy(server.url);
    database = openDatabase('sqlite:minh-chung.sqlite', server.dataDir);
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await database?.close();
    await proxy?.close();
    await server?.stop();
  });

  const applied = async (ids: string[]) =>
    (
      await database.db
        .selectFrom('applied_mutations')
        .select('id')
        .where('id', 'in', ids)
        .execute()
    )
      .map((row) => row.id)
      .sort();
  const serverBlobs = async () =>
    Number(
      (
        await database.db
          .selectFrom('blobs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The answers of the submission as a fresh device of the same officer pulls them. */
  async function serverAnswers(): Promise<Record<string, unknown>> {
    const token = await apiToken(server.url, `commune-${COMMUNE}`, PASSWORD, 'check');
    const device = new TestDevice(server.url, token, `check-${Date.now()}`);
    const answers: Record<string, unknown> = {};
    for (const change of await device.pullAll()) {
      const indicatorId = Object.keys(EXPECTED).find(
        (id) => answerIdFor(SUBMISSION, id) === change.id,
      );
      if (change.collection === 'answer' && indicatorId && 'value' in change.fields)
        answers[indicatorId] = change.fields.value;
    }
    return answers;
  }
  /** The newest request the server was shown as older, if it carried exactly `ids` and got 426. */
  const refusedWith = (from: number, ids: string[]) => {
    const last = proxy.exchanges.slice(from).findLast((exchange) => exchange.forwarded === OLDER);
    return (
      last?.status === 426 &&
      JSON.stringify([...last.mutationIds].sort()) === JSON.stringify([...ids].sort())
    );
  };
  // The bar's one button, found whether or not the chip's panel is open.
  const syncNow = () => page.locator('[data-testid="sync-bar"] button');

  it('stops, says "update", keeps its outbox, and sends it once after the update', async () => {
    await signInOnPhone(page, proxy.url, `commune-${COMMUNE}`, PASSWORD);
    await page.getByTestId('indicator-1.2').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await readUi(page)).phase, { timeout: 30_000 }).toBe('synced');
    const blobsBefore = await serverBlobs();

    // From here on the server sees a build older than the oldest it accepts.
    proxy.announce(OLDER);
    const from = proxy.exchanges.length;
    await answerWhileOutdated(page);
    const kept = await blockedWithEverythingKept(from);
    await screenshotsOfTheBlock();

    // Restarting the app is no way out while it is still the old build: blocked again at once.
    const beforeReload = proxy.exchanges.length;
    await page.reload();
    await page.getByTestId('indicator-1.2').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => refusedWith(beforeReload, kept) && (await readUi(page)).phase, {
        timeout: 60_000,
      })
      .toBe('blocked');
    expectKept(await phoneState(page), kept);
    expect(await applied(kept)).toEqual([]);

    await afterTheUpdate(kept, blobsBefore);
  }, 240_000);

  /**
   * Waits until all three changes are saved and sync is blocked by a 426, then checks nothing was
   * lost. Blocked, the app sends no further request: the refused one carried what was saved by
   * then (the first answer at least), the later changes never left the phone.
   */
  async function blockedWithEverythingKept(from: number): Promise<string[]> {
    let ids: string[] = [];
    const refused = () => proxy.exchanges.slice(from);
    await expect
      .poll(
        async () => {
          ids = (await phoneState(page)).outbox.map((entry) => entry.mutationId);
          const answered = refused().some((exchange) => exchange.status === 426);
          return ids.length === 3 && answered && (await readUi(page)).phase;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe('blocked');
    for (const exchange of refused())
      expect(exchange).toMatchObject({ sent: PROTOCOL_VERSION, forwarded: OLDER, status: 426 });
    expect(refused().flatMap((exchange) => exchange.mutationIds)).not.toEqual([]);

    const state = await phoneState(page);
    expect(state.outbox.map((entry) => entry.mutation.type).sort()).toEqual([
      'answer.set',
      'answer.set',
      'evidence.add',
    ]);
    expectKept(state, ids);
    expect(await readUi(page)).toMatchObject({
      chip: vi.shell.chipOutdated,
      headline: vi.sync.outdated,
      note: vi.auth.outdated,
    });
    expect(await syncNow().textContent()).toBe(vi.sync.now);
    expect(await syncNow().isDisabled()).toBe(true);
    // The server holds none of it, the photo included.
    expect(await applied(ids)).toEqual([]);
    expect(await serverAnswers()).toEqual({});
    return ids;
  }

  /** The chip's panel open at 360 × 640, in Vietnamese and in English: readable, not cut off. */
  async function screenshotsOfTheBlock() {
    const uncut = { chipCut: false, headlineCut: false, noteCut: false };
    await page.getByTestId('sync-chip').click();
    await page.getByTestId('sync-note').waitFor();
    const inVietnamese = await readUi(page);
    await page.screenshot({ path: path.join(artifacts, 'older-app-outdated-vi.png') });
    expect(inVietnamese).toMatchObject(uncut);

    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await expect.poll(async () => (await readUi(page)).note).toBe(en.auth.outdated);
    const inEnglish = await readUi(page);
    await page.screenshot({ path: path.join(artifacts, 'older-app-outdated-en.png') });
    expect(inEnglish).toMatchObject({
      chip: en.shell.chipOutdated,
      headline: en.sync.outdated,
      ...uncut,
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expect.poll(async () => (await readUi(page)).chip).toBe(vi.shell.chipOutdated);
  }

  /** The new build speaks the server's protocol; its first start sends what waited, once. */
  async function afterTheUpdate(kept: string[], blobsBefore: number) {
    proxy.announce(null);
    const from = proxy.exchanges.length;
    await page.reload();
    await expect
      .poll(
        async () => {
          const state = await phoneState(page);
          return (
            state.outbox.length === 0 &&
            state.blobs.every((blob) => blob.uploaded === 1) &&
            (await readUi(page)).phase
          );
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe('synced');

    const sent = proxy.exchanges.slice(from).flatMap((exchange) => exchange.mutationIds);
    expect(sent.sort()).toEqual([...kept].sort());
    expect(proxy.exchanges.slice(from).every((e) => e.forwarded === PROTOCOL_VERSION)).toBe(true);
    expect(await applied(kept)).toEqual([...kept].sort());
    expect(await serverAnswers()).toEqual(EXPECTED);
    // The photo and its thumbnail.
    expect(await serverBlobs()).toBe(blobsBefore + 2);
    expect(await readUi(page)).toMatchObject({
      phase: 'synced',
      chip: vi.shell.chipSynced,
      detail: vi.sync.pendingNone,
      note: '',
    });
  }
});
