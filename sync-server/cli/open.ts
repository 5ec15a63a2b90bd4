import { loadConfig, type ServerConfig } from '../config';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../db/database';

/** Opens the configured database (same env and flags as the server) for a command-line tool. */
export async function openForCli(
  argv: string[],
): Promise<{ config: ServerConfig; database: DatabaseHandle }> {
  const config = loadConfig(process.env, argv);
  const database = openDatabase(config.databaseUrl, config.dataDir);
  await migrateToLatest(database);
  return { config, database };
}

export function splitArgs(argv: string[]): { serverArgs: string[]; rest: string[] } {
  // Server flags (--data-dir, --database-url, …) may come anywhere; everything else belongs to the tool.
  const serverFlags = new Set([
    '--data-dir',
    '--database-url',
    '--blob-store',
    '--static-dir',
    '--port',
    '--host',
  ]);
  const serverArgs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (serverFlags.has(arg)) {
      serverArgs.push(arg, argv[i + 1] ?? '');
      i += 1;
    } else {
      rest.push(arg);
    }
  }
  return { serverArgs, rest };
}
