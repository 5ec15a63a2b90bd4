import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase } from '../../sync-server/db/database';
import { en } from '../../src/app/i18n/en';
import { vi } from '../../src/app/i18n/vi';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import { PROTOCOL_VERSION } from '../../src/shared/protocol/sync';
import { allIndicators } from '../helpers/answers';
import { launchPhone } from '../helpers/browser';
import { makePng } from '../helpers/images';
import { apiToken, signInOnPhone } from '../helpers/officer';
import { phoneState, readUi, type PhoneState } from '../helpers/phone-sync';
import { startProtocolProxy, type ProtocolProxy } from '../helpers/protocol-proxy';
import { startServer, type RunningServer } from '../helpers/server-process';
import { TestDevice } from '../helpers/sync-client';

/**
 * A newer build of the app meets a server that has not been updated yet. The loopback proxy
 * shows the server every sync request with `protocol` one above its own, as that build would
 * send it; the server answers 422 PROTOCOL_TOO_NEW. On the phone sync is paused and says why, in
 * words; the officer's answers and photo wait in the outbox untouched (no attempt counted, none
 * refused), across a reload. Once the server "is updated" (the proxy stops rewriting), one tap on
 * "sync now" sends everything, once, and the phone says synced.
 */
const PASSWORD = 'mat-khau-e2e-2025';
const COMMUNE = '22783';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const NEWER = PROTOCOL_VERSION + 1;
const artifacts = path.resolve(import.meta.dirname, 'artifacts');

const firstOption = allIndicators.find((indicator) => indicator.id === '1.1');
if (firstOption?.type !== 'choice') throw new Error('indicator 1.1 is no longer a choice');
/** What the officer answers while the server is older, as the server must hold it at the end. */
const EXPECTED: Record<string, unknown> = {
  '1.1': firstOption.options[0]?.value,
  '1.2': 7,
  '1.3': true,
  '1.4': { numerator: 9, denominator: 10 },
  '3.4': 4,
};

async function answerWhileServerIsOlder(page: Page) {
  const card = (id: string) => page.getByTestId(`indicator-${id}`);
  await card('1.1').getByRole('radio').first().tap();
  await card('1.2').getByRole('textbox', { name: 'cuộc họp' }).fill('7');
  await card('1.3').getByLabel('Có', { exact: true }).tap();
  const ratio = card('1.4').locator('input[inputmode="decimal"]');
  await ratio.nth(0).fill('9');
  await ratio.nth(1).fill('10');
  await card('3.4').getByRole('textbox', { name: 'thôn' }).fill('4');
  await page
    .getByTestId('files-1.3')
    .setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: makePng(800, 600) });
  // Stored on the phone: the tile shows the thumbnail read back with its "waiting" chip.
  const tile = card('1.3').locator('.evidence-tile');
  await tile.locator('img').waitFor({ timeout: 60_000 });
  await tile.getByText('Chờ gửi', { exact: true }).waitFor({ timeout: 60_000 });
}

