import type { Kysely, Migration } from 'kysely';

/**
 * Reports read one collection of a subtree (every submission of a province, every answer of a
 * district). The (org_path, collection) index serves pulls, which filter on the path first; this
 * one lets a report find a collection's rows without reading the others — a province holds about
 * 30 answers and 20 photos per submission. The path is then compared with `substr`, which does
 * not depend on the database's collation (a range on '/' would under a PostgreSQL locale).
 */
export const recordsCollection: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('records_collection_path_idx')
      .on('records')
      .columns(['collection', 'org_path'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('records_collection_path_idx').execute();
  },
};
