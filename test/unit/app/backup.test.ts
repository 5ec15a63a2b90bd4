import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { MinhChungDb, type LocalRecord } from '../../../src/app/db/database';
import type { Session } from '../../../src/app/features/auth/session';
import {
  BACKUP_VERSION,
  BackupError,
  exportBackup,
  importBackup,
  type BackupErrorCode,
} from '../../../src/app/features/backup';
import { toBytes } from '../../../src/app/features/backup/bytes';
import { enqueue } from '../../../src/app/sync/outbox';
import type { SessionUser } from '../../../src/shared/protocol/auth';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { seededIds } from '../../helpers/sync-client';

const SUBMISSION = 'cds-2025@22783';
const AT = '2026-03-01T08:00:00.000Z';

function sessionFor(user: Partial<SessionUser> & Pick<SessionUser, 'id'>): Session {
  return {
    token: 'token',
    expiresAt: '2027-01-01T00:00:00.000Z',
    signedInAt: AT,
    user: {
      username: user.id,
      displayName: user.id,
      role: 'commune_officer',
      orgUnitId: '22783',
      orgPath: '/58/584/22783/',
      ...user,
    },
  };
}

const officer = sessionFor({ id: 'u-22783', username: 'commune-22783' });
const otherOfficer = sessionFor({
  id: 'u-22786',
  username: 'commune-22786',
  orgUnitId: '22786',
  orgPath: '/58/584/22786/',
});
const reviewer = sessionFor({
  id: 'u-584',
  username: 'district-584',
  role: 'district_reviewer',
  orgUnitId: '584',
  orgPath: '/58/584/',
});

const dbs: MinhChungDb[] = [];
let created = 0;
/** Dexie keeps the IndexedDB factory it found at import, so each database gets its own name. */
function freshDb(): MinhChungDb {
  const db = new MinhChungDb(`backup-test-${created++}`);
  dbs.push(db);
  return db;
}
function closeDbs() {
  for (const db of dbs.splice(0)) db.close();
}

const nextId = seededIds(77);

const answer = (
  indicatorId: string,
  fields: Record<string, unknown>,
  submissionId = SUBMISSION,
): Mutation => ({ id: nextId(), at: AT, type: 'answer.set', submissionId, indicatorId, fields });

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Stores bytes as the tests' IndexedDB can keep them (an ArrayBuffer, not a jsdom Blob). */
async function putBytes(db: MinhChungDb, bytes: Uint8Array, uploaded: 0 | 1 = 0) {
  const hash = sha256(bytes);
  await db.blobs.put({
    sha256: hash,
    mime: 'image/jpeg',
    size: bytes.byteLength,
    data: bytes.slice().buffer,
    uploaded,
    createdAt: AT,
  });
  return hash;
}

/**
 * Phone A after a few days offline: answers, a photo with its thumbnail (the thumbnail already
 * uploaded), a change the server refused, a review and org unit pulled earlier, cursor 7.
 */
async function phoneWithWork(db: MinhChungDb, userId = officer.user.id) {
  await db.records.bulkPut([
    {
      collection: 'org_unit',
      id: '22783',
      fields: { id: '22783', code: '22783', path: '/58/584/22783/' },
    },
    {
      collection: 'review',
      id: 'review-1',
      fields: {
        id: 'review-1',
        submissionId: SUBMISSION,
        decision: 'comment',
        reason: 'Thiếu ảnh',
      },
    },
  ]);
  await db.syncState.put({ key: 'cursor', value: 7 });
  const first = answer('1.1', { value: 3 });
  await enqueue(db, first, userId);
  const photo = new Uint8Array(randomBytes(40_000));
  const thumb = new Uint8Array(randomBytes(3_000));
  const photoHash = await putBytes(db, photo);
  const thumbHash = await putBytes(db, thumb, 1);
  const evidenceId = nextId();
  await enqueue(
    db,
    {
      id: nextId(),
      at: AT,
      type: 'evidence.add',
      evidence: {
        id: evidenceId,
        submissionId: SUBMISSION,
        indicatorId: '1.1',
        sha256: photoHash,
        mime: 'image/jpeg',
        bytes: photo.byteLength,
        caption: 'Biên bản họp',
        thumbSha256: thumbHash,
      },
    },
    userId,
  );
  const refused = answer('1.3', { value: 'none' });
  await enqueue(db, refused, userId);
  await db.outbox
    .where('mutationId')
    .equals(refused.id)
    .modify({ state: 'rejected', rejection: { code: 'WORKFLOW_VIOLATION', message: 'đã nộp' } });
  const second = answer('1.2', { value: 'x', note: 'Quyết định 12' });
  await enqueue(db, second, userId);
  return { first, second, refused, photo, thumb, photoHash, thumbHash, evidenceId };
}