describe('a newer app against an older server, in real Chromium', () => {
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
  /** The newest request the server was shown as newer, if it carried exactly `ids` and got 422. */
  const refusedWith = (from: number, ids: string[]) => {
    const last = proxy.exchanges.slice(from).findLast((exchange) => exchange.forwarded === NEWER);
    return (
      last?.status === 422 &&
      JSON.stringify([...last.mutationIds].sort()) === JSON.stringify([...ids].sort())
    );
  };

  it('pauses with its outbox kept, and sends it once when the server is updated', async () => {
    await signInOnPhone(page, proxy.url, `commune-${COMMUNE}`, PASSWORD);
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await readUi(page)).phase, { timeout: 30_000 }).toBe('synced');
    const blobsBefore = await serverBlobs();

    // From here on the server sees a build one protocol version ahead of it.
    proxy.announce(NEWER);
    const from = proxy.exchanges.length;
    await answerWhileServerIsOlder(page);
    const kept = await pausedWithEverythingKept(from);
    await screenshotsOfThePause();
    await retriedWhilePaused(kept);

    // A reload (a restart of the app) keeps it all, and is refused again on its first sync.
    const beforeReload = proxy.exchanges.length;
    await page.reload();
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });
    await expect
      .poll(async () => refusedWith(beforeReload, kept) && (await readUi(page)).phase, {
        timeout: 60_000,
      })
      .toBe('paused');
    expectKept(await phoneState(page), kept);
    const meetings = page.getByTestId('indicator-1.2').getByRole('textbox', { name: 'cuộc họp' });
    await expect.poll(() => meetings.inputValue()).toBe('7');

    await afterTheServerIsUpdated(kept, blobsBefore);
  }, 240_000);

  /** Waits until a refused request carried the whole outbox, then checks nothing was lost. */
  async function pausedWithEverythingKept(from: number): Promise<string[]> {
    let ids: string[] = [];
    await expect
      .poll(
        async () => {
          ids = (await phoneState(page)).outbox.map((entry) => entry.mutationId);
          return refusedWith(from, ids) && (await readUi(page)).phase;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe('paused');
    const refused = proxy.exchanges.slice(from).filter((exchange) => exchange.forwarded === NEWER);
    // The app's own protocol went out, and the bodies big enough to be gzipped were rewritten too.
    expect(refused.every((exchange) => exchange.sent === PROTOCOL_VERSION)).toBe(true);
    expect(refused.some((exchange) => exchange.gzip)).toBe(true);

    const state = await phoneState(page);
    expect(state.outbox.map((entry) => entry.mutation.type).sort()).toEqual([
      ...Array<string>(Object.keys(EXPECTED).length).fill('answer.set'),
      'evidence.add',
    ]);
    expectKept(state, ids);
    expect(state.blobs.length).toBeGreaterThan(0);

    const ui = await readUi(page);
    expect(ui).toMatchObject({
      chip: vi.shell.chipServerOutdated,
      headline: vi.sync.paused,
      note: vi.sync.serverOutdated,
    });
    expect(ui.headline).not.toMatch(/^Đã đồng bộ/);
    // The server holds none of it.
    expect(await applied(ids)).toEqual([]);
    expect(await serverAnswers()).toEqual({});
    return ids;
  }

  /** Every kept change waits as new (pending, never attempted, never refused); no photo sent. */
  function expectKept(state: PhoneState, ids: string[]) {
    expect(state.outbox.map((entry) => entry.mutationId).sort()).toEqual([...ids].sort());
    for (const { state: fate, attempts, lastError, rejection } of state.outbox)
      expect({ fate, attempts, lastError, rejection }).toEqual({ fate: 'pending', attempts: 0 });
    expect(state.blobs.every((blob) => blob.uploaded === 0)).toBe(true);
  }

  /** The chip's panel open at 360 × 640, in Vietnamese and in English: readable, not cut off. */
  async function screenshotsOfThePause() {
    const uncut = { chipCut: false, headlineCut: false, noteCut: false };
    await page.getByTestId('sync-chip').click();
    await page.getByTestId('sync-note').waitFor();
    const inVietnamese = await readUi(page);
    await page.screenshot({ path: path.join(artifacts, 'newer-app-paused-vi.png') });
    expect(inVietnamese).toMatchObject(uncut);

    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption('en');
    await expect.poll(async () => (await readUi(page)).note).toBe(en.sync.serverOutdated);
    const inEnglish = await readUi(page);
    await page.screenshot({ path: path.join(artifacts, 'newer-app-paused-en.png') });
    expect(inEnglish).toMatchObject({
      chip: en.shell.chipServerOutdated,
      headline: en.sync.paused,
      ...uncut,
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expect.poll(async () => (await readUi(page)).chip).toBe(vi.shell.chipServerOutdated);
  }

  /**
   * "Sync now" while the server is still older: another refused round, the outbox as it was, and
   * the explanation on screen throughout — the round must not make the open panel jump.
   */
  async function retriedWhilePaused(kept: string[]) {
    await page.evaluate(() => {
      const phases: string[] = [];
      const seen = { phases, noteGone: false };
      Object.assign(window, { pauseWatch: seen });
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLElement>('[data-testid="sync-bar"]');
        const phase = bar?.dataset.phase ?? '';
        if (seen.phases.at(-1) !== phase) seen.phases.push(phase);
        if (!document.querySelector('[data-testid="sync-note"]')) seen.noteGone = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const from = proxy.exchanges.length;
    await page.getByRole('button', { name: vi.sync.now }).click();
    await expect.poll(() => refusedWith(from, kept), { timeout: 30_000 }).toBe(true);
    const watched = z
      .object({ phases: z.array(z.string()), noteGone: z.boolean() })
      .parse(await page.evaluate(() => ('pauseWatch' in window ? window.pauseWatch : null)));
    await expect.poll(async () => (await readUi(page)).phase).toBe('paused');
    expect(watched.phases[0]).toBe('syncing');
    expect(watched.noteGone).toBe(false);
    expectKept(await phoneState(page), kept);
  }

  async function afterTheServerIsUpdated(kept: string[], blobsBefore: number) {
    proxy.announce(null);
    const from = proxy.exchanges.length;
    // The officer taps "sync now" (paused retries on its own only at the regular 3-minute sync).
    await page.getByTestId('sync-chip').click();
    await page.getByRole('button', { name: vi.sync.now }).click();
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

    // Each waiting change went up exactly once, in the app's own protocol, and was applied once.
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
    });
    expect((await readUi(page)).headline).toMatch(/^Đã đồng bộ/);
  }
});
