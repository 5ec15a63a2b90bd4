import type { Kysely, Migration } from 'kysely';

/**
 * Unit merges as data (src/shared/hierarchy/merge.ts): which units stopped existing on a date and
 * which unit took them over. The units' own records and every submission stay as they were — a
 * campaign run before the merge still shows its figures under the old units, and a later one
 * compares the merged unit with the sum of the old ones by following these rows.
 */
export const unitMerges: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('unit_merges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target', 'text', (c) => c.notNull())
      /** JSON array of unit codes. */
      .addColumn('sources', 'text', (c) => c.notNull())
      .addColumn('effective_on', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('unit_merges').execute();
  },
};
