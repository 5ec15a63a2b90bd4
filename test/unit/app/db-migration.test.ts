// The device database's versions: a phone that has v1 data (written by an older build) opens it
// with the current MinhChungDb, keeps every row, and gets the v2 upgrade applied.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MinhChungDb,
  type LocalBlob,
  type LocalRecord,
  type OutboxEntry,
} from '../../../src/app/db/database';
import { enqueue } from '../../../src/app/sync/outbox';
import type { Mutation } from '../../../src/shared/protocol/sync';

/** Version 1 exactly as published — a copy, so that editing database.ts cannot change it here. */
const V1_SCHEMA = {
  records: '[collection+id], collection',
  outbox: '++order, &mutationId, state',
  blobs: 'sha256, uploaded',
  syncState: 'key',
  tusUploads: 'key',
};

const UPGRADED_AT = new Date('2026-05-01T08:00:00.000Z');
const SUBMISSION = 'cds-2025@22738';

const opened: Dexie[] = [];
let created = 0;
const uniqueName = () => `migration-${created++}`;
function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(UPGRADED_AT);
});
afterEach(() => {
  vi.useRealTimers();
  for (const db of opened.splice(0)) db.close();
});

const answerSet = (id: string, value: unknown, indicatorId = '1.2'): Mutation => ({
  id,
  at: '2026-01-10T00:00:00.000Z',
  type: 'answer.set',
  submissionId: SUBMISSION,
  indicatorId,
  fields: { value },
});

/** Outbox rows as v1 builds wrote them: before the `sent` flag existed, and after. */
const v1Outbox: Omit<OutboxEntry, 'order'>[] = [
  {
    // Pre-flag build, attempted once (the request timed out): it may be on the server.
    mutationId: '01JA0000000000000000000001',
    mutation: answerSet('01JA0000000000000000000001', 3, '1.1'),
    state: 'pending',
    touches: [`answer|${SUBMISSION}#1.1|value`],
    attempts: 1,
    lastError: 'network: timeout',
    createdAt: '2026-01-10T00:00:00.000Z',
  },
  {
    // Refused by the server, kept for the officer to see.
    mutationId: '01JA0000000000000000000002',
    mutation: answerSet('01JA0000000000000000000002', 120, '6.1'),
    state: 'rejected',
    touches: [],
    attempts: 1,
    sent: 1,
    createdAt: '2026-01-10T00:00:01.000Z',
    rejection: { code: 'VALIDATION_FAILED', message: 'value: too big' },
  },
  {
    // Went out (flag set), but the tab was killed before the attempt was counted.
    mutationId: '01JA0000000000000000000004',
    mutation: answerSet('01JA0000000000000000000004', 2, '2.1'),
    state: 'pending',
    touches: [`answer|${SUBMISSION}#2.1|value`],
    attempts: 0,
    sent: 1,
    createdAt: '2026-01-10T00:00:01.500Z',
  },
  {
    // Pre-flag build, never attempted.
    mutationId: '01JA0000000000000000000003',
    mutation: answerSet('01JA0000000000000000000003', 4),
    state: 'pending',
    touches: [`answer|${SUBMISSION}#1.2|value`],
    attempts: 0,
    createdAt: '2026-01-10T00:00:02.000Z',
  },
];

const bytes = (...values: number[]) => new Uint8Array(values).buffer;
const v1Blobs: Partial<LocalBlob>[] = [
  {
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    size: 3,
    data: bytes(1, 2, 3),
    uploaded: 1,
    createdAt: '2026-01-05T00:00:00.000Z',
  },
  // Written by a build that did not record the time.
  { sha256: 'b'.repeat(64), mime: 'application/pdf', size: 2, data: bytes(4, 5), uploaded: 0 },
];

const v1Records: LocalRecord[] = [
  {
    collection: 'answer',
    id: `${SUBMISSION}#1.2`,
    fields: { id: `${SUBMISSION}#1.2`, submissionId: SUBMISSION, indicatorId: '1.2', value: 4 },
  },
  { collection: 'campaign', id: 'cds-2025', fields: { id: 'cds-2025', status: 'open' } },
];

/** A database as a v1 build leaves it on the phone. */
async function createV1Database(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(V1_SCHEMA);
  await v1.open();
  await v1.table('records').bulkAdd(v1Records);
  await v1.table('outbox').bulkAdd(v1Outbox);
  await v1.table('blobs').bulkAdd(v1Blobs);
  await v1.table('syncState').bulkAdd([
    { key: 'cursor', value: 41 },
    { key: 'deviceId', value: 'device-abcdefgh' },
  ]);
  await v1.table('tusUploads').add({ key: 'tus::a', value: { url: '/api/uploads/aaa' } });
  expect(v1.verno).toBe(1);
  v1.close();
}

