// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinhChungDb } from '../../src/app/db/database';
import { SyncScheduler } from '../../src/app/sync/scheduler';
import type { SyncTransport } from '../../src/app/sync/transport';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import {
  OLDEST_SUPPORTED_PROTOCOL,
  PROTOCOL_VERSION,
  type Mutation,
} from '../../src/shared/protocol/sync';
import { ClientDevice } from '../helpers/client-device';
import { postSync, seededIds } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const AT = '2026-03-02T08:00:00.000Z';

/** A build of the app that speaks another protocol version, over the real HTTP transport. */
const speaking =
  (protocol: number) =>
  (http: SyncTransport): SyncTransport => ({
    sync: (request) => http.sync({ ...request, protocol }),
  });

/** What an outbox entry says about its fate (the `sent` freeze is not a fate: see the doc). */
async function outboxFates(db: MinhChungDb) {
  return (await db.outbox.orderBy('order').toArray()).map((entry) => ({
    mutationId: entry.mutationId,
    state: entry.state,
    attempts: entry.attempts,
    lastError: entry.lastError,
    rejection: entry.rejection,
  }));
}

async function recordsOf(db: MinhChungDb) {
  const rows = await db.records.toArray();
  return Object.fromEntries(rows.map((row) => [`${row.collection}:${row.id}`, row.fields]));
}

