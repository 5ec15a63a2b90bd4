// @vitest-environment node
// The administrator's audit check over HTTP: intact, then an edited event named with what it was,
// then the newest events removed; refused to everyone but the administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerifyResponse } from '../../src/shared/api/admin';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

describe.each(BACKENDS)('POST /api/admin/audit/verify on %s', (backend) => {
  let server: TestServer;
  let admin = '';

  const verify = async (token: string | null) => {
    const response = await fetch(`${server.url}/api/admin/audit/verify`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    admin = (await server.login('admin')).token;
    const officer = await server.login('commune-22783');
    const phone = new TestDevice(server.url, officer.token, 'audit-phone');
    const answered = await phone.sync(
      answerAll(submissionIdFor('cds-2025', '22783'), seededIds(5)),
    );
    expect(answered.rejections).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('says the chain is intact and how many events it holds', async () => {
    const { status, body } = await verify(admin);
    expect(status).toBe(200);
    const result = AuditVerifyResponse.parse(body);
    expect(result.ok).toBe(true);
    expect(result.events).toBeGreaterThanOrEqual(26);
  });

  it('names the first edited event: its number, what it was and who made it', async () => {
    const db = server.context.database.db;
    const target = await db
      .selectFrom('audit_events')
      .select(['seq', 'data'])
      .where('action', '=', 'sync.answer.set')
      .orderBy('seq')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    const seq = Number(target.seq);
    await db
      .updateTable('audit_events')
      .set({ data: target.data.replace('"value":', '"value":9999,"was":') })
      .where('seq', '=', seq)
      .execute();
    try {
      const result = AuditVerifyResponse.parse((await verify(admin)).body);
      expect(result).toMatchObject({
        ok: false,
        brokenAt: seq,
        events: seq - 1,
        problem: 'changed',
        event: { seq, action: 'sync.answer.set' },
      });
      expect(result.ok === false && result.event?.actorName).not.toBe('');
    } finally {
      await db
        .updateTable('audit_events')
        .set({ data: target.data })
        .where('seq', '=', seq)
        .execute();
    }
    expect(AuditVerifyResponse.parse((await verify(admin)).body).ok).toBe(true);
  });

  it('notices the newest event removed', async () => {
    const db = server.context.database.db;
    const last = await db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('audit_events').where('seq', '=', last.seq).execute();
    try {
      expect(AuditVerifyResponse.parse((await verify(admin)).body)).toMatchObject({
        ok: false,
        brokenAt: Number(last.seq),
        problem: 'truncated',
      });
    } finally {
      await db.insertInto('audit_events').values(last).execute();
    }
  });

  it('is the administrator’s alone', async () => {
    const province = (await server.login('province')).token;
    const district = (await server.login('district-584')).token;
    for (const [token, status, code] of [
      [province, 403, 'FORBIDDEN'],
      [district, 403, 'FORBIDDEN'],
      [null, 401, 'UNAUTHENTICATED'],
    ] as const) {
      const answer = await verify(token);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ error: { code } });
    }
  });
});
