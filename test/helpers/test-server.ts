import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { createServerContext, type ServerContext } from '../../sync-server/context';
import type { LoginResponse } from '../../src/shared/protocol/auth';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];
export const DEMO_PASSWORD = 'mat-khau-demo-2025';

let databaseCounter = 0;

/** A fresh, empty database on the chosen backend. */
export async function freshDatabaseUrl(backend: Backend, dataDir: string): Promise<string> {
  if (backend === 'sqlite') return `sqlite:${path.join(dataDir, 'test.sqlite')}`;
  const adminUrl = inject('postgresAdminUrl');
  const name = `mc_${process.pid}_${Date.now()}_${databaseCounter++}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return adminUrl.replace(/\/[^/]+$/, `/${name}`);
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  context: ServerContext;
  dataDir: string;
  databaseUrl: string;
  login: (username: string, password?: string) => Promise<LoginResponse>;
  close: () => Promise<void>;
}

/**
 * The real app on real HTTP (127.0.0.1, random port) over a fresh database with the demo data.
 * Password hashing is at its minimum cost so 72 demo accounts take milliseconds, not seconds.
 */
export async function startTestServer(
  backend: Backend,
  options: {
    now?: () => Date;
    env?: Record<string, string>;
    /** Hooks added to the real app before it listens (say, a future server's extra field). */
    decorate?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `mc-${backend}-`));
  const databaseUrl = await freshDatabaseUrl(backend, dataDir);
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      MC_DEMO_PASSWORD: DEMO_PASSWORD,
      PASSWORD_HASH_COST: '10',
      STATIC_DIR: path.join(dataDir, 'no-dist'),
      ...options.env,
    },
    [],
  );
  const context = await createServerContext(config, { now: options.now });
  const app = await buildApp({ config, version: 'test', logger: false, context });
  options.decorate?.(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    context,
    dataDir,
    databaseUrl,
    login: async (username, password = DEMO_PASSWORD) => {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password, deviceName: 'test' }),
      });
      if (!response.ok)
        throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as LoginResponse;
    },
    close: async () => {
      await app.close();
      await context.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
