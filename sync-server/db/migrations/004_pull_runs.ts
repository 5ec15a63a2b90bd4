import type { Kysely, Migration } from 'kysely';

/**
 * Where each device's paged pull started (services/sync/pull.ts): a page is cut at a record's seq,
 * and the fields of the records beyond the cut that were written before it are still owed to the
 * device, so the later pages must filter fields from the first page's cursor, not their own. One
 * row per (user, device), overwritten by each new paged pull.
 */
export const pullRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pull_runs')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('since', 'bigint', (c) => c.notNull())
      .addColumn('up_to', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pull_runs_pk', ['user_id', 'device_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('pull_runs').execute();
  },
};
