// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../sync-server/db/database';
import { verifyAuditChain } from '../../sync-server/services/audit';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { LoginResponse } from '../../src/shared/protocol/auth';
import type { Mutation } from '../../src/shared/protocol/sync';
import { allIndicators, goodValue } from '../helpers/answers';
import { ClientDevice } from '../helpers/client-device';
import { freePort, startServer, type RunningServer } from '../helpers/server-process';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, DEMO_PASSWORD, freshDatabaseUrl } from '../helpers/test-server';

const COMMUNES = ['22783', '22786', '22789', '22792'];
const KILLS = 4;

async function login(url: string, username: string): Promise<LoginResponse> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceName: 'crash test' }),
  });
  return (await response.json()) as LoginResponse;
}

describe.each(BACKENDS)('kill -9 of the server in the middle of pushes (%s)', (backend) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(
    `loses nothing and duplicates nothing across ${KILLS} crashes`,
    { timeout: 120_000 },
    async () => {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), `mc-crash-${backend}-`));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const databaseUrl = await freshDatabaseUrl(backend, dataDir);
      const port = await freePort();
      const env = {
        DATABASE_URL: databaseUrl,
        MC_DEMO_PASSWORD: DEMO_PASSWORD,
        PASSWORD_HASH_COST: '10',
      };
      const start = () => startServer({ dataDir, port, env, requireBuiltApp: false });
      let server: RunningServer = await start();
      cleanups.push(() => server.stop());

      const devices: ClientDevice[] = [];
      for (const code of COMMUNES) {
        const session = await login(server.url, `commune-${code}`);
        devices.push(
          new ClientDevice(server.url, session.token, session.user.id, {
            batchSize: 10,
            timeoutMs: 3_000,
          }),
        );
      }
      cleanups.push(async () => {
        for (const device of devices) await device.close();
      });

      // Each device keeps pushing small batches; meanwhile the server is killed without warning
      // (SIGKILL: no shutdown hook, no flush) and restarted on the same data.
      const nextId = seededIds(4242);
      const generated: Mutation[] = [];
      let stop = false;
      const workers = devices.map(async (device, index) => {
        const submissionId = submissionIdFor('cds-2025', COMMUNES[index] as string);
        let round = 0;
        while (!stop) {
          for (let i = 0; i < 5; i += 1) {
            const indicator = allIndicators[(round * 5 + i) % allIndicators.length];
            if (!indicator) continue;
            const mutation: Mutation = {
              id: nextId(),
              at: '2026-06-01T00:00:00.000Z',
              type: 'answer.set',
              submissionId,
              indicatorId: indicator.id,
              fields: { value: goodValue(indicator), note: `lần ${round}` },
            };
            generated.push(mutation);
            await device.enqueue(mutation);
          }
          await device.engine.sync();
          round += 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });

      for (let kill = 0; kill < KILLS; kill += 1) {
        await new Promise((resolve) => setTimeout(resolve, 300 + kill * 97));
        server.process.kill('SIGKILL');
        await new Promise((resolve) => server.process.once('exit', resolve));
        server = await start();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      stop = true;
      await Promise.all(workers);

      for (const device of devices) {
        for (let attempt = 0; attempt < 20 && (await device.pendingCount()) > 0; attempt += 1)
          await device.engine.sync();
        expect(await device.pendingCount()).toBe(0);
        expect(await device.engine.sync()).toMatchObject({ ok: true });
      }

      const database = openDatabase(databaseUrl, dataDir);
      try {
        const applied = await database.db
          .selectFrom('applied_mutations')
          .select(['id', 'outcome'])
          .execute();
        const byId = new Map(applied.map((row) => [row.id, row.outcome]));
        expect(generated.filter((mutation) => !byId.has(mutation.id))).toEqual([]);
        expect(generated.every((mutation) => byId.get(mutation.id) === '{"ok":true}')).toBe(true);
        const audits = await database.db
          .selectFrom('audit_events')
          .select('seq')
          .where('action', '=', 'sync.answer.set')
          .execute();
        expect(audits.length).toBe(generated.length);
        expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
      } finally {
        await database.close();
      }

      // Every device holds what the server holds.
      for (const device of devices) {
        const fresh = new TestDevice(
          server.url,
          device.token,
          `verify-${Math.random().toString(36).slice(2, 12)}`,
        );
        const truth = new Map<string, Record<string, unknown>>();
        for (const change of await fresh.pullAll())
          truth.set(`${change.collection}:${change.id}`, {
            ...(truth.get(`${change.collection}:${change.id}`) ?? {}),
            ...change.fields,
          });
        for (const record of await device.db.records.toArray()) {
          expect(record.fields).toEqual(truth.get(`${record.collection}:${record.id}`));
        }
      }
      console.log(
        `kill -9 on ${backend}: ${KILLS} crashes, ${generated.length} mutations, all applied exactly once`,
      );
    },
  );
});
