import type { ServerConfig } from './config';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database';
import { AuthService } from './services/auth';
import { seedDemoAccounts, seedReferenceData } from './services/seed';
import { loadShippedData, type ShippedData } from './services/shipped-data';
import { SyncService } from './services/sync/service';

export interface ServerContext {
  database: DatabaseHandle;
  auth: AuthService;
  sync: SyncService;
  shipped: ShippedData;
  /** The clock given at start (a test's), if any: services that date things use it. */
  now: (() => Date) | undefined;
  /** What start-up did, for the log: migrations run, reference data loaded, demo accounts made. */
  startup: {
    migrations: string[];
    seededReferenceData: boolean;
    demoAccounts: { password: string; generated: boolean; count: number } | null;
  };
  close: () => Promise<void>;
}

export interface ContextOptions {
  now?: () => Date;
}

/**
 * Opens the database, runs migrations (both dialects) and, on an empty database, loads the
 * shipped units and template, opens the year's campaign and — outside production — creates the
 * demo accounts.
 */
export async function createServerContext(
  config: ServerConfig,
  options: ContextOptions = {},
): Promise<ServerContext> {
  const shipped = await loadShippedData(config.shippedDataDir);
  const database = openDatabase(config.databaseUrl, config.dataDir);
  try {
    const migrations = await migrateToLatest(database);
    const auth = new AuthService(database.db, {
      now: options.now,
      passwordCost: config.passwordCost,
    });
    const seededReferenceData = await seedReferenceData(database.db, shipped, options.now?.());
    const demoAccounts = config.production
      ? null
      : await seedDemoAccounts(database.db, auth, shipped.units, config.demoPassword);
    return {
      database,
      auth,
      sync: new SyncService(database.db, { now: options.now }),
      shipped,
      now: options.now,
      startup: { migrations, seededReferenceData, demoAccounts },
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
