import type { Kysely, Migration } from 'kysely';

/**
 * A submission's timeline (services/timeline.ts) reads the audit events of its submission, its
 * answers (`answer:<submissionId>#…`, a range scan) and its evidence by `target`. Without an index
 * that is a scan of the whole audit trail, which grows with every change in the province.
 * Numbered 006: 005 is taken by the device keys of the signed relay.
 */
export const auditTarget: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('audit_events_target')
      .on('audit_events')
      .columns(['target', 'seq'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('audit_events_target').execute();
  },
};
