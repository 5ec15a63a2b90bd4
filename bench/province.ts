// Province figures for bench/results/province.json (issue 10): the dashboard and the ranking
// (the results export) for one province and for the whole country — 10,035 communes, every one
// with a filled submission — on SQLite and on PostgreSQL, time per request and its growth from
// province to country (ratio); and the public results page of a province deployment: bytes on the
// wire for the first view (budget 30 KB), time to first byte, and Lighthouse (mobile).
// The server runs as its own process; requests come from this process over loopback HTTP. The
// machine is shared: the ratios are the figures to read.
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, type PostgresCluster } from '../test/helpers/postgres';
import { startServer, type RunningServer } from '../test/helpers/server-process';
import { lighthouseAt, type LighthouseOutcome } from './lighthouse';
import { BENCH_PASSWORD, databaseUrlFor, login, type Backend } from './lib/server-setup';
import { summarize } from './lib/stats';
import { fillSubmissions, nationalTree, shippedDataWith } from './province-seed';

const CAMPAIGN = 'cds-2025';
const PAGE_BUDGET_BYTES = 30 * 1024;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Sequential GETs of one report: latency of each after warm-up, and the body's size. */
async function timeReport(url: string, token: string, samples: number) {
  const latencies: number[] = [];
  let bytes = 0;
  for (let i = 0; i < samples + 3; i += 1) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    if (i >= 3) latencies.push(performance.now() - t0);
    bytes = body.byteLength;
  }
  return { ...summarize(latencies), responseBytes: bytes };
}

const SCOPES = [
  // The deployment's own province (65 communes) and the largest (Hà Nội, 579), then the country.
  { label: 'ninhThuan', unit: '58', samples: 30 },
  { label: 'haNoi', unit: '01', samples: 20 },
  { label: 'country', unit: 'VN', samples: 10 },
] as const;

async function scopeFigures(server: RunningServer, token: string) {
  const figures: Record<string, { dashboard: object; ranking: object }> = {};
  const p50 = new Map<string, { dashboard: number; ranking: number }>();
  for (const scope of SCOPES) {
    const query = `campaign=${CAMPAIGN}&unit=${scope.unit}`;
    const dashboard = await timeReport(
      `${server.url}/api/reports/dashboard?${query}`,
      token,
      scope.samples,
    );
    const ranking = await timeReport(
      `${server.url}/api/reports/results.csv?${query}`,
      token,
      scope.samples,
    );
    figures[scope.label] = { dashboard, ranking };
    p50.set(scope.label, { dashboard: dashboard.p50Ms, ranking: ranking.p50Ms });
  }
  const ratio = (kind: 'dashboard' | 'ranking') =>
    round2((p50.get('country')?.[kind] ?? 0) / (p50.get('ninhThuan')?.[kind] ?? 1));
  return {
    ...figures,
    countryOverNinhThuan: { dashboard: ratio('dashboard'), ranking: ratio('ranking') },
  };
}

/** One deployment (the country, or the shipped province) seeded, filled, and served. */
async function filledServer(
  backend: Backend,
  cluster: PostgresCluster | null,
  dataDir: string,
  name: string,
  shippedDataDir: string | null,
) {
  const databaseUrl = await databaseUrlFor(backend, dataDir, cluster, name);
  const env = {
    MC_DEMO_PASSWORD: BENCH_PASSWORD,
    PASSWORD_HASH_COST: '10',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_URL: databaseUrl,
    ...(shippedDataDir ? { SHIPPED_DATA_DIR: shippedDataDir } : {}),
  };
  const t0 = performance.now();
  const start = () => startServer({ dataDir, env, requireBuiltApp: false, startupSeconds: 900 });
  await (await start()).stop(); // migrate, seed
  const filled = await fillSubmissions(databaseUrl, dataDir);
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const server = await start();
  return { server, filled: { ...filled, seedSeconds } };
}