async function workRecords(db: MinhChungDb): Promise<LocalRecord[]> {
  const records = await db.records
    .where('collection')
    .anyOf(['answer', 'evidence', 'submission', 'review'])
    .toArray();
  // `rev` is each database's own write counter, never part of the work itself.
  return records
    .map(({ collection, id, fields }) => ({ collection, id, fields }))
    .sort((a, b) => `${a.collection}|${a.id}`.localeCompare(`${b.collection}|${b.id}`));
}

/** Everything in the database, blob bytes included, for "exactly as before" comparisons. */
async function dump(db: MinhChungDb) {
  const blobs = await db.blobs.toArray();
  return {
    records: await db.records.toArray(),
    outbox: await db.outbox.toArray(),
    blobs: await Promise.all(
      blobs.map(async (blob) => ({ ...blob, data: Array.from(await toBytes(blob.data)) })),
    ),
    syncState: await db.syncState.toArray(),
  };
}

const fileBytes = (blob: Blob) => toBytes(blob);

/** Rewrites a backup's parts, to build damaged and foreign files. */
async function rewrite(
  file: Blob,
  change: (files: Record<string, Uint8Array>) => void,
): Promise<Uint8Array> {
  const files = unzipSync(await fileBytes(file));
  change(files);
  return zipSync(files);
}

const readJson = (bytes: Uint8Array | undefined): unknown =>
  JSON.parse(strFromU8(bytes ?? new Uint8Array()));
const writeJson = (value: unknown) => strToU8(JSON.stringify(value));

afterEach(closeDbs);

async function expectBackupError(promise: Promise<unknown>, code: BackupErrorCode) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).code).toBe(code);
}

const outboxView = async (db: MinhChungDb) =>
  (await db.outbox.orderBy('order').toArray()).map((entry) => ({
    mutationId: entry.mutationId,
    mutation: entry.mutation,
    state: entry.state,
    touches: entry.touches,
    rejection: entry.rejection,
    createdAt: entry.createdAt,
  }));

