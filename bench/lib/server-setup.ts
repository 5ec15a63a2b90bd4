import path from 'node:path';
import type { LoginResponse } from '../../src/shared/protocol/auth';
import type { PostgresCluster } from '../../test/helpers/postgres';

/** The password the benchmarks give the demo accounts (MC_DEMO_PASSWORD). */
export const BENCH_PASSWORD = 'bench-password-2025';

export type Backend = 'sqlite' | 'postgres';

/** A fresh database for one measurement: a file in `dataDir`, or a new database on the cluster. */
export async function databaseUrlFor(
  backend: Backend,
  dataDir: string,
  cluster: PostgresCluster | null,
  name: string,
) {
  if (backend === 'sqlite') return `sqlite:${path.join(dataDir, `${name}.sqlite`)}`;
  if (!cluster) throw new Error('no cluster');
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return cluster.url.replace(/\/[^/]+$/, `/${name}`);
}

export async function login(url: string, username: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD, deviceName: 'bench' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return (await response.json()) as LoginResponse;
}
