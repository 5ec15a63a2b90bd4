import { PROTOCOL_VERSION } from '../../../shared/protocol/sync';
import type { LocalBlob, LocalRecord, MinhChungDb, OutboxEntry } from '../../db/database';
import { cursorOf, deviceIdOf } from '../../sync/engine';
import type { Session } from '../auth/session';
import { sha256Hex, toBytes } from './bytes';
import { freezeAndSign } from './signing';
import {
  BACKUP_COLLECTIONS,
  BACKUP_FORMAT,
  BACKUP_MIME,
  BACKUP_VERSION,
  BackupOutboxEntry,
  BackupRecord,
  backupFileName,
  packBackup,
  type BackupBlobEntry,
  type BackupManifest,
} from './format';

export interface ExportResult {
  fileName: string;
  blob: Blob;
  counts: BackupManifest['counts'];
  /**
   * What could not go into the file, for the screen to mention: photos referenced by the work but
   * not on this phone (or whose stored bytes are damaged), and outbox entries that no app could
   * ever send (refused as malformed), which would make the whole file unreadable.
   */
  left: { blobs: string[]; mutations: string[]; records: string[] };
  /** Pending changes the file carries without a signature (this device has no signing key): a
   * unit above cannot relay them; only this officer's own devices can send them. */
  unsigned: number;
}

const HASH = /^[0-9a-f]{64}$/;

/** Every photo and thumbnail the exported work points at, whether uploaded or not: the phone
 * that imports the file (or the district) may never be able to fetch them from the server. */
function referencedBlobs(records: LocalRecord[], outbox: OutboxEntry[]): string[] {
  const hashes = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && HASH.test(value)) hashes.add(value);
  };
  for (const record of records) {
    if (record.collection !== 'evidence') continue;
    add(record.fields.sha256);
    add(record.fields.thumbSha256);
  }
  // A refused evidence.add has had its record reverted, but the photo is still the officer's work.
  for (const entry of outbox) {
    if (entry.mutation.type !== 'evidence.add') continue;
    add(entry.mutation.evidence.sha256);
    add(entry.mutation.evidence.thumbSha256);
  }
  return [...hashes].sort();
}

async function readBlobs(stored: (LocalBlob | undefined)[], hashes: string[], left: string[]) {
  const entries: BackupBlobEntry[] = [];
  const bytes = new Map<string, Uint8Array>();
  for (const [index, sha256] of hashes.entries()) {
    const blob = stored[index];
    if (!blob) {
      left.push(sha256);
      continue;
    }
    const data = await toBytes(blob.data);
    // A damaged local copy would make the importing phone refuse the whole file as CORRUPT.
    if ((await sha256Hex(data)) !== sha256) {
      left.push(sha256);
      continue;
    }
    entries.push({
      sha256,
      mime: blob.mime || 'application/octet-stream',
      size: data.byteLength,
      uploaded: blob.uploaded === 1 ? 1 : 0,
    });
    bytes.set(sha256, data);
  }
  return { entries, bytes };
}

/**
 * Writes the officer's work into a `.mcbackup` file: answers, evidence, submissions and reviews,
 * every unsent and every refused change, and the photos. Everything is read in one IndexedDB
 * transaction, so the file is a consistent snapshot even while a sync runs.
 */
export async function exportBackup(
  db: MinhChungDb,
  session: Session,
  now = new Date(),
): Promise<ExportResult> {
  const deviceId = await deviceIdOf(db);
  // What leaves in the file is frozen first and signed: it may reach the server under its id from
  // another device, so it must never change here afterwards (features/backup/signing.ts).
  const signing = await freezeAndSign(db, session.user.id);
  const snapshot = await db.transaction(
    'r',
    db.records,
    db.outbox,
    db.blobs,
    db.syncState,
    async () => {
      const records = await db.records
        .where('collection')
        .anyOf([...BACKUP_COLLECTIONS])
        .toArray();
      const outbox = await db.outbox.orderBy('order').toArray();
      const cursor = await cursorOf(db);
      const hashes = referencedBlobs(records, outbox);
      const blobs = await db.blobs.bulkGet(hashes);
      return { records, outbox, cursor, hashes, blobs };
    },
  );
  // Reading Blob bytes awaits outside IndexedDB, which would end the transaction: done after it.
  // The stored Blobs are immutable, so the snapshot stays consistent.
  const left: ExportResult['left'] = { blobs: [], mutations: [], records: [] };
  const records: BackupRecord[] = [];
  for (const record of snapshot.records) {
    const parsed = BackupRecord.safeParse(record);
    if (parsed.success) records.push(parsed.data);
    else left.records.push(`${record.collection}|${record.id}`);
  }
  const outbox: BackupOutboxEntry[] = [];
  for (const entry of snapshot.outbox) {
    const parsed = BackupOutboxEntry.safeParse({
      mutationId: entry.mutationId,
      mutation: entry.mutation,
      state: entry.state,
      touches: entry.touches,
      ...(entry.rejection ? { rejection: entry.rejection } : {}),
      ...(entry.signature ? { signature: entry.signature } : {}),
      ...(entry.relay ? { relay: entry.relay } : {}),
      createdAt: entry.createdAt,
    });
    if (parsed.success) outbox.push(parsed.data);
    else left.mutations.push(entry.mutationId);
  }
  const blobs = await readBlobs(snapshot.blobs, snapshot.hashes, left.blobs);
  const counts = {
    records: records.length,
    mutations: outbox.length,
    blobs: blobs.entries.length,
    bytes: blobs.entries.reduce((sum, blob) => sum + blob.size, 0),
  };
  const { user } = session;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    app: { protocol: PROTOCOL_VERSION },
    deviceId,
    cursor: snapshot.cursor,
    user: {
      id: user.id,
      username: user.username,
      orgUnitId: user.orgUnitId,
      orgPath: user.orgPath,
      role: user.role,
    },
    counts,
  };
  const zip = packBackup(
    { manifest, records, outbox, blobs: blobs.entries, blobBytes: blobs.bytes },
    now,
  );
  return {
    fileName: backupFileName(user.orgUnitId, now),
    blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: BACKUP_MIME }),
    counts,
    left,
    unsigned: signing.unsigned,
  };
}