describe('backup export and import', () => {
  it('round-trips records, outbox order and photo bytes into a fresh phone of the same user', async () => {
    const a = freshDb();
    const work = await phoneWithWork(a);
    const file = await exportBackup(a, officer, new Date(2026, 2, 5, 9, 7));
    expect(file.fileName).toBe('minh-chung-22783-20260305-0907.mcbackup');
    expect(file.counts).toEqual({
      records: 6, // submission, answers 1.1, 1.2 and the refused 1.3, evidence, review
      mutations: 4,
      blobs: 2,
      bytes: work.photo.byteLength + work.thumb.byteLength,
    });
    expect(file.left).toEqual({ blobs: [], mutations: [], records: [] });

    const b = freshDb();
    const report = await importBackup(b, officer, file.blob);
    expect(report).toEqual({
      records: { added: 6, merged: 0, unchanged: 0 },
      mutations: { queued: 3, alreadyKnown: 0, notQueued: 0, rejected: 1 },
      relay: { queued: 0, unsigned: 0, author: 'commune-22783' },
      blobs: { added: 2, alreadyKnown: 0 },
      warnings: [expect.stringContaining('refused by the server')],
    });
    expect(await workRecords(b)).toEqual(await workRecords(a));
    expect(await outboxView(b)).toEqual(await outboxView(a));
    expect((await b.outbox.toArray()).map((entry) => [entry.attempts, entry.sent])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const photo = await b.blobs.get(work.photoHash);
    expect(photo).toMatchObject({ mime: 'image/jpeg', size: work.photo.byteLength, uploaded: 0 });
    expect(await toBytes(photo!.data)).toEqual(work.photo);
    const thumb = await b.blobs.get(work.thumbHash);
    expect(thumb?.uploaded).toBe(1);
    expect(await toBytes(thumb!.data)).toEqual(work.thumb);
    // What a pull brought and is not the officer's work stays out of the file.
    expect(await b.records.get(['org_unit', '22783'])).toBeUndefined();
  });

  it('stores photos uncompressed and compresses the JSON parts', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const methods = new Map<string, number>();
    unzipSync(await fileBytes(blob), {
      filter: (entry) => {
        methods.set(entry.name, entry.compression);
        return false;
      },
    });
    for (const [name, method] of methods)
      expect([name, method]).toEqual([name, name.startsWith('blobs/') ? 0 : 8]);
    expect([...methods.keys()].filter((name) => !name.startsWith('blobs/')).sort()).toEqual([
      'blobs.json',
      'manifest.json',
      'outbox.json',
      'records.json',
    ]);
  });

  it('changes nothing when the same file is imported twice, even after a sync acknowledged it', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const b = freshDb();
    await importBackup(b, officer, blob);
    const before = await dump(b);
    const again = await importBackup(b, officer, blob);
    expect(again).toEqual({
      records: { added: 0, merged: 0, unchanged: 6 },
      mutations: { queued: 0, alreadyKnown: 4, notQueued: 0, rejected: 0 },
      relay: { queued: 0, unsigned: 0, author: 'commune-22783' },
      blobs: { added: 0, alreadyKnown: 2 },
      warnings: [],
    });
    expect(await dump(b)).toEqual(before);
    // The server acknowledged them (the outbox is empty): the file still must not queue them again.
    await b.outbox.clear();
    const afterAck = await importBackup(b, officer, blob);
    expect(afterAck.mutations).toEqual({ queued: 0, alreadyKnown: 4, notQueued: 0, rejected: 0 });
    expect(await b.outbox.count()).toBe(0);
  });

  it('keeps a local unsent edit over the file, and queues only the fields it does not cover', async () => {
    const a = freshDb();
    const work = await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const b = freshDb();
    const mine = answer('1.2', { value: 'mine' });
    await enqueue(b, mine, officer.user.id);
    const onlyValue = answer('1.1', { value: 9 });
    await enqueue(b, onlyValue, officer.user.id);
    const report = await importBackup(b, officer, blob);
    expect(report.mutations).toEqual({ queued: 2, alreadyKnown: 0, notQueued: 1, rejected: 1 });
    expect(report.warnings).toContainEqual(expect.stringContaining('newer unsent edits'));
    const answer12 = await b.records.get(['answer', `${SUBMISSION}#1.2`]);
    expect(answer12?.fields).toMatchObject({ value: 'mine', note: 'Quyết định 12' });
    const answer11 = await b.records.get(['answer', `${SUBMISSION}#1.1`]);
    expect(answer11?.fields.value).toBe(9);
    const queue = await b.outbox.orderBy('order').toArray();
    // Local entries first, then the file's in its order; A's 1.1 edit (value only) is superseded,
    // A's 1.2 edit goes without the value the officer changed here.
    expect(queue.map((entry) => entry.mutationId)).toEqual([
      mine.id,
      onlyValue.id,
      expect.any(String), // evidence.add
      work.refused.id,
      work.second.id,
    ]);
    expect(queue[4]?.mutation).toMatchObject({ fields: { note: 'Quyết định 12' } });
    expect(queue[4]?.mutation).not.toHaveProperty('fields.value');
    expect(queue[4]?.touches).not.toContain(`answer|${SUBMISSION}#1.2|value`);
  });

  it('takes pulled values from the file only when its source had seen more of the server', async () => {
    const a = freshDb();
    await phoneWithWork(a); // cursor 7, review reason 'Thiếu ảnh'
    const { blob } = await exportBackup(a, officer);
    const withReview = async (cursor: number) => {
      const db = freshDb();
      await db.syncState.put({ key: 'cursor', value: cursor });
      await db.records.put({
        collection: 'review',
        id: 'review-1',
        fields: { id: 'review-1', submissionId: SUBMISSION, decision: 'comment', reason: 'khác' },
      });
      await importBackup(db, officer, blob);
      return (await db.records.get(['review', 'review-1']))?.fields.reason;
    };
    expect(await withReview(10)).toBe('khác');
    expect(await withReview(3)).toBe('Thiếu ảnh');
  });

  it('refuses a tampered photo as CORRUPT and writes nothing', async () => {
    const a = freshDb();
    const work = await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const tampered = await rewrite(blob, (files) => {
      const bytes = files[`blobs/${work.photoHash}`]!;
      bytes[100] = (bytes[100]! + 1) % 256;
    });
    const b = freshDb();
    await enqueue(b, answer('1.4', { value: 1 }), officer.user.id);
    const before = await dump(b);
    await expectBackupError(importBackup(b, officer, tampered), 'CORRUPT');
    expect(await dump(b)).toEqual(before);
  });

  it('refuses JSON that fails the schema as CORRUPT', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const bad = await rewrite(blob, (files) => {
      const records = readJson(files['records.json']) as LocalRecord[];
      files['records.json'] = writeJson([
        { ...records[0], collection: 'user' },
        ...records.slice(1),
      ]);
    });
    const b = freshDb();
    await expectBackupError(importBackup(b, officer, bad), 'CORRUPT');
    expect(await b.records.count()).toBe(0);
  });

  it('says NOT_A_BACKUP for a random file, a ZIP without manifest and a foreign manifest', async () => {
    const b = freshDb();
    await expectBackupError(
      importBackup(b, officer, new Uint8Array(randomBytes(5000)).buffer),
      'NOT_A_BACKUP',
    );
    await expectBackupError(
      importBackup(b, officer, zipSync({ 'photo.jpg': new Uint8Array(10) })),
      'NOT_A_BACKUP',
    );
    const foreign = zipSync({ 'manifest.json': writeJson({ format: 'other-app', version: 1 }) });
    await expectBackupError(importBackup(b, officer, foreign), 'NOT_A_BACKUP');
    expect(await dump(b)).toEqual({ records: [], outbox: [], blobs: [], syncState: [] });
  });

  it('says NEWER_VERSION for a version 2 file', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const newer = await rewrite(blob, (files) => {
      const manifest = readJson(files['manifest.json']) as Record<string, unknown>;
      files['manifest.json'] = writeJson({
        ...manifest,
        version: BACKUP_VERSION + 1,
        somethingNew: true,
      });
    });
    await expectBackupError(importBackup(freshDb(), officer, newer), 'NEWER_VERSION');
  });

  it('lets a district reviewer read a commune file without queueing its changes', async () => {
    const a = freshDb();
    const work = await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const district = freshDb();
    const report = await importBackup(district, reviewer, blob);
    expect(report.records.added).toBe(6);
    expect(report.mutations).toEqual({ queued: 0, alreadyKnown: 0, notQueued: 4, rejected: 0 });
    expect(report.warnings).toContainEqual(expect.stringContaining('only that account'));
    expect(await district.outbox.count()).toBe(0);
    expect(await workRecords(district)).toEqual(await workRecords(a));
    // The server takes the bytes only from the commune: nothing here waits to be uploaded.
    expect((await district.blobs.toArray()).map((blob) => blob.uploaded)).toEqual([1, 1]);
    expect(await toBytes((await district.blobs.get(work.photoHash))!.data)).toEqual(work.photo);
    const again = await importBackup(district, reviewer, blob);
    expect(again.mutations).toEqual({ queued: 0, alreadyKnown: 4, notQueued: 0, rejected: 0 });
    expect(again.records).toEqual({ added: 0, merged: 0, unchanged: 6 });
  });

  it("keeps another commune's work out of an officer's phone", async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const neighbour = freshDb();
    const report = await importBackup(neighbour, otherOfficer, blob);
    expect(report.records).toEqual({ added: 0, merged: 0, unchanged: 0 });
    expect(report.mutations.queued).toBe(0);
    expect(report.blobs.added).toBe(0);
    expect(report.warnings).toContainEqual(expect.stringContaining('outside your area (22783)'));
    expect(await neighbour.records.count()).toBe(0);
    expect(await neighbour.outbox.count()).toBe(0);
    expect(await neighbour.blobs.count()).toBe(0);
  });

  it('rolls everything back and says QUOTA_EXCEEDED when storage runs out mid-import', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const b = freshDb();
    await enqueue(b, answer('1.4', { value: 1 }), officer.user.id);
    const before = await dump(b);
    // The browser's storage limit, simulated where the bytes are written (records and the outbox
    // are written before them in the same transaction, so they must roll back too).
    b.blobs.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expectBackupError(importBackup(b, officer, blob), 'QUOTA_EXCEEDED');
    expect(await dump(b)).toEqual(before);
  });

  it('queues nothing when a phone imports its own file after the server acknowledged it', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    await a.outbox.clear();
    await a.syncState.put({ key: 'cursor', value: 9 });
    const before = await dump(a);
    const report = await importBackup(a, officer, blob);
    expect(report.mutations).toEqual({ queued: 0, alreadyKnown: 4, notQueued: 0, rejected: 0 });
    expect(report.records).toEqual({ added: 0, merged: 0, unchanged: 6 });
    expect(await dump(a)).toEqual(before);
  });

  it('trusts the units this phone pulled over the paths a file claims', async () => {
    const a = freshDb();
    await phoneWithWork(a);
    const { blob } = await exportBackup(a, officer);
    const forged = await rewrite(blob, (files) => {
      const manifest = readJson(files['manifest.json']) as { user: Record<string, unknown> };
      files['manifest.json'] = writeJson({
        ...manifest,
        user: { ...manifest.user, orgPath: '/58/585/22783/' },
      });
    });
    const otherDistrict = sessionFor({
      id: 'u-585',
      role: 'district_reviewer',
      orgUnitId: '585',
      orgPath: '/58/585/',
    });
    const synced = freshDb();
    await synced.records.put({
      collection: 'org_unit',
      id: '22783',
      fields: { id: '22783', path: '/58/584/22783/' },
    });
    expect((await importBackup(synced, otherDistrict, forged)).records.added).toBe(0);
    const province = sessionFor({ id: 'u-58', role: 'province_admin', orgPath: '/58/' });
    expect((await importBackup(freshDb(), province, blob)).records.added).toBe(6);
  });

  it('leaves a damaged local photo out of the file instead of making the file unreadable', async () => {
    const a = freshDb();
    const work = await phoneWithWork(a);
    const damaged = work.photo.slice();
    damaged[0] = (damaged[0]! + 1) % 256;
    await a.blobs.update(work.photoHash, { data: damaged.buffer });
    const file = await exportBackup(a, officer);
    expect(file.left.blobs).toEqual([work.photoHash]);
    expect(file.counts.blobs).toBe(1);
    const report = await importBackup(freshDb(), officer, file.blob);
    expect(report.blobs).toEqual({ added: 1, alreadyKnown: 0 });
    expect(report.warnings).toContainEqual(expect.stringContaining('neither in the file'));
  });
});
