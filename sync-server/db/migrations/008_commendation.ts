import type { Kysely, Migration } from 'kysely';

/**
 * Commendation: the province's nominations and the public's comments on them. They are not sync
 * records: no phone edits them offline, the province works on them online, and comments come
 * from people without an account. Each row keeps its record as JSON (validated by the shared
 * schemas on the way in and out) beside the columns the queries filter on.
 */
export const commendation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('nominations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('nominations_campaign_idx')
      .on('nominations')
      .columns(['campaign_id', 'state'])
      .execute();
    await db.schema
      .createTable('public_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('nomination_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('public_comments_nomination_idx')
      .on('public_comments')
      .columns(['nomination_id', 'state'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('public_comments').execute();
    await db.schema.dropTable('nominations').execute();
  },
};
