import type { Kysely, Migration } from 'kysely';

/**
 * Which records reference which blob hash. Blob access is decided by these references ("may this
 * user see an evidence record that points at these bytes?"), and an indexed table answers that
 * in one probe on both dialects, where a JSON query would differ per dialect and scan.
 */
export const blobRefs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('blob_refs')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('org_path', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_refs_pk', ['sha256', 'record_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('blob_refs').execute();
  },
};
