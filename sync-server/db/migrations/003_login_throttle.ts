import type { Kysely, Migration } from 'kysely';

/**
 * Sign-in throttling counts failures per (username, client address) (services/login-throttle.ts);
 * this index answers that count in one range scan on both dialects. The (username, at) index of
 * 001 still serves the per-account ceiling.
 */
export const loginThrottle: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('login_failures_user_ip_idx')
      .on('login_failures')
      .columns(['username', 'ip', 'at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('login_failures_user_ip_idx').execute();
  },
};
