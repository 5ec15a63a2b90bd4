import { z } from 'zod';
import type { LocalRecord, MinhChungDb, RecordKey } from '../../db/database';
import { cursorOf, deviceIdOf } from '../../sync/engine';
import type { Session } from '../auth/session';
import { exactArrayBuffer, sha256Hex, toBytes } from './bytes';
import { BackupError, unpackBackup, type BackupContents } from './format';
import { planImport, recordKey, type ImportReport, type LocalView } from './merge';
import { unitCodeOf } from './scope';

export type { ImportReport } from './merge';

const LEDGER_KEY = 'backup:ledger';
const LedgerSchema = z.record(z.string(), z.enum(['handled', 'seen']));

/** Storage full, however the browser and Dexie wrap it (Dexie error, its `inner`, a bulk failure). */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { name, inner, cause, failures } = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (name === 'QuotaExceededError') return true;
  const nested: unknown[] = [
    inner,
    cause,
    ...(Array.isArray(failures) ? (failures as unknown[]) : []),
  ];
  return nested.some((candidate) => isQuotaError(candidate, depth + 1));
}

/** Every blob must be what its name says before anything is written: a damaged file is refused
 * whole rather than leaving a photo on the phone that the server would refuse forever. */
async function verifyBlobs(backup: BackupContents): Promise<void> {
  for (const [sha256, bytes] of backup.blobBytes) {
    if ((await sha256Hex(bytes)) !== sha256)
      throw new BackupError('CORRUPT', `blobs/${sha256} does not match its SHA-256`);
  }
}

async function readLocalView(
  db: MinhChungDb,
  backup: BackupContents,
  deviceId: string,
): Promise<LocalView> {
  const keys = backup.records.map((record): RecordKey => [record.collection, record.id]);
  const existing = await db.records.bulkGet(keys);
  const records = new Map<string, LocalRecord>();
  for (const record of existing)
    if (record) records.set(recordKey(record.collection, record.id), record);

  const codes = [
    ...new Set(backup.records.map(unitCodeOf).filter((code): code is string => code !== null)),
  ];
  const units = await db.records.bulkGet(codes.map((code): RecordKey => ['org_unit', code]));
  const unitPaths = new Map<string, string>();
  for (const unit of units)
    if (unit && typeof unit.fields.path === 'string') unitPaths.set(unit.id, unit.fields.path);

  const outbox = await db.outbox.toArray();
  const hashes = new Set(backup.blobs.map((blob) => blob.sha256));
  for (const record of backup.records) {
    if (record.collection !== 'evidence') continue;
    for (const value of [record.fields.sha256, record.fields.thumbSha256])
      if (typeof value === 'string') hashes.add(value);
  }
  const present = await db.blobs
    .where(':id')
    .anyOf([...hashes])
    .primaryKeys();
  const ledger = LedgerSchema.safeParse((await db.syncState.get(LEDGER_KEY))?.value);
  return {
    records,
    unitPaths,
    deviceId,
    outboxIds: new Set(outbox.map((entry) => entry.mutationId)),
    protectedKeys: new Set(
      outbox.filter((entry) => entry.state === 'pending').flatMap((entry) => entry.touches),
    ),
    cursor: await cursorOf(db),
    ledger: ledger.success ? ledger.data : {},
    blobs: new Set(present.map(String)),
  };
}

/**
 * Imports a `.mcbackup` file the way a sync would merge it: idempotent (a second import changes
 * nothing), the officer's own unsent edits kept, the author's unsent changes queued once (the
 * server's idempotency turns one that already arrived from the other phone into a no-op ack), and
 * all or nothing — everything is checked first, then written in ONE IndexedDB transaction, so a
 * full disk or a killed tab leaves the database exactly as it was.
 */
export async function importBackup(
  db: MinhChungDb,
  session: Session,
  file: Blob | ArrayBuffer | Uint8Array,
  now = new Date(),
): Promise<ImportReport> {
  let bytes: Uint8Array;
  try {
    bytes = await toBytes(file);
  } catch (error) {
    throw new BackupError('NOT_A_BACKUP', 'the file cannot be read', { cause: error });
  }
  const backup = unpackBackup(bytes);
  await verifyBlobs(backup);
  const listed = new Map(backup.blobs.map((blob) => [blob.sha256, blob]));
  try {
    return await db.transaction('rw', [db.records, db.outbox, db.blobs, db.syncState], async () => {
      // Inside the transaction (Dexie nests it): a device without an id yet gets one only if the
      // import commits, so a failed import leaves the database exactly as it was.
      const deviceId = await deviceIdOf(db);
      const plan = planImport(backup, session.user, await readLocalView(db, backup, deviceId));
      if (plan.records.length > 0) await db.records.bulkPut(plan.records);
      // Auto-increment keys in array order: the entries keep their order, after the local ones.
      if (plan.outbox.length > 0) await db.outbox.bulkAdd(plan.outbox);
      if (plan.blobs.length > 0)
        await db.blobs.bulkAdd(
          plan.blobs.map(({ sha256, uploaded }) => {
            const entry = listed.get(sha256);
            const data = backup.blobBytes.get(sha256);
            if (!entry || !data) throw new Error(`planned blob ${sha256} is not in the file`);
            return {
              sha256,
              mime: entry.mime,
              size: data.byteLength,
              // Stored as an ArrayBuffer: it survives every IndexedDB (old Safari and WebViews
              // lose Blobs), and the uploader wraps it in a Blob when it sends it.
              data: exactArrayBuffer(data),
              uploaded,
              createdAt: now.toISOString(),
            };
          }),
        );
      if (plan.ledger) await db.syncState.put({ key: LEDGER_KEY, value: plan.ledger });
      return plan.report;
    });
  } catch (error) {
    if (isQuotaError(error))
      throw new BackupError(
        'QUOTA_EXCEEDED',
        'not enough storage on this device to import the backup; nothing was imported',
        { cause: error },
      );
    throw error;
  }
}
