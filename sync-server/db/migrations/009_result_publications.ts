import type { Kysely, Migration } from 'kysely';

/**
 * Which campaigns' results the province has published. Nothing about a campaign is public until
 * its row is here; the public pages and open data read only accepted work even then.
 */
export const resultPublications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('result_publications')
      .addColumn('campaign_id', 'text', (c) => c.primaryKey())
      .addColumn('root_id', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('result_publications').execute();
  },
};
