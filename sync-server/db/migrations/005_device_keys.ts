import type { Kysely, Migration } from 'kysely';

/**
 * Signed relay (docs/sync-protocol.md, "Signed relay"). Each sign-in may register the device's
 * ECDSA P-256 public key with its token row: `public_key` (SPKI, base64url) and `key_id` (derived
 * from the key). A token signed in before this has neither, keeps syncing, and cannot be relayed.
 *
 * `applied_mutations` learns what it applied (`content_hash`: SHA-256 of the mutation's canonical
 * JSON), so a relayed copy of an applied id is told apart from an altered one, and who carried it
 * (`relayed_by`, the relaying user; null for a mutation its author sent). Rows from before have no
 * hash: a relay of such an id gets the recorded answer, as any replay does.
 *
 * One column per ALTER TABLE: SQLite adds only one at a time.
 */
export const deviceKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('device_tokens').addColumn('public_key', 'text').execute();
    await db.schema.alterTable('device_tokens').addColumn('key_id', 'text').execute();
    await db.schema
      .createIndex('device_tokens_key_idx')
      .on('device_tokens')
      .columns(['user_id', 'key_id'])
      .execute();
    await db.schema.alterTable('applied_mutations').addColumn('content_hash', 'text').execute();
    await db.schema.alterTable('applied_mutations').addColumn('relayed_by', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('applied_mutations').dropColumn('relayed_by').execute();
    await db.schema.alterTable('applied_mutations').dropColumn('content_hash').execute();
    await db.schema.dropIndex('device_tokens_key_idx').execute();
    await db.schema.alterTable('device_tokens').dropColumn('key_id').execute();
    await db.schema.alterTable('device_tokens').dropColumn('public_key').execute();
  },
};