describe('the v1 → v2 migration', () => {
  it('keeps every v1 row', async () => {
    const name = uniqueName();
    await createV1Database(name);
    const db = track(new MinhChungDb(name));
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.records.toArray()).toEqual(
      [...v1Records].sort((a, b) =>
        `${a.collection}${a.id}`.localeCompare(`${b.collection}${b.id}`),
      ),
    );
    expect((await db.outbox.orderBy('order').toArray()).map((entry) => entry.mutation)).toEqual(
      v1Outbox.map((entry) => entry.mutation),
    );
    expect(await db.syncState.get('cursor')).toEqual({ key: 'cursor', value: 41 });
    expect(await db.tusUploads.count()).toBe(1);
    const blobs = await db.blobs.toArray();
    expect(blobs.map((blob) => blob.sha256)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(blobs.map((blob) => [...new Uint8Array(blob.data as ArrayBuffer)])).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    // The v1 indexes still answer.
    expect(await db.blobs.where('uploaded').equals(0).primaryKeys()).toEqual(['b'.repeat(64)]);
    expect(await db.outbox.where('state').equals('rejected').count()).toBe(1);
    expect(await db.records.where('collection').equals('answer').count()).toBe(1);
  });

  it('backfills createdAt on blobs that lack it, so the new index lists every photo by age', async () => {
    const name = uniqueName();
    await createV1Database(name);
    const db = track(new MinhChungDb(name));
    expect(await db.blobs.get('a'.repeat(64))).toMatchObject({
      createdAt: '2026-01-05T00:00:00.000Z',
    });
    expect(await db.blobs.get('b'.repeat(64))).toMatchObject({
      createdAt: UPGRADED_AT.toISOString(),
    });
    expect(await db.blobs.orderBy('createdAt').primaryKeys()).toEqual([
      'a'.repeat(64),
      'b'.repeat(64),
    ]);
    expect(
      await db.blobs.where('createdAt').below('2026-02-01T00:00:00.000Z').primaryKeys(),
    ).toEqual(['a'.repeat(64)]);
  });

  it('freezes v1 outbox entries that were attempted, never unfreezes, marks the rest unsent', async () => {
    const name = uniqueName();
    await createV1Database(name);
    const db = track(new MinhChungDb(name));
    const entries = await db.outbox.orderBy('order').toArray();
    expect(
      entries.map((entry) => [entry.mutationId.slice(-1), entry.attempts, entry.sent]),
    ).toEqual([
      ['1', 1, 1],
      ['2', 1, 1],
      ['4', 0, 1],
      ['3', 0, 0],
    ]);
    // Everything else about the entries is untouched.
    expect(entries[1]).toMatchObject({
      state: 'rejected',
      rejection: { code: 'VALIDATION_FAILED', message: 'value: too big' },
    });
    expect(entries[0]).toMatchObject({ lastError: 'network: timeout', state: 'pending' });
  });

  it('keeps the outbox working after the upgrade: order continues and unsent edits still fold', async () => {
    const name = uniqueName();
    await createV1Database(name);
    const db = track(new MinhChungDb(name));
    // The newest entry (1.2, never attempted) takes a further edit of the same answer…
    await enqueue(db, answerSet('01JA0000000000000000000005', 5), 'officer-1');
    expect(await db.outbox.count()).toBe(4);
    expect((await db.outbox.orderBy('order').last())?.mutation).toMatchObject({
      indicatorId: '1.2',
      fields: { value: 5 },
    });
    // …and a change of another answer is queued after it.
    await enqueue(db, answerSet('01JA0000000000000000000006', 1, '1.1'), 'officer-1');
    const orders = (await db.outbox.orderBy('order').toArray()).map((entry) => entry.order);
    expect(orders).toEqual([1, 2, 3, 4, 5]);
  });

  it('is not run again on the next open', async () => {
    const name = uniqueName();
    await createV1Database(name);
    const first = new MinhChungDb(name);
    await first.open();
    first.close();
    vi.setSystemTime(new Date('2027-01-01T00:00:00.000Z'));
    const db = track(new MinhChungDb(name));
    expect((await db.blobs.get('b'.repeat(64)))?.createdAt).toBe(UPGRADED_AT.toISOString());
  });
});

describe('a new install', () => {
  it('starts directly at version 2 with the v2 indexes', async () => {
    const db = track(new MinhChungDb(uniqueName()));
    await db.open();
    expect(db.verno).toBe(2);
    const indexes = Object.fromEntries(
      db.tables.map((table) => [
        table.name,
        [table.schema.primKey.src, ...table.schema.indexes.map((index) => index.src)],
      ]),
    );
    expect(indexes).toEqual({
      records: ['[collection+id]', 'collection'],
      outbox: ['++order', '&mutationId', 'state'],
      blobs: ['sha256', 'uploaded', 'createdAt'],
      syncState: ['key'],
      tusUploads: ['key'],
    });
    await db.blobs.bulkAdd([
      {
        sha256: 'c'.repeat(64),
        mime: 'image/jpeg',
        size: 1,
        data: bytes(1),
        uploaded: 0,
        createdAt: '2026-03-02T00:00:00.000Z',
      },
      {
        sha256: 'd'.repeat(64),
        mime: 'image/jpeg',
        size: 1,
        data: bytes(2),
        uploaded: 0,
        createdAt: '2026-03-01T00:00:00.000Z',
      },
    ]);
    expect(await db.blobs.orderBy('createdAt').primaryKeys()).toEqual([
      'd'.repeat(64),
      'c'.repeat(64),
    ]);
  });
});
