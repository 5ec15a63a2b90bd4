import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Collection } from '../../src/shared/protocol/sync';
import type { OrgUnit } from '../../src/shared/schemas/org';
import type { Database } from '../db/schema';
import { nextSequence } from './sequence';

/** Who changed a field: a device id, or SERVER_ORIGIN for values the server derived (status
 * side effects, scores) which every device must receive, including the one that caused them. */
export const SERVER_ORIGIN = 'server';

export type FieldMeta = Record<string, [seq: number, origin: string]>;

/** The JSON columns of a records row, checked on read: the database is another process's
 * output, and a malformed row must fail loudly here rather than as a wrong merge later. Shape
 * checks only (no per-collection schema), so a read costs little more than JSON.parse. */
export const StoredData = z.record(z.string(), z.unknown());
export const StoredFieldMeta = z.record(z.string(), z.tuple([z.number(), z.string()]));

export interface StoredRecord {
  collection: Collection;
  id: string;
  orgPath: string;
  seq: number;
  data: Record<string, unknown>;
  fmeta: FieldMeta;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function getRecord(
  db: Db,
  collection: Collection,
  id: string,
): Promise<StoredRecord | null> {
  const row = await db
    .selectFrom('records')
    .selectAll()
    .where('collection', '=', collection)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    collection,
    id: row.id,
    orgPath: row.org_path,
    seq: Number(row.seq),
    data: StoredData.parse(JSON.parse(row.data)),
    fmeta: StoredFieldMeta.parse(JSON.parse(row.fmeta)),
  };
}

export interface FieldWrite {
  collection: Collection;
  id: string;
  orgPath: string;
  /** Fields and the origin each is attributed to. */
  fields: Record<string, unknown>;
  origin: string;
  /** Derived fields written in the same change but attributed to the server. */
  serverFields?: Record<string, unknown>;
  now: string;
}

/**
 * Field-level last-writer-wins: the given fields overwrite the stored ones in server arrival
 * order, every other field is left alone. Each call is one change with its own `seq`, and each
 * written field remembers that seq and who wrote it, so a pull can send exactly the fields a
 * device has not seen. Creates the record when it does not exist.
 */
export async function writeFields(
  trx: Transaction<Database>,
  write: FieldWrite,
  existing?: StoredRecord | null,
): Promise<StoredRecord> {
  const current =
    existing === undefined ? await getRecord(trx, write.collection, write.id) : existing;
  const seq = await nextSequence(trx, 'seq');
  const data = { ...(current?.data ?? {}) };
  const fmeta: FieldMeta = { ...(current?.fmeta ?? {}) };
  for (const [field, value] of Object.entries(write.fields)) {
    data[field] = value;
    fmeta[field] = [seq, write.origin];
  }
  for (const [field, value] of Object.entries(write.serverFields ?? {})) {
    data[field] = value;
    fmeta[field] = [seq, SERVER_ORIGIN];
  }
  if (current) {
    await trx
      .updateTable('records')
      .set({ seq, data: JSON.stringify(data), fmeta: JSON.stringify(fmeta), updated_at: write.now })
      .where('collection', '=', write.collection)
      .where('id', '=', write.id)
      .execute();
  } else {
    await trx
      .insertInto('records')
      .values({
        collection: write.collection,
        id: write.id,
        org_path: write.orgPath,
        seq,
        data: JSON.stringify(data),
        fmeta: JSON.stringify(fmeta),
        created_at: write.now,
        updated_at: write.now,
      })
      .execute();
  }
  return {
    collection: write.collection,
    id: write.id,
    orgPath: current?.orgPath ?? write.orgPath,
    seq,
    data,
    fmeta,
  };
}

/** A new unit's record, as the seed and an import write it: every field, attributed to the
 * server, at the unit's own path (so it reaches exactly the phones whose scope holds it). */
export async function insertUnitRecord(trx: Transaction<Database>, unit: OrgUnit, now: string) {
  await writeFields(
    trx,
    {
      collection: 'org_unit',
      id: unit.id,
      orgPath: unit.path,
      fields: { ...unit },
      origin: SERVER_ORIGIN,
      now,
    },
    null,
  );
}
