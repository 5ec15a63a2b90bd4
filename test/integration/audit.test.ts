// @vitest-environment node
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { verifyAuditChain } from '../../sync-server/services/audit';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

async function auditVerifyCli(server: TestServer) {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'sync-server/cli/audit-verify.ts'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir },
      },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe.each(BACKENDS)('the tamper-evident audit chain on %s', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(backend);
    const phone = new TestDevice(
      server.url,
      (await server.login('commune-22783')).token,
      'phone-audit-01',
    );
    await phone.sync(answerAll(submissionIdFor('cds-2025', '22783'), seededIds(3)).slice(0, 5));
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'commune-22783',
        password: 'wrong password',
        deviceName: 'x',
      }),
    });
  });
  afterAll(async () => server?.close());

  it('records seeding, logins, failed logins and every applied mutation', async () => {
    const actions = (
      await server.context.database.db
        .selectFrom('audit_events')
        .select('action')
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);
    expect(actions[0]).toBe('admin.seed_reference_data');
    expect(actions).toContain('admin.user_created');
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    expect(actions.filter((action) => action === 'sync.answer.set')).toHaveLength(5);
  });

  it('verifies an intact chain, from code and from `npm run audit:verify`', async () => {
    expect(await verifyAuditChain(server.context.database.db)).toMatchObject({ ok: true });
    const cli = await auditVerifyCli(server);
    expect(cli.code).toBe(0);
    expect(cli.output).toMatch(/audit chain intact: \d+ events/);
  });

  it('names the first edited event when one row is changed directly in the database', async () => {
    const db = server.context.database.db;
    const events = await db
      .selectFrom('audit_events')
      .select(['seq', 'data'])
      .orderBy('seq')
      .execute();
    const victim = events[Math.floor(events.length / 2)];
    if (!victim) throw new Error('no events');
    await sql`UPDATE audit_events SET data = ${victim.data.replace('}', ',"forged":true}')} WHERE seq = ${victim.seq}`.execute(
      db,
    );
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, brokenAt: Number(victim.seq) });
    const cli = await auditVerifyCli(server);
    expect(cli.code).toBe(1);
    expect(cli.output).toContain(`BROKEN at event ${victim.seq}`);
    await sql`UPDATE audit_events SET data = ${victim.data} WHERE seq = ${victim.seq}`.execute(db);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('notices the newest event being deleted', async () => {
    const db = server.context.database.db;
    const last = await db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('audit_events').where('seq', '=', last.seq).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: Number(last.seq) });
    await db.insertInto('audit_events').values(last).execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
