// @vitest-environment node
// The commendation calendar over real HTTP: a deployment's own holiday list
// (SHIPPED_DATA_DIR/holidays.json) replaces the built-in one — the comment period skips those
// days, a broken list stops the start — and, on a server clock the test moves, the period closes
// only once it has run, then the council's decision is recorded, each step audited.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VN_HOLIDAY_DATES } from '../../src/shared/calendar/vn-holidays';
import { addWorkingDays, vietnamDateOf } from '../../src/shared/calendar/working-days';
import { Nomination } from '../../src/shared/commendation/schemas';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import {
  loadShippedData,
  SHIPPED_HOLIDAYS_FILE,
  SHIPPED_TEMPLATE_FILE,
  SHIPPED_UNITS_FILE,
  ShippedDataError,
} from '../../sync-server/services/shipped-data';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const shippedDir = path.resolve(import.meta.dirname, '../../data');
const UNIT = '22783';

/** The `count` weekdays after `date` (YYYY-MM-DD). */
function weekdaysAfter(date: string, count: number): string[] {
  const out: string[] = [];
  const day = new Date(`${date}T00:00:00Z`);
  while (out.length < count) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

async function shippedWith(holidays: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-holidays-'));
  for (const file of [SHIPPED_UNITS_FILE, SHIPPED_TEMPLATE_FILE])
    await copyFile(path.join(shippedDir, file), path.join(dir, file));
  await writeFile(path.join(dir, SHIPPED_HOLIDAYS_FILE), JSON.stringify(holidays));
  return dir;
}

/** Takes UNIT to accepted and proposes it; returns the province's token and the draft's id. */
async function acceptedProposal(server: TestServer, seed: number) {
  const nextId = seededIds(seed);
  const step = (event: 'submit' | 'approve' | 'accept'): Mutation => ({
    id: nextId(),
    at: '2026-01-05T00:00:00.000Z',
    type: 'submission.transition',
    submissionId: submissionIdFor('cds-2025', UNIT),
    event,
  });
  const sync = async (username: string, mutations: Mutation[]) => {
    const device = new TestDevice(server.url, (await server.login(username)).token, username);
    expect((await device.sync(mutations)).rejections).toEqual([]);
  };
  await sync(`commune-${UNIT}`, [
    ...answerAll(submissionIdFor('cds-2025', UNIT), nextId),
    step('submit'),
  ]);
  await sync('district-584', [step('approve')]);
  await sync('province', [step('accept')]);
  const token = (await server.login('province')).token;
  const post = (url: string, body: unknown) =>
    fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const created = Nomination.parse(
    await (
      await post('/api/nominations', {
        campaignId: 'cds-2025',
        kind: 'collective',
        unitId: UNIT,
        title: { vi: 'Bằng khen', en: 'Certificate of merit' },
      })
    ).json(),
  );
  return { id: created.id, post };
}

describe('a deployment’s own holidays', () => {
  const today = vietnamDateOf(new Date().toISOString());
  const ownHolidays = weekdaysAfter(today, 3);
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = await shippedWith({
      holidays: ownHolidays.map((date) => ({ date, name: 'Nghỉ theo quyết định của tỉnh' })),
    });
    server = await startTestServer('sqlite', { env: { SHIPPED_DATA_DIR: dir } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('are skipped by the public comment period', async () => {
    const { id, post } = await acceptedProposal(server, 10_0501);
    const published = await post(`/api/nominations/${id}/steps`, { type: 'publish' });
    expect(published.status).toBe(200);
    const { commentUntil } = Nomination.parse(await published.json());
    expect(commentUntil).toBe(addWorkingDays(today, 10, ownHolidays));
    // Three working days later than without them.
    expect(commentUntil).not.toBe(addWorkingDays(today, 10, []));
  });

  it('stop the start when the list is broken, naming the file', async () => {
    const broken = await shippedWith({ holidays: [{ date: '2026-13-01', name: 'Không có' }] });
    try {
      await expect(loadShippedData(broken)).rejects.toThrow(ShippedDataError);
      await expect(loadShippedData(broken)).rejects.toThrow(/holidays\.json is not a valid/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('default to the built-in list when the deployment ships none', async () => {
    const shipped = await loadShippedData(shippedDir);
    expect(shipped.holidays).toContain('2026-09-02');
  });
});

describe('closing the comment period and recording the council’s decision', () => {
  // Monday 4 May 2026, 09:00 in Vietnam; the test moves the server's clock.
  let clock = new Date('2026-05-04T02:00:00.000Z');
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { now: () => clock });
  });
  afterAll(async () => server?.close());

  it('closes only after the last day, then records the decision; each step audited', async () => {
    const { id, post } = await acceptedProposal(server, 10_0601);
    const stepTo = async (body: unknown) => {
      const response = await post(`/api/nominations/${id}/steps`, body);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const published = await stepTo({ type: 'publish' });
    expect(published.status).toBe(200);
    const until = addWorkingDays('2026-05-04', 10, VN_HOLIDAY_DATES);
    expect(Nomination.parse(published.body)).toMatchObject({
      state: 'published',
      publishedAt: '2026-05-04',
      commentUntil: until,
    });
    // On the last day of the period it is still open.
    clock = new Date(`${until}T10:00:00.000+07:00`);
    expect(await stepTo({ type: 'close' })).toMatchObject({
      status: 409,
      body: { error: { code: 'WORKFLOW_VIOLATION' } },
    });
    // And it cannot be decided before it is closed.
    expect((await stepTo({ type: 'decide', decision: 'approved' })).status).toBe(409);
    clock = new Date(`${until}T17:30:00.000Z`); // 00:30 the next day in Vietnam
    const closed = await stepTo({ type: 'close' });
    expect(closed.status).toBe(200);
    expect(Nomination.parse(closed.body).state).toBe('closed');
    // No more comments once closed.
    const comment = await fetch(`${server.url}/api/public/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nominationId: id, body: 'Muộn rồi' }),
    });
    expect(comment.status).toBe(409);
    clock = new Date('2026-05-25T03:00:00.000Z');
    const decided = await stepTo({ type: 'decide', decision: 'approved' });
    expect(decided.status).toBe(200);
    expect(Nomination.parse(decided.body)).toMatchObject({
      state: 'decided',
      decision: 'approved',
      decidedOn: '2026-05-25',
    });
    const events = await server.context.database.db
      .selectFrom('audit_events')
      .select(['action', 'at'])
      .where('action', 'like', 'nomination.%')
      .orderBy('seq')
      .execute();
    expect(events.map((event) => event.action)).toEqual([
      'nomination.create',
      'nomination.publish',
      'nomination.close',
      'nomination.decide',
    ]);
    expect(events.at(-1)?.at).toBe('2026-05-25T03:00:00.000Z');
  });
});
