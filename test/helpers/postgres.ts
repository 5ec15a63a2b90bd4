import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process';

/** Finds initdb/pg_ctl from Debian's postgresql package (any major version). */
function postgresBinDir(): string {
  const override = process.env.PG_BIN_DIR;
  if (override) return override;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin/initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  throw new Error(
    'PostgreSQL server binaries not found: install Debian\'s "postgresql" package (see .ci/run)',
  );
}

export interface PostgresCluster {
  url: string;
  stop: () => Promise<void>;
}

function runAs(user: string | null, command: string, args: string[]) {
  // initdb refuses to run as root, so when we are root the cluster belongs to the postgres user.
  if (user)
    return execFileSync(
      'su',
      [user, '-s', '/bin/sh', '-c', [command, ...args].map((a) => `'${a}'`).join(' ')],
      { stdio: 'pipe' },
    );
  return execFileSync(command, args, { stdio: 'pipe' });
}

/**
 * Starts a throwaway PostgreSQL cluster on a free loopback port, trust-authenticated, with fsync
 * off (it is thrown away anyway), and returns its URL. The caller stops it; the data directory is
 * deleted.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? 'postgres' : null;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mc-pg-'));
  const dataDir = path.join(dir, 'data');
  await chmod(dir, 0o755);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
  }
  runAs(owner, path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const server = spawn(
    isRoot ? 'su' : path.join(bin, 'postgres'),
    isRoot
      ? [
          'postgres',
          '-s',
          '/bin/sh',
          '-c',
          `exec '${path.join(bin, 'postgres')}' -D '${dataDir}' -p ${port} -k '${dir}' -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
        ]
      : [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-k',
          dir,
          '-h',
          '127.0.0.1',
          '-c',
          'fsync=off',
          '-c',
          'max_connections=300',
        ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  server.stdout.on('data', (c: Buffer) => (log += c.toString()));
  server.stderr.on('data', (c: Buffer) => (log += c.toString()));

  const { default: pg } = await import('pg');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited:\n${log}`);
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
    });
    try {
      await client.connect();
      await client.query('CREATE DATABASE minh_chung');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/minh_chung`,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // `su` forwards SIGTERM to postgres: a "smart" shutdown is too slow, "fast" is SIGINT.
        server.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (server.exitCode === null) server.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
