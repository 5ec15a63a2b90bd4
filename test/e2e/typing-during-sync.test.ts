import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import { launchPhone } from '../helpers/browser';
import { apiToken, signInOnPhone } from '../helpers/officer';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { startServer, type RunningServer } from '../helpers/server-process';
import { TestDevice } from '../helpers/sync-client';

/**
 * The field report: on a fresh commune, what the officer typed while the first sync of the new
 * submission ran was lost ("…ngày 15/01/2025" saved as "…ngày 151/2025", "92,5" stored as 2.5,
 * an answer never saved). Here a person's typing — key by key, 150–350 ms apart, never fill() —
 * goes into a note and two decimal fields of a commune that has no submission yet, on a CPU
 * slowed 4×, while every sync request is held back by the loopback proxy so that syncs and pulls
 * land in the middle of the typing. Every character must be on the phone, on the server, and
 * still there after a reload.
 */
const PASSWORD = 'mat-khau-e2e-2025';
const COMMUNE = '22786';
const SUBMISSION = submissionIdFor('cds-2025', COMMUNE);
const artifacts = path.resolve(import.meta.dirname, 'artifacts');

const NOTE = 'UBND ngày 15/01/2025 ban hành kế hoạch';
const TYPED: { indicatorId: string; label: string; text: string; value: number }[] = [
  { indicatorId: '6.1', label: 'Tỷ lệ (%)', text: '92,5', value: 92.5 },
  { indicatorId: '6.2', label: 'Tỷ lệ (%)', text: '85', value: 85 },
  { indicatorId: '6.5', label: 'Tỷ lệ (%)', text: '37,5', value: 37.5 },
];

/** A person's rhythm, seeded so a failure replays with the same cadence. */
function cadence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return 150 + (state % 201);
  };
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types one key at a time, as a thumb does; the pauses are the typist's, not a wait for state. */
async function typeLikeAPerson(input: Locator, text: string, next: () => number) {
  await input.tap();
  for (const key of text) {
    // pressSequentially sends keys the keyboard map lacks ("à", "ệ") as text input, as an IME does.
    await input.pressSequentially(key);
    await pause(next());
  }
}

/** What the phone's database holds: the answer records and how many changes still wait. */
async function phoneState(page: Page, ids: string[]) {
  return page.evaluate(async (answerIds) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('minh-chung');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const read = (store: string, action: (s: IDBObjectStore) => IDBRequest) =>
      new Promise<unknown>((resolve, reject) => {
        const request = action(db.transaction(store).objectStore(store));
        request.onsuccess = () => resolve(request.result as unknown);
        request.onerror = () => reject(request.error ?? new Error('read failed'));
      });
    const answers: Record<string, unknown> = {};
    for (const id of answerIds) {
      const record = await read('records', (s) => s.get(['answer', id]));
      const fields =
        typeof record === 'object' && record !== null && 'fields' in record
          ? (record.fields as Record<string, unknown>)
          : null;
      answers[id] = fields ? { value: fields.value, note: fields.note } : null;
    }
    const pending = await read('outbox', (s) => s.count());
    db.close();
    return { answers, pending };
  }, ids);
}

describe('typing while the first sync of a new submission runs', () => {
  let server: RunningServer;
  let proxy: FaultProxy;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    proxy = await startFaultProxy(server.url, { seedLabel: 'typing-during-sync' });
    context = await launchPhone();
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('keeps every keystroke on the phone and on the server', async () => {
    await signInOnPhone(page, proxy.url, `commune-${COMMUNE}`, PASSWORD);
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });

    // From here on the server answers every sync late, and the phone's CPU is a cheap phone's.
    proxy.setPolicy(({ method, url }) =>
      method === 'POST' && url.startsWith('/api/sync')
        ? { kind: 'delay', ms: 1200 }
        : { kind: 'pass' },
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

    const next = cadence(20261202);
    // The first edit creates the submission; its sync starts while the note is still being typed.
    const note = page.getByTestId('indicator-1.1').getByRole('textbox', { name: 'Ghi chú' });
    await typeLikeAPerson(note, NOTE, next);
    for (const { indicatorId, label, text } of TYPED) {
      const input = page
        .getByTestId(`indicator-${indicatorId}`)
        .getByRole('textbox', { name: label });
      await typeLikeAPerson(input, text, next);
    }

    // The fields show exactly what was typed, at every moment after the typing too.
    await expect.poll(() => note.inputValue()).toBe(NOTE);
    for (const { indicatorId, label, text } of TYPED)
      expect(
        await page
          .getByTestId(`indicator-${indicatorId}`)
          .getByRole('textbox', { name: label })
          .inputValue(),
      ).toBe(text);

    const ids = ['1.1', ...TYPED.map((typed) => typed.indicatorId)].map((id) =>
      answerIdFor(SUBMISSION, id),
    );
    const expected = {
      [answerIdFor(SUBMISSION, '1.1')]: { value: undefined, note: NOTE },
      ...Object.fromEntries(
        TYPED.map((typed) => [
          answerIdFor(SUBMISSION, typed.indicatorId),
          { value: typed.value, note: undefined },
        ]),
      ),
    };
    // The phone: saved, and every change gone to the server (the outbox drained).
    await expect
      .poll(() => phoneState(page, ids), { timeout: 60_000, interval: 250 })
      .toEqual({ answers: expected, pending: 0 });
    await page.screenshot({ path: path.join(artifacts, 'typing-during-sync.png') });

    // The server: the same values, read back by a fresh device of the same officer.
    const token = await apiToken(server.url, `commune-${COMMUNE}`, PASSWORD, 'check');
    const truth = new Map<string, Record<string, unknown>>();
    for (const change of await new TestDevice(server.url, token, 'typing-check-device').pullAll())
      if (change.collection === 'answer')
        truth.set(change.id, { ...(truth.get(change.id) ?? {}), ...change.fields });
    for (const [id, { value, note: typedNote }] of Object.entries(expected)) {
      expect(truth.get(id)?.value, id).toBe(value);
      expect(truth.get(id)?.note, id).toBe(typedNote);
    }

    // And after a reload, the phone still shows it.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await page.reload();
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });
    await expect.poll(() => note.inputValue()).toBe(NOTE);
    // The number as stored, shown again (the officer's "92,5" reads back as the same number).
    for (const { indicatorId, label, value } of TYPED)
      await expect
        .poll(async () =>
          Number(
            (
              await page
                .getByTestId(`indicator-${indicatorId}`)
                .getByRole('textbox', { name: label })
                .inputValue()
            ).replace(',', '.'),
          ),
        )
        .toBe(value);
  }, 240_000);
});
