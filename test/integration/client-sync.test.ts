// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { answerAll } from '../helpers/answers';
import { ClientDevice } from '../helpers/client-device';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { seededIds } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SUBMISSION = submissionIdFor('cds-2025', '22783');
const AT = '2026-03-01T08:00:00.000Z';

describe('the client sync library against the real server', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  const nextId = seededIds(11);
  const devices: ClientDevice[] = [];
  const answer = (
    indicatorId: string,
    fields: Record<string, unknown>,
    submissionId = SUBMISSION,
  ): Mutation => ({ id: nextId(), at: AT, type: 'answer.set', submissionId, indicatorId, fields });

  async function device(username: string, via: 'direct' | 'proxy' = 'direct') {
    const session = await server.login(username);
    const created = new ClientDevice(
      via === 'proxy' ? proxy.url : server.url,
      session.token,
      session.user.id,
      { timeoutMs: 5_000 },
    );
    devices.push(created);
    return created;
  }

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    proxy = await startFaultProxy(server.url);
  });
  afterAll(async () => {
    for (const created of devices) await created.close();
    await proxy?.close();
    await server?.close();
  });

  it('saves offline, then syncs both ways and empties the outbox', async () => {
    const a = await device('commune-22783');
    const b = await device('commune-22783');
    await a.enqueue(answer('1.2', { value: 3 }));
    await a.enqueue(answer('1.2', { note: 'Biên bản số 12' }));
    expect(await a.record('answer', answerIdFor(SUBMISSION, '1.2'))).toMatchObject({
      value: 3,
      note: 'Biên bản số 12',
    });
    expect(await a.record('submission', SUBMISSION)).toMatchObject({ status: 'draft' });
    // Two edits of the same answer, neither sent yet: folded into one outbox entry.
    expect(await a.db.outbox.count()).toBe(1);
    expect(await a.engine.sync()).toMatchObject({ ok: true, acked: 1, rejected: 0 });
    expect(await a.pendingCount()).toBe(0);
    expect(await b.engine.sync()).toMatchObject({ ok: true });
    expect(await b.record('answer', answerIdFor(SUBMISSION, '1.2'))).toMatchObject({
      value: 3,
      note: 'Biên bản số 12',
    });
    expect(await b.record('org_unit', '22783')).toMatchObject({ name: 'Phước Bình' });
  });

  it('keeps a pending local edit when another phone changed the same field', async () => {
    const a = await device('commune-22783');
    const b = await device('commune-22783');
    await a.engine.sync();
    await b.enqueue(answer('1.3', { value: false }));
    await b.engine.sync();
    await a.enqueue(answer('1.3', { value: true }));
    // a pulls b's value while its own is still queued: its own wins locally and, arriving later,
    // on the server too.
    await a.engine.sync();
    await b.engine.sync();
    expect(await a.record('answer', answerIdFor(SUBMISSION, '1.3'))).toMatchObject({ value: true });
    expect(await b.record('answer', answerIdFor(SUBMISSION, '1.3'))).toMatchObject({ value: true });
  });

  it('shows a refusal and puts the server value back', async () => {
    const other = submissionIdFor('cds-2025', '22786');
    const officer = await device('commune-22786');
    await officer.enqueue(answer('1.1', { value: 'chairman' }, other));
    for (const mutation of answerAll(other, nextId).filter(
      (m) => m.type === 'answer.set' && m.indicatorId !== '1.1',
    ))
      await officer.enqueue(mutation);
    await officer.enqueue({
      id: nextId(),
      at: AT,
      type: 'submission.transition',
      submissionId: other,
      event: 'submit',
    });
    expect(await officer.engine.sync()).toMatchObject({ ok: true, rejected: 0 });
    expect(await officer.record('submission', other)).toMatchObject({ status: 'submitted' });

    const late = answer('1.1', { value: 'none' }, other);
    await officer.enqueue(late);
    expect(await officer.record('answer', answerIdFor(other, '1.1'))).toMatchObject({
      value: 'none',
    });
    expect(await officer.engine.sync()).toMatchObject({ ok: true, rejected: 1 });
    const entry = await officer.db.outbox.where('mutationId').equals(late.id).first();
    expect(entry).toMatchObject({ state: 'rejected', rejection: { code: 'WORKFLOW_VIOLATION' } });
    expect(await officer.record('answer', answerIdFor(other, '1.1'))).toMatchObject({
      value: 'chairman',
    });
  });

  it('does not apply a mutation twice when the answer is lost', async () => {
    const phone = await device('commune-22789', 'proxy');
    const mutation = answer('1.2', { value: 2 }, submissionIdFor('cds-2025', '22789'));
    await phone.enqueue(mutation);
    proxy.setPolicy(({ index }) => (index === 0 ? { kind: 'dropResponse' } : { kind: 'pass' }));
    const first = await phone.engine.sync();
    expect(first.ok).toBe(false);
    expect(await phone.pendingCount()).toBe(1);
    expect(await phone.engine.sync()).toMatchObject({ ok: true, acked: 1 });
    proxy.setPolicy(() => ({ kind: 'pass' }));
    const applied = await server.context.database.db
      .selectFrom('applied_mutations')
      .selectAll()
      .where('id', '=', mutation.id)
      .execute();
    expect(applied).toHaveLength(1);
    const audits = await server.context.database.db
      .selectFrom('audit_events')
      .select('data')
      .where('action', '=', 'sync.answer.set')
      .execute();
    expect(audits.filter((row) => row.data.includes(mutation.id))).toHaveLength(1);
  });

  it('sets aside only the mutation the server cannot parse, and sends the rest', async () => {
    const phone = await device('commune-22792');
    const submission = submissionIdFor('cds-2025', '22792');
    const good = answer('1.2', { value: 1 }, submission);
    const broken = { ...answer('1.3', { note: 'x'.repeat(5000) }, submission) };
    await phone.enqueue(good);
    await phone.enqueue(broken);
    const result = await phone.engine.sync();
    expect(result.ok).toBe(true);
    expect(await phone.db.outbox.where('mutationId').equals(broken.id).first()).toMatchObject({
      state: 'rejected',
      rejection: { code: 'VALIDATION_FAILED' },
    });
    expect(await phone.pendingCount()).toBe(0);
    const onServer = await server.context.database.db
      .selectFrom('applied_mutations')
      .select('id')
      .where('id', '=', good.id)
      .execute();
    expect(onServer).toHaveLength(1);
  });

  it('a refused value leaves the phone showing what the server holds, not an empty field', async () => {
    const submission = submissionIdFor('cds-2025', '22789');
    const answerId = answerIdFor(submission, '1.2');
    const phone = await device('commune-22789');
    await phone.enqueue(answer('1.2', { value: 7 }, submission));
    expect(await phone.engine.sync()).toMatchObject({ ok: true, acked: 1 });
    // What an older build's form let through: more than a number can hold exactly.
    const refused = answer('1.2', { value: 1e20 }, submission);
    await phone.enqueue(refused);
    expect(await phone.record('answer', answerId)).toMatchObject({ value: 1e20 });
    expect(await phone.engine.sync()).toMatchObject({ ok: true, rejected: 1 });
    expect(await phone.record('answer', answerId)).toMatchObject({ value: 7 });
    expect(await phone.db.outbox.where('mutationId').equals(refused.id).first()).toMatchObject({
      state: 'rejected',
      rejection: { code: 'VALIDATION_FAILED' },
    });
    // A value the server never had is dropped from the phone, not kept as if it were saved.
    const fresh = answer('1.3', { value: -1 }, submission);
    await phone.enqueue(fresh);
    expect(await phone.engine.sync()).toMatchObject({ ok: true, rejected: 1 });
    expect((await phone.record('answer', answerIdFor(submission, '1.3')))?.value).toBeUndefined();
  });
});
