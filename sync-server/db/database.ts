import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import pg from 'pg';
import { initial } from './migrations/001_initial';
import { blobRefs } from './migrations/002_blob_refs';
import { loginThrottle } from './migrations/003_login_throttle';
import { pullRuns } from './migrations/004_pull_runs';
import { deviceKeys } from './migrations/005_device_keys';
import { auditTarget } from './migrations/006_audit_target';
import { recordsCollection } from './migrations/007_records_collection';
import { commendation } from './migrations/008_commendation';
import { resultPublications } from './migrations/009_result_publications';
import { unitMerges } from './migrations/010_unit_merges';
import type { Database } from './schema';

export type SqlDialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: SqlDialect;
  /** A description safe to log (no password). */
  description: string;
  close: () => Promise<void>;
}

export class DatabaseConfigError extends Error {}

/** Migrations are listed in code, not discovered on disk, so a bundled server still finds them. */
class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: SqlDialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '001_initial': initial(this.dialect),
      '002_blob_refs': blobRefs,
      '003_login_throttle': loginThrottle,
      '004_pull_runs': pullRuns,
      '005_device_keys': deviceKeys,
      '006_audit_target': auditTarget,
      '007_records_collection': recordsCollection,
      '008_commendation': commendation,
      '009_result_publications': resultPublications,
      '010_unit_merges': unitMerges,
    });
  }
}

// PostgreSQL returns BIGINT as a string by default to avoid precision loss; our sequence numbers
// stay far below 2^53, so parse them as numbers once, here, rather than at every call site.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Opens the database named by `DATABASE_URL`: `sqlite:<file>` (or a bare path) for the embedded
 * default, `postgres://…` for PostgreSQL. Relative SQLite paths are resolved against `dataDir`.
 */
export function openDatabase(databaseUrl: string, dataDir: string): DatabaseHandle {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(databaseUrl);
    return {
      db,
      dialect: 'postgres',
      description: `postgres://${url.hostname || '(socket)'}${url.port ? `:${url.port}` : ''}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const file = databaseUrl.startsWith('sqlite:')
    ? databaseUrl.slice('sqlite:'.length)
    : databaseUrl;
  if (!file) throw new DatabaseConfigError('DATABASE_URL names no SQLite file');
  const resolved = file === ':memory:' ? file : path.resolve(dataDir, file);
  if (resolved !== ':memory:') mkdirSync(path.dirname(resolved), { recursive: true });
  const sqlite = new SQLite(resolved);
  // WAL lets readers (pulls) run while a push writes; NORMAL sync is durable across a process
  // crash (kill -9), which is the failure this server must survive, at a fraction of FULL's cost.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', description: `sqlite:${resolved}`, close: () => db.destroy() };
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: new StaticMigrationProvider(handle.dialect),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
