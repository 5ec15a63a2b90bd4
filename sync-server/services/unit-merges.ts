import type { Kysely, Transaction } from 'kysely';
import type { UnitMergeRecord } from '../../src/shared/api/units';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Every merge recorded, oldest first: few rows (a reform is a few hundred at most). */
export async function recordedMerges(db: Db): Promise<UnitMergeRecord[]> {
  const rows = await db.selectFrom('unit_merges').selectAll().orderBy('recorded_at').execute();
  return rows.map((row) => ({
    id: row.id,
    target: row.target,
    sources: parseSources(row.sources),
    effectiveOn: row.effective_on,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  }));
}

/** The stored JSON array of codes; a malformed row fails loudly rather than as a wrong figure. */
function parseSources(text: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    throw new Error('unit_merges.sources is not a list of codes');
  return value;
}
