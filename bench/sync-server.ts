// Server figures for bench/results/sync.json, on SQLite and on PostgreSQL: sync cycles per second
// and latency with 200 concurrent simulated devices; the latency of a pull that must read — a
// device 100 changes behind — with 10k and with 1M stored changes, the bulk inside the reader's
// scope and outside it; and a district reviewer's full pull of its subtree from cursor 0 at 10k
// and 1M. Ratios (1M over 10k) are the figures to read: the machine is shared. The server runs as its own process (as in production);
// the load comes from this process over loopback HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../sync-server/db/database';
import { submissionIdFor } from '../src/shared/protocol/record-ids';
import { SYNC_LIMITS, type Mutation } from '../src/shared/protocol/sync';
import { allIndicators, goodValue } from '../test/helpers/answers';
import { startPostgres, type PostgresCluster } from '../test/helpers/postgres';
import { startServer } from '../test/helpers/server-process';
import { seededIds, TestDevice } from '../test/helpers/sync-client';
import { BENCH_PASSWORD, databaseUrlFor, login, type Backend } from './lib/server-setup';
import { summarize } from './lib/stats';

const DEVICES = 200;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);

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

/** The reader measured below: a commune of district 584, and a commune of another district. */
const READER = { commune: 'commune-22783', district: 'district-584', path: '/58/584/22783/' };
const FOREIGN_PATH = '/58/589/22900/';

async function headSequence(handle: ReturnType<typeof openDatabase>): Promise<number> {
  const row = await handle.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'seq')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Appends `count` answer changes under `orgPath` directly to the records table (as years of use
 * would), in chunks, and returns the head sequence after them.
 */
async function addChanges(
  databaseUrl: string,
  dataDir: string,
  count: number,
  orgPath: string,
): Promise<number> {
  const handle = openDatabase(databaseUrl, dataDir);
  try {
    const db = handle.db;
    const head = await headSequence(handle);
    const chunk = 4000; // 8 columns: under both drivers' bound-parameter limits
    const now = new Date().toISOString();
    for (let offset = 0; offset < count; offset += chunk) {
      const rows = Array.from({ length: Math.min(chunk, count - offset) }, (_, i) => {
        const seq = head + offset + i + 1;
        return {
          collection: 'answer',
          id: `bench-${seq}`,
          org_path: orgPath,
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
      .set({ value: head + count })
      .where('key', '=', 'seq')
      .execute();
    if (handle.dialect === 'postgres') await sql`ANALYZE records`.execute(db);
    return head + count;
  } finally {
    await handle.close();
  }
}

/**
 * A device `behind` changes behind the head: each sample pulls from the same cursor, and must
 * read and return exactly those changes (no early return at the head, as an empty pull has).
 */
async function behindPullLatency(url: string, cursor: number, behind: number) {
  const { token } = await login(url, READER.commune);
  const device = new TestDevice(url, token, 'bench-behind-pull');
  const samples: number[] = [];
  for (let i = 0; i < 220; i += 1) {
    device.cursor = cursor;
    const t0 = performance.now();
    const response = await device.sync();
    samples.push(performance.now() - t0);
    if (response.changes.length !== behind || response.hasMore)
      throw new Error(`expected ${behind} changes, got ${response.changes.length}`);
  }
  return summarize(samples.slice(20));
}

/** A district reviewer's first pull of its whole subtree, from cursor 0, in the largest pages. */
async function districtFullPull(url: string) {
  const { token } = await login(url, READER.district);
  const device = new TestDevice(url, token, 'bench-district-full-pull');
  let changes = 0;
  let requests = 0;
  const t0 = performance.now();
  for (;;) {
    const response = await device.sync([], SYNC_LIMITS.maxPageSize);
    changes += response.changes.length;
    requests += 1;
    if (!response.hasMore) break;
  }
  const ms = performance.now() - t0;
  return { changes, requests, ms: Math.round(ms), msPer1000Changes: round2((ms / changes) * 1000) };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** BENCH_PULL_SCALE=100 shrinks the tables a hundredfold, to try the benchmark out quickly. */
const SCALE = Number(process.env.BENCH_PULL_SCALE ?? 1);
const SIZES = [
  ['changes10k', 10_000 / SCALE],
  ['changes1M', 1_000_000 / SCALE],
] as const;

/**
 * Pull figures on one database whose bulk of changes lies in the reader's scope or outside it:
 * at 10k and then 1M stored changes, the latency of a device 100 of its changes behind, and
 * (bulk in scope) the reader's district pulling its whole subtree from cursor 0.
 */
async function pullFigures(
  backend: Backend,
  cluster: PostgresCluster | null,
  dataDir: string,
  env: Record<string, string>,
  scope: 'inScope' | 'outOfScope',
) {
  const url = await databaseUrlFor(backend, dataDir, cluster, `bench_pull_${scope.toLowerCase()}`);
  const run = () =>
    startServer({ dataDir, env: { ...env, DATABASE_URL: url }, requireBuiltApp: false });
  await (await run()).stop(); // migrations and seed
  const behind: Record<string, ReturnType<typeof summarize>> = {};
  const full: Record<string, Awaited<ReturnType<typeof districtFullPull>>> = {};
  let stored = 0;
  for (const [label, size] of SIZES) {
    // The bulk first, then the 100 changes the device has not seen yet, always in its scope.
    await addChanges(
      url,
      dataDir,
      size - stored - 100,
      scope === 'inScope' ? READER.path : FOREIGN_PATH,
    );
    const head = await addChanges(url, dataDir, 100, READER.path);
    stored = size;
    const server = await run();
    try {
      behind[label] = await behindPullLatency(server.url, head - 100, 100);
      if (scope === 'inScope') full[label] = await districtFullPull(server.url);
    } finally {
      await server.stop();
    }
  }
  const p50Ratio1Mover10k = round2(
    (behind.changes1M?.p50Ms ?? 0) / (behind.changes10k?.p50Ms ?? 1),
  );
  return {
    behind100: { ...behind, p50Ratio1Mover10k },
    ...(scope === 'inScope'
      ? {
          districtFullPull: {
            ...full,
            perChangeRatio1Mover10k: round2(
              (full.changes1M?.msPer1000Changes ?? 0) / (full.changes10k?.msPer1000Changes ?? 1),
            ),
          },
        }
      : {}),
  };
}

export async function benchServer(backend: Backend, cluster: PostgresCluster | null) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `mc-bench-${backend}-`));
  try {
    const env = {
      MC_DEMO_PASSWORD: BENCH_PASSWORD,
      PASSWORD_HASH_COST: '10',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_PER_MINUTE: '10000',
    };
    const loadUrl = await databaseUrlFor(backend, dataDir, cluster, 'bench_load');
    const server = await startServer({
      dataDir,
      env: { ...env, DATABASE_URL: loadUrl },
      requireBuiltApp: false,
    });
    const codes = await communeCodes(loadUrl, dataDir);
    const load = await loadTest(server.url, codes);
    await server.stop();
    const inScope = await pullFigures(backend, cluster, dataDir, env, 'inScope');
    const outOfScope = await pullFigures(backend, cluster, dataDir, env, 'outOfScope');
    return {
      load,
      behind100: { inScope: inScope.behind100, outOfScope: outOfScope.behind100 },
      districtFullPull: inScope.districtFullPull,
    };
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