async function benchNational(backend: Backend, cluster: PostgresCluster | null) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `mc-bench-national-${backend}-`));
  const shipped = await shippedDataWith(await nationalTree());
  try {
    const { server, filled } = await filledServer(backend, cluster, dataDir, 'bench_vn', shipped);
    try {
      // The national deployment's top account: every province is in its subtree.
      const token = (await login(server.url, 'province')).token;
      return { workload: filled, ...(await scopeFigures(server, token)) };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(shipped, { recursive: true, force: true });
  }
}

/** One GET as a browser's first view sends it: bytes on the wire (headers and compressed body)
 * and the time to the response's first byte. */
function firstView(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; wireBytes: number; ttfbMs: number; etag: string }>(
    (resolve, reject) => {
      const t0 = performance.now();
      const request = http.get(
        url,
        { headers: { 'accept-encoding': 'gzip, deflate, br, zstd', ...headers }, agent: false },
        (response) => {
          const ttfbMs = performance.now() - t0;
          const statusLine = `HTTP/1.1 ${response.statusCode ?? 0} ${response.statusMessage ?? ''}\r\n`;
          let wireBytes = Buffer.byteLength(statusLine) + 2;
          for (let i = 0; i < response.rawHeaders.length; i += 2)
            wireBytes += Buffer.byteLength(
              `${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`,
            );
          response.on('data', (chunk: Buffer) => (wireBytes += chunk.length));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              wireBytes,
              ttfbMs,
              etag: String(response.headers.etag ?? ''),
            }),
          );
        },
      );
      request.on('error', reject);
    },
  );
}

async function publicPageFigures(server: RunningServer) {
  const token = (await login(server.url, 'province')).token;
  const published = await fetch(`${server.url}/api/campaigns/${CAMPAIGN}/results/publish`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!published.ok) throw new Error(`publish: ${published.status}`);
  const page = `${server.url}/public/${CAMPAIGN}`;
  const views = [];
  for (let i = 0; i < 23; i += 1) views.push(await firstView(page));
  const first = views[0];
  if (!first || first.status !== 200) throw new Error(`public page: ${first?.status}`);
  const repeat = await firstView(page, { 'if-none-match': first.etag });
  return {
    firstViewWireBytes: first.wireBytes,
    budgetBytes: PAGE_BUDGET_BYTES,
    withinBudget: first.wireBytes <= PAGE_BUDGET_BYTES,
    ttfb: summarize(views.slice(3).map((view) => view.ttfbMs)),
    repeatView: { status: repeat.status, wireBytes: repeat.wireBytes },
  };
}

/** The shipped province as its own deployment: its dashboard, and its public results page. */
async function benchProvinceDeployment(backend: Backend, cluster: PostgresCluster | null) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `mc-bench-province-${backend}-`));
  try {
    const { server, filled } = await filledServer(backend, cluster, dataDir, 'bench_58', null);
    try {
      const token = (await login(server.url, 'province')).token;
      const query = `campaign=${CAMPAIGN}&unit=58`;
      const dashboard = await timeReport(`${server.url}/api/reports/dashboard?${query}`, token, 30);
      const ranking = await timeReport(`${server.url}/api/reports/results.csv?${query}`, token, 30);
      const publicPage = await publicPageFigures(server);
      let lighthouse: LighthouseOutcome | null = null;
      if (backend === 'sqlite') lighthouse = await lighthouseAt(`${server.url}/public/${CAMPAIGN}`);
      return { workload: filled, dashboard, ranking, publicPage, lighthouse };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchProvince() {
  const sqlite = {
    provinceDeployment: await benchProvinceDeployment('sqlite', null),
    national: await benchNational('sqlite', null),
  };
  console.log('province.sqlite', JSON.stringify(sqlite));
  const cluster = await startPostgres();
  try {
    const postgres = {
      provinceDeployment: await benchProvinceDeployment('postgres', cluster),
      national: await benchNational('postgres', cluster),
    };
    console.log('province.postgres', JSON.stringify(postgres));
    return { sqlite, postgres };
  } finally {
    await cluster.stop();
  }
}
