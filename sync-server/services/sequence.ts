import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

export type SequenceName = 'seq' | 'audit_seq';

/**
 * Allocates the next number of a global sequence inside the caller's transaction.
 *
 * Why a counter row instead of an autoincrement or a PostgreSQL SEQUENCE: the UPDATE takes a row
 * lock that is held until the transaction commits, so concurrent writers are serialised and the
 * order of sequence numbers is the order of commits. With a SEQUENCE, a transaction holding seq 10
 * could commit after one holding 11; a client that pulled up to 11 in between would never see 10.
 * On SQLite writers are serialised anyway.
 */
export async function nextSequence(
  trx: Transaction<Database>,
  name: SequenceName,
  count = 1,
): Promise<number> {
  const row = await trx
    .updateTable('meta')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('key', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  // The first of the `count` numbers allocated.
  return Number(row.value) - count + 1;
}

export async function currentSequence(
  db: Kysely<Database> | Transaction<Database>,
  name: SequenceName,
): Promise<number> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', name)
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
