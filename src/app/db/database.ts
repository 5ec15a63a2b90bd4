import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type { Collection, Mutation, RejectionCode } from '../../shared/protocol/sync';

/** A record as this device knows it: the fields it has pulled or written itself. */
export interface LocalRecord {
  collection: Collection;
  id: string;
  fields: Record<string, unknown>;
  /**
   * Local revision, set by the database on every write of the record (see `stampRevisions`). A
   * screen that keeps its own edits (an answer card) compares revisions to tell a newer write from
   * a live query's late read of an older one: IndexedDB reads can resolve after a later write has
   * committed, and resetting a field to such a read loses what the officer typed since.
   */
  rev?: number;
}

/**
 * A change waiting for the server. Entries leave the outbox only when the server acknowledges
 * them; a refused one stays (state 'rejected') with the server's reason until the user has seen
 * it — work is never dropped in silence.
 */
export interface OutboxEntry {
  /** Insertion order: mutations are sent in the order they were made. */
  order?: number;
  mutationId: string;
  mutation: Mutation;
  state: 'pending' | 'rejected';
  /** `collection|id|field` keys this mutation wrote locally: pulls must not overwrite them. */
  touches: string[];
  attempts: number;
  createdAt: string;
  /** 1 once the entry has gone out in a request: from then on its content must never change. */
  sent?: 0 | 1;
  lastError?: string;
  rejection?: { code: RejectionCode | 'VALIDATION_FAILED'; message: string };
  /**
   * The author's signature over `signingPayload({mutation, userId, keyId})`, made once the entry
   * is frozen (`sent: 1`), so it always covers the final content (features/backup/signing.ts). Set by the
   * device that made the mutation; carried by a backup; required to relay it.
   */
  signature?: MutationSignature;
  /** Present on another officer's mutation that this device carries for them (imported from
   * their backup, sent as `relayed`): frozen, signed by them, never edited here. */
  relay?: { username: string; orgPath: string };
}

export interface MutationSignature {
  userId: string;
  keyId: string;
  /** ECDSA P-256 over SHA-256, IEEE P1363 (r ‖ s), base64url. */
  value: string;
}

/** Photo and document bytes, content-addressed. Kept after upload so the officer can still see
 * them offline; `uploaded` flips only when the server has confirmed it holds the same hash. */
export interface LocalBlob {
  sha256: string;
  mime: string;
  size: number;
  data: Blob | ArrayBuffer;
  uploaded: 0 | 1;
  createdAt: string;
  /** Set when the server refused the bytes for good (wrong hash, type or size), with its reason. */
  refusal?: string;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

/** The records store's primary key: the compound index `[collection+id]`. */
export type RecordKey = [Collection, string];

export class MinhChungDb extends Dexie {
  records!: Table<LocalRecord, RecordKey>;
  outbox!: EntityTable<OutboxEntry, 'order'>;
  blobs!: EntityTable<LocalBlob, 'sha256'>;
  syncState!: EntityTable<KeyValue, 'key'>;
  tusUploads!: EntityTable<KeyValue, 'key'>;

  constructor(name = 'minh-chung') {
    super(name);
    // Never edit a published version: devices in the field hold data in that shape. A change is a
    // new version that lists only the stores it changes, with an upgrade for the existing rows
    // (test/unit/app/db-migration.test.ts opens a v1 database with the next version).
    this.version(1).stores({
      records: '[collection+id], collection',
      outbox: '++order, &mutationId, state',
      blobs: 'sha256, uploaded',
      syncState: 'key',
      tusUploads: 'key',
    });
    // Version 2: photos can be listed by age (`createdAt` index) — to free space oldest-uploaded
    // first and to show how long bytes have waited — and every outbox entry says whether it may
    // have left the device.
    this.version(2)
      .stores({ blobs: 'sha256, uploaded, createdAt' })
      .upgrade((tx) => upgradeToV2(tx, new Date().toISOString()));
    stampRevisions(this);
  }
}

/**
 * Every write of a record — a local edit, a pull, a refusal's revert, a backup import, a test
 * seeding the store — gets a revision larger than any this tab wrote before and than the record's
 * previous one. It is done by the database, not by each writer, so no write path can forget it.
 * The counter starts at the clock (in microseconds) so that a record deleted and written again
 * after a reload still gets a larger revision than the ones screens saw before.
 */
function stampRevisions(db: MinhChungDb): void {
  let tick = Date.now() * 1000;
  const next = (previous: number | undefined) => {
    tick = Math.max(tick + 1, (previous ?? 0) + 1);
    return tick;
  };
  db.records.hook('creating', (_key, record) => {
    record.rev = next(record.rev);
  });
  db.records.hook('updating', (_changes, _key, record) => ({ rev: next(record.rev) }));
}

/**
 * Brings v1 rows to the v2 shape.
 *
 * A blob written without `createdAt` would be missing from the new index: it gets the upgrade
 * time, the latest it can have been made (so it is never taken for older than it is). Only those
 * blobs are read and rewritten — the new index already lists the others — because a phone may
 * hold hundreds of photos whose bytes must not be copied for nothing.
 *
 * An outbox entry that was attempted may have reached the server even though a build before the
 * `sent` flag never recorded it: it is frozen (`sent: 1`) so no later edit is folded into it. An
 * entry already marked sent stays sent (never unfreeze); the rest get an explicit `sent: 0`.
 */
async function upgradeToV2(tx: Transaction, now: string): Promise<void> {
  const blobs = tx.table<LocalBlob, string>('blobs');
  const dated = new Set(await blobs.orderBy('createdAt').primaryKeys());
  for (const sha256 of await blobs.toCollection().primaryKeys()) {
    if (dated.has(sha256)) continue;
    const blob = await blobs.get(sha256);
    if (blob) await blobs.put({ ...blob, createdAt: now });
  }
  const sentFlag = (entry: OutboxEntry): 0 | 1 => (entry.sent === 1 || entry.attempts > 0 ? 1 : 0);
  await tx
    .table<OutboxEntry, number>('outbox')
    .filter((entry) => entry.sent !== sentFlag(entry))
    .modify((entry) => {
      entry.sent = sentFlag(entry);
    });
}

export function fieldKey(collection: Collection, id: string, field: string): string {
  return `${collection}|${id}|${field}`;
}
