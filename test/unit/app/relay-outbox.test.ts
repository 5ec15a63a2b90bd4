import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { MinhChungDb } from '../../../src/app/db/database';
import {
  createDeviceKey,
  readDeviceKey,
  saveDeviceKey,
} from '../../../src/app/features/auth/device-key';
import type { Session } from '../../../src/app/features/auth/session';
import { exportBackup, importBackup } from '../../../src/app/features/backup';
import { toBytes } from '../../../src/app/features/backup/bytes';
import { wireItem } from '../../../src/app/sync/engine';
import { enqueue } from '../../../src/app/sync/outbox';
import { verifySignature } from '../../../src/shared/protocol/signature';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { seededIds } from '../../helpers/sync-client';

const SUBMISSION = 'cds-2025@22783';
const AT = '2026-03-01T08:00:00.000Z';

const session = (
  id: string,
  username: string,
  role: Session['user']['role'],
  orgPath: string,
): Session => ({
  token: 'token',
  expiresAt: '2027-01-01T00:00:00.000Z',
  signedInAt: AT,
  user: {
    id,
    username,
    displayName: username,
    role,
    orgUnitId: orgPath.split('/').at(-2)!,
    orgPath,
  },
});
const officer = session('u-22783', 'commune-22783', 'commune_officer', '/58/584/22783/');
const reviewer = session('u-584', 'district-584', 'district_reviewer', '/58/584/');
const otherDistrict = session('u-585', 'district-585', 'district_reviewer', '/58/585/');

const nextId = seededIds(96);
const answer = (indicatorId: string, value: unknown): Mutation => ({
  id: nextId(),
  at: AT,
  type: 'answer.set',
  submissionId: SUBMISSION,
  indicatorId,
  fields: { value },
});

const dbs: MinhChungDb[] = [];
let created = 0;
function freshDb(): MinhChungDb {
  const db = new MinhChungDb(`relay-outbox-${created++}`);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

/** A commune phone signed in with a key: the key stored as sign-in stores it. */
async function communePhone() {
  const db = freshDb();
  const key = await createDeviceKey();
  if (!key) throw new Error('no Web Crypto in this environment');
  await saveDeviceKey(db, {
    userId: officer.user.id,
    keyId: key.keyId,
    privateKey: key.privateKey,
  });
  return { db, publicKey: key.publicKey };
}

describe('signing at export and relaying on import', () => {
  it('keeps the private key unextractable in IndexedDB', async () => {
    const { db } = await communePhone();
    const stored = await readDeviceKey(db);
    expect(stored?.privateKey.extractable).toBe(false);
    expect(stored?.privateKey.type).toBe('private');
  });

  it('freezes and signs what it exports; a later edit becomes a new entry', async () => {
    const { db, publicKey } = await communePhone();
    const first = answer('1.2', 4);
    await enqueue(db, first, officer.user.id);
    const file = await exportBackup(db, officer);
    expect(file.unsigned).toBe(0);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ sent: 1, signature: { userId: officer.user.id } });
    const signed = {
      mutation: entry!.mutation,
      userId: officer.user.id,
      keyId: entry!.signature!.keyId,
    };
    expect(await verifySignature(crypto.subtle, publicKey, signed, entry!.signature!.value)).toBe(
      true,
    );
    // Typing on after the export must not change what the file (and its signature) says.
    await enqueue(db, { ...answer('1.2', 5), id: nextId() }, officer.user.id);
    const entries = await db.outbox.orderBy('order').toArray();
    expect(entries.map((e) => e.mutation.type === 'answer.set' && e.mutation.fields.value)).toEqual(
      [4, 5],
    );
    expect(entries[0]?.mutation).toEqual(first);
  });

  it('queues a commune’s signed changes on the district phone as frozen relayed entries', async () => {
    const { db } = await communePhone();
    const first = answer('1.2', 4);
    await enqueue(db, first, officer.user.id);
    await enqueue(db, answer('1.3', true), officer.user.id);
    const { blob } = await exportBackup(db, officer);

    const district = freshDb();
    const report = await importBackup(district, reviewer, blob);
    expect(report.relay).toEqual({ queued: 2, unsigned: 0, author: 'commune-22783' });
    expect(report.mutations.queued).toBe(2);
    const [relayed] = await district.outbox.orderBy('order').toArray();
    expect(relayed).toMatchObject({
      mutationId: first.id,
      mutation: first,
      sent: 1,
      relay: { username: 'commune-22783', orgPath: '/58/584/22783/' },
    });
    expect(wireItem(relayed!)).toEqual({
      type: 'relayed',
      mutation: first,
      author: { userId: officer.user.id, keyId: relayed!.signature!.keyId },
      signature: relayed!.signature!.value,
    });
    // Importing twice queues nothing more.
    expect((await importBackup(district, reviewer, blob)).relay.queued).toBe(0);
    expect(await district.outbox.count()).toBe(2);
    // A district outside the commune's area gets nothing to carry (nor the records).
    const outside = freshDb();
    expect((await importBackup(outside, otherDistrict, blob)).relay.queued).toBe(0);
    expect(await outside.outbox.count()).toBe(0);
  });

  it('exports unsigned without a key, and the district can only view such a file', async () => {
    const db = freshDb();
    await enqueue(db, answer('1.2', 4), officer.user.id);
    const file = await exportBackup(db, officer);
    expect(file.unsigned).toBe(1);
    const district = freshDb();
    const report = await importBackup(district, reviewer, file.blob);
    expect(report.relay).toEqual({ queued: 0, unsigned: 1, author: 'commune-22783' });
    expect(await district.outbox.count()).toBe(0);
  });

  it('still imports a version-1 file (no signatures) on the officer’s other phone', async () => {
    const { db } = await communePhone();
    await enqueue(db, answer('1.2', 4), officer.user.id);
    const { blob } = await exportBackup(db, officer);
    const files = unzipSync(await toBytes(blob));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, unknown>;
    const outbox = JSON.parse(strFromU8(files['outbox.json']!)) as Record<string, unknown>[];
    files['manifest.json'] = strToU8(
      JSON.stringify({ ...manifest, version: 1, app: { protocol: 1 } }),
    );
    files['outbox.json'] = strToU8(JSON.stringify(outbox.map(({ signature: _, ...rest }) => rest)));
    const other = freshDb();
    const report = await importBackup(other, officer, zipSync(files));
    expect(report.mutations.queued).toBe(1);
    expect(await other.outbox.toArray()).toMatchObject([{ sent: 0, state: 'pending' }]);
  });
});
