// Server figures for bench/results/sync.json: sync cycles per second and latency with 200
// concurrent simulated devices, and the latency of an empty pull with 10k and with 1M stored
// changes, on SQLite and on PostgreSQL. The server runs as its own process (as in production);
// the load comes from this process over loopback HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../sync-server/db/database';
import { submissionIdFor } from '../src/shared/protocol/record-ids';
import type { LoginResponse } from '../src/shared/protocol/auth';
import type { Mutation } from '../src/shared/protocol/sync';
import { allIndicators, goodValue } from '../test/helpers/answers';
import { startPostgres, type PostgresCluster } from '../test/helpers/postgres';
import { startServer } from '../test/helpers/server-process';
import { seededIds, TestDevice } from '../test/helpers/sync-client';
import { summarize } from './lib/stats';

const PASSWORD = 'bench-password-2025';
const DEVICES = 200;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);

type Backend = 'sqlite' | 'postgres';

async function databaseUrlFor(
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

async function communeCodes(databaseUrl: string, dataDir: string): Promise<string[]> {
  const handle = openDatabase(databaseUrl, dataDir);
  try {
    const units = await handle.db
      .selectFrom('records')
      .select(['id', 'data'])
      .where('collection', '=', 'org_unit')
      .execute();
    return units
      .filter((row) => (JSON.parse(row.data) as { level: string }).level === 'commune')
      .map((row) => row.id);
  } finally {
    await handle.close();
  }
}

async function login(url: string, username: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, deviceName: 'bench' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return (await response.json()) as LoginResponse;
}

/** 200 devices (the 62 communes' officers, several phones each) each loop: push one or two answers
 * and pull, as fast as the server lets them, for LOAD_SECONDS. */
async function loadTest(url: string, communes: string[]) {
  const tokens = new Map<string, string>();
  for (const code of communes) tokens.set(code, (await login(url, `commune-${code}`)).token);
  const devices = Array.from({ length: DEVICES }, (_, index) => {
    const code = communes[index % communes.length] as string;
    return {
      code,
      device: new TestDevice(
        url,
        tokens.get(code) as string,
        `bench-device-${index.toString().padStart(4, '0')}`,
      ),
    };
  });
  // First contact (full pull) is not what we measure: do it before the clock starts.
  await Promise.all(devices.map(({ device }) => device.pullAll()));
  const nextId = seededIds(77);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    devices.map(async ({ code, device }, index) => {
      let round = 0;
      while (performance.now() < deadline) {
        const indicator = allIndicators[(index + round) % allIndicators.length];
        if (!indicator) break;
        const mutations: Mutation[] = [
          {
            id: nextId(),
            at: '2026-06-01T00:00:00.000Z',
            type: 'answer.set',
            submissionId: submissionIdFor('cds-2025', code),
            indicatorId: indicator.id,
            fields: { value: goodValue(indicator) },
          },
        ];
        const t0 = performance.now();
        try {
          await device.sync(mutations);
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
        round += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    devices: DEVICES,
    seconds: Math.round(seconds * 10) / 10,
    cycles: latencies.length,
    errors,
    cyclesPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    ...summarize(latencies),
  };
}

/** Fills the records table with `count` changes directly (as years of use would), in chunks. */
async function fillChanges(databaseUrl: string, dataDir: string, count: number) {
  const handle = openDatabase(databaseUrl, dataDir);
  try {
    const db = handle.db;
    const head = Number(
      (
        await db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'seq')
          .executeTakeFirstOrThrow()
      ).value,
    );
    const existing = Number(
      (
        await db
          .selectFrom('records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const toAdd = count - existing;
    const chunk = handle.dialect === 'sqlite' ? 4000 : 4000; // 8 columns: under both drivers' bound-parameter limits
    const now = new Date().toISOString();
    for (let offset = 0; offset < toAdd; offset += chunk) {
      const rows = Array.from({ length: Math.min(chunk, toAdd - offset) }, (_, i) => {
        const seq = head + offset + i + 1;
        return {
          collection: 'answer',
          id: `bench-${seq}`,
          org_path: '/58/589/22900/',
          seq,
          data: JSON.stringify({ value: seq % 7, note: 'bench' }),
          fmeta: JSON.stringify({ value: [seq, 'bench'], note: [seq, 'bench'] }),
          created_at: now,
          updated_at: now,
        };
      });
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('records').values(rows).execute();
      });
    }
    await db
      .updateTable('meta')
      .set({ value: head + toAdd })
      .where('key', '=', 'seq')
      .execute();
    if (handle.dialect === 'postgres') await sql`ANALYZE records`.execute(db);
  } finally {
    await handle.close();
  }
}

async function emptyPullLatency(url: string, username: string) {
  const { token } = await login(url, username);
  const device = new TestDevice(url, token, 'bench-empty-pull');
  await device.pullAll();
  const samples: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const t0 = performance.now();
    await device.sync();
    samples.push(performance.now() - t0);
  }
  return summarize(samples.slice(50));
}

export async function benchServer(backend: Backend, cluster: PostgresCluster | null) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `mc-bench-${backend}-`));
  try {
    const env = {
      MC_DEMO_PASSWORD: PASSWORD,
      PASSWORD_HASH_COST: '10',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '10000',
    };
    const loadUrl = await databaseUrlFor(backend, dataDir, cluster, 'bench_load');
    let server = await startServer({
      dataDir,
      env: { ...env, DATABASE_URL: loadUrl },
      requireBuiltApp: false,
    });
    const codes = await communeCodes(loadUrl, dataDir);
    const load = await loadTest(server.url, codes);
    await server.stop();

    const pullUrl = await databaseUrlFor(backend, dataDir, cluster, 'bench_pull');
    const emptyPull: Record<string, ReturnType<typeof summarize>> = {};
    server = await startServer({
      dataDir,
      env: { ...env, DATABASE_URL: pullUrl },
      requireBuiltApp: false,
    });
    await server.stop();
    for (const [label, count] of [
      ['changes10k', 10_000],
      ['changes1M', 1_000_000],
    ] as const) {
      await fillChanges(pullUrl, dataDir, count);
      server = await startServer({
        dataDir,
        env: { ...env, DATABASE_URL: pullUrl },
        requireBuiltApp: false,
      });
      emptyPull[label] = await emptyPullLatency(server.url, 'commune-22783');
      await server.stop();
    }
    const ratio =
      Math.round(((emptyPull.changes1M?.p50Ms ?? 0) / (emptyPull.changes10k?.p50Ms ?? 1)) * 100) /
      100;
    return { load, emptyPull: { ...emptyPull, p50Ratio1Mover10k: ratio } };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchServers() {
  const sqlite = await benchServer('sqlite', null);
  console.log('server.sqlite', JSON.stringify(sqlite));
  const cluster = await startPostgres();
  try {
    const postgres = await benchServer('postgres', cluster);
    console.log('server.postgres', JSON.stringify(postgres));
    return { sqlite, postgres };
  } finally {
    await cluster.stop();
  }
}