describe('protocol evolution: old and new apps against a server', () => {
  let server: TestServer;
  /** A server one step ahead: its answers carry fields this build has never heard of. */
  let newer: TestServer;
  const nextId = seededIds(29);
  const devices: ClientDevice[] = [];
  const answer = (
    submissionId: string,
    indicatorId: string,
    fields: Record<string, unknown>,
  ): Mutation => ({ id: nextId(), at: AT, type: 'answer.set', submissionId, indicatorId, fields });

  async function device(
    target: TestServer,
    username: string,
    wrap?: (http: SyncTransport) => SyncTransport,
  ) {
    const session = await target.login(username);
    const created = new ClientDevice(target.url, session.token, session.user.id, {
      timeoutMs: 5_000,
      ...(wrap ? { wrap } : {}),
    });
    devices.push(created);
    return created;
  }

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    newer = await startTestServer('sqlite', {
      decorate: (app) =>
        app.addHook('preSerialization', async (request, _reply, payload: unknown) => {
          if (request.url !== '/api/sync' || typeof payload !== 'object' || payload === null)
            return payload;
          const body = payload as { changes?: unknown[] };
          return {
            ...payload,
            serverHints: { compactAfter: 5000 },
            changes: (body.changes ?? []).map((change) =>
              typeof change === 'object' && change !== null
                ? { ...change, origin: 'someone' }
                : change,
            ),
          };
        }),
    });
  });
  afterAll(async () => {
    for (const created of devices) await created.close();
    await newer?.close();
    await server?.close();
  });

  it('tells an app older than the server supports to update (426), and keeps its outbox', async () => {
    const submission = submissionIdFor('cds-2025', '22783');
    const old = await device(server, 'commune-22783', speaking(OLDEST_SUPPORTED_PROTOCOL - 1));
    await old.enqueue(answer(submission, '1.2', { value: 4 }));
    const result = await old.engine.sync();
    expect(result).toMatchObject({ ok: false, error: { failure: { kind: 'outdated' } } });
    expect(await old.pendingCount()).toBe(1);
    // Refused on its version alone, the batch was never looked at: no attempt is counted.
    const [entry, ...rest] = await outboxFates(old.db);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ state: 'pending', attempts: 0, lastError: undefined });
  });

  it('pauses an app newer than the server with its own code and touches no outbox entry', async () => {
    const submission = submissionIdFor('cds-2025', '22786');
    const { token } = await server.login('commune-22786');
    const raw = await postSync(server.url, token, {
      protocol: PROTOCOL_VERSION + 1,
      deviceId: 'phone-newer-01',
      cursor: 0,
      // A field this server does not know: decided on the version before the body is validated.
      mutations: [{ ...answer(submission, '1.2', { value: 4 }), expectedRevision: 3 }],
    });
    expect(raw).toMatchObject({ status: 422, body: { error: { code: 'PROTOCOL_TOO_NEW' } } });

    let protocol = PROTOCOL_VERSION + 1;
    const phone = await device(server, 'commune-22786', (http) => ({
      sync: (request) => http.sync({ ...request, protocol }),
    }));
    await phone.enqueue(answer(submission, '1.2', { value: 4 }));
    await phone.enqueue(answer(submission, '1.3', { value: true }));
    const before = await outboxFates(phone.db);
    const states: string[] = [];
    const scheduler = new SyncScheduler({
      run: () => phone.engine.sync(),
      intervalMs: 60_000,
      setTimer: () => null,
      clearTimer: () => undefined,
      onState: (state) => states.push(state.kind),
    });
    await scheduler.trigger();
    expect(scheduler.current).toMatchObject({ kind: 'paused', reason: 'serverOutdated' });
    // The user's button tries again; still paused, still nothing touched.
    await scheduler.trigger();
    expect(states).toEqual(['syncing', 'paused', 'syncing', 'paused']);
    expect(await outboxFates(phone.db)).toEqual(before);
    expect(before.every((entry) => entry.state === 'pending' && entry.attempts === 0)).toBe(true);

    // The server is updated to this app's protocol: everything that waited goes through.
    protocol = PROTOCOL_VERSION;
    await scheduler.trigger();
    expect(scheduler.current.kind).toBe('idle');
    expect(await phone.db.outbox.count()).toBe(0);
    const applied = await server.context.database.db
      .selectFrom('applied_mutations')
      .select('id')
      .where(
        'id',
        'in',
        before.map((entry) => entry.mutationId),
      )
      .execute();
    expect(applied).toHaveLength(2);
  });

  it('names the malformed mutations in a 400, and names none when the request itself is wrong', async () => {
    const submission = submissionIdFor('cds-2025', '22789');
    const { token } = await server.login('commune-22789');
    const good = answer(submission, '1.2', { value: 1 });
    const unknownField = { ...answer(submission, '1.3', { value: true }), hint: 'x' };
    const named = await postSync(server.url, token, {
      protocol: PROTOCOL_VERSION,
      deviceId: 'phone-named-01',
      cursor: 0,
      mutations: [good, unknownField],
    });
    expect(named).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          details: { mutations: [{ index: 1, id: unknownField.id }] },
        },
      },
    });
    const topLevel = await postSync(server.url, token, {
      protocol: PROTOCOL_VERSION,
      deviceId: 'phone-named-01',
      cursor: -1,
      mutations: [good],
    });
    expect(topLevel).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { mutations: [] } } },
    });

    // The app: a 400 that names no mutation leaves every entry as it was and reports the error.
    const phone = await device(server, 'commune-22789', (http) => ({
      sync: (request) => http.sync({ ...request, cursor: -1 }),
    }));
    await phone.enqueue(answer(submission, '1.4', { note: 'Biên bản' }));
    await phone.enqueue(answer(submission, '1.5', { value: true }));
    const before = await outboxFates(phone.db);
    const result = await phone.engine.sync();
    expect(result).toMatchObject({
      ok: false,
      error: { failure: { kind: 'refused', code: 'VALIDATION_FAILED' } },
    });
    expect(await outboxFates(phone.db)).toEqual(before);
  });

  it('reads an answer carrying fields it does not know (a newer server)', async () => {
    const submission = submissionIdFor('cds-2025', '22783');
    const { token } = await newer.login('commune-22783');
    const raw = await postSync(newer.url, token, {
      protocol: PROTOCOL_VERSION,
      deviceId: 'phone-raw-0001',
      cursor: 0,
      mutations: [],
    });
    expect(raw).toMatchObject({ status: 200, body: { serverHints: { compactAfter: 5000 } } });

    const a = await device(newer, 'commune-22783');
    const b = await device(newer, 'commune-22783');
    const mutation = answer(submission, '1.2', { value: 6 });
    await a.enqueue(mutation);
    expect(await a.engine.sync()).toMatchObject({ ok: true, acked: 1 });
    expect(await b.engine.sync()).toMatchObject({ ok: true });
    expect(await b.record('answer', answerIdFor(submission, '1.2'))).toMatchObject({ value: 6 });
    expect(await b.record('org_unit', '22783')).toMatchObject({ name: 'Phước Bình' });
  });

  it('answers a cursor beyond its head with a reset; the phone re-pulls and keeps its outbox', async () => {
    const submission = submissionIdFor('cds-2025', '22792');
    const { token } = await server.login('commune-22792');
    const raw = await postSync(server.url, token, {
      protocol: PROTOCOL_VERSION,
      deviceId: 'phone-ahead-01',
      cursor: 10_000_000,
      mutations: [],
    });
    expect(raw).toMatchObject({
      status: 200,
      body: { reset: true, cursor: 0, hasMore: true, changes: [] },
    });

    const phone = await device(server, 'commune-22792');
    const other = await device(server, 'commune-22792');
    await phone.enqueue(answer(submission, '1.2', { value: 3 }));
    expect(await phone.engine.sync()).toMatchObject({ ok: true, acked: 1 });
    const deviceBefore = (await phone.db.syncState.get('deviceId'))?.value;

    // The server is restored to an older copy: the phone's cursor is beyond the head, another phone
    // changed an answer the first one will not hear about by its cursor, and the first phone's own
    // acknowledged value is not what the server holds any more.
    await other.enqueue(answer(submission, '1.3', { value: false }));
    expect(await other.engine.sync()).toMatchObject({ ok: true, acked: 1 });
    await phone.db.syncState.put({ key: 'cursor', value: 10_000_000 });
    const answer12 = answerIdFor(submission, '1.2');
    const local = await phone.db.records.get(['answer', answer12]);
    if (!local) throw new Error('the phone lost its own answer');
    await phone.db.records.put({ ...local, fields: { ...local.fields, value: 9 } });
    // An edit still waiting when the reset arrives is sent, and wins over the pulled value.
    const pending = answer(submission, '1.4', { note: 'Biên bản họp quý IV' });
    await phone.enqueue(pending);

    expect(await phone.engine.sync()).toMatchObject({ ok: true, acked: 1 });
    expect((await phone.db.syncState.get('deviceId'))?.value).not.toBe(deviceBefore);
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await phone.record('answer', answer12)).toMatchObject({ value: 3 });
    expect(await phone.record('answer', answerIdFor(submission, '1.3'))).toMatchObject({
      value: false,
    });

    // Equal to the server: a fresh phone of the same officer pulls exactly the same records.
    const fresh = await device(server, 'commune-22792');
    expect(await fresh.engine.sync()).toMatchObject({ ok: true });
    expect(await recordsOf(phone.db)).toEqual(await recordsOf(fresh.db));
    expect(await fresh.record('answer', answerIdFor(submission, '1.4'))).toMatchObject({
      note: 'Biên bản họp quý IV',
    });
  });
});
