// @vitest-environment node
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerIdFor, submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { allIndicators, answerAll } from '../helpers/answers';
import { postSync, seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const CAMPAIGN = 'cds-2025';
const COMMUNE = '22783'; // Phước Bình, district 584 Bác Ái
const OTHER_DISTRICT = '582';
const SUBMISSION = submissionIdFor(CAMPAIGN, COMMUNE);
const AT = '2026-01-02T03:04:05.000Z';

describe.each(BACKENDS)('POST /api/sync on %s', (backend) => {
  let server: TestServer;
  const nextId = seededIds(7);
  const device = async (username: string, deviceId: string) =>
    new TestDevice(server.url, (await server.login(username)).token, deviceId);
  const answer = (indicatorId: string, fields: Record<string, unknown>): Mutation => ({
    id: nextId(),
    at: AT,
    type: 'answer.set',
    submissionId: SUBMISSION,
    indicatorId,
    fields,
  });

  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(async () => server?.close());

  it('pushes an answer and pulls the reference data in one round trip', async () => {
    const phone = await device('commune-22783', 'phone-a-0001');
    const first = answer('1.2', { value: 3 });
    const response = await phone.sync([first]);
    expect(response.acks).toEqual([first.id]);
    expect(response.rejections).toEqual([]);
    const seen = response.changes.map((change) => `${change.collection}:${change.id}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'org_unit:58',
        'org_unit:584',
        'org_unit:22783',
        'template:cds-xa-2025.v1',
        `campaign:${CAMPAIGN}`,
        `submission:${SUBMISSION}`,
      ]),
    );
    // Only this commune and its ancestors: not a sibling commune, not another district.
    expect(seen.filter((key) => key.startsWith('org_unit:'))).toHaveLength(3);
    // The answer is this device's own: it does not come back.
    expect(seen).not.toContain(`answer:${answerIdFor(SUBMISSION, '1.2')}`);
  });

  it('treats a replayed mutation as a no-op with the same answer', async () => {
    const phone = await device('commune-22783', 'phone-a-0002');
    const mutation = answer('1.3', { value: true });
    await phone.sync([mutation]);
    const head = Number(
      (
        await server.context.database.db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'seq')
          .executeTakeFirstOrThrow()
      ).value,
    );
    const audits = (
      await server.context.database.db.selectFrom('audit_events').select('seq').execute()
    ).length;
    const replay = await phone.sync([mutation, mutation]);
    expect(replay.acks).toEqual([mutation.id]);
    const headAfter = Number(
      (
        await server.context.database.db
          .selectFrom('meta')
          .select('value')
          .where('key', '=', 'seq')
          .executeTakeFirstOrThrow()
      ).value,
    );
    expect(headAfter).toBe(head);
    expect(
      (await server.context.database.db.selectFrom('audit_events').select('seq').execute()).length,
    ).toBe(audits);
  });

  it('merges two phones field by field and sends each only what the other wrote', async () => {
    const a = await device('commune-22783', 'phone-merge-a');
    const b = await device('commune-22783', 'phone-merge-b');
    await a.pullAll();
    await b.pullAll();
    await a.sync([answer('1.4', { value: { numerator: 40, denominator: 100 } })]);
    await b.sync([answer('1.4', { note: 'Số liệu của UBND xã' })]);
    const toA = (await a.pullAll()).filter((change) => change.collection === 'answer');
    expect(toA.map((change) => change.id)).toEqual([answerIdFor(SUBMISSION, '1.4')]);
    expect(toA[0]?.fields).toMatchObject({ note: 'Số liệu của UBND xã' });
    expect(toA[0]?.fields).not.toHaveProperty('value');
    const reviewer = await device('district-584', 'laptop-584-01');
    const answers = (await reviewer.pullAll()).filter(
      (change) => change.id === answerIdFor(SUBMISSION, '1.4'),
    );
    expect(answers[0]?.fields).toMatchObject({
      value: { numerator: 40, denominator: 100 },
      note: 'Số liệu của UBND xã',
    });
  });

  it('rejects a value that does not fit the indicator, with a typed reason', async () => {
    const phone = await device('commune-22783', 'phone-a-0003');
    const bad = answer('1.2', { value: 'bốn' });
    const unknown = answer('9.9', { value: 1 });
    const response = await phone.sync([bad, unknown]);
    expect(response.acks).toEqual([]);
    expect(response.rejections.map((r) => [r.mutationId, r.code])).toEqual([
      [bad.id, 'VALIDATION_FAILED'],
      [unknown.id, 'VALIDATION_FAILED'],
    ]);
  });

  it('runs the whole workflow: submit, return with reasons, resubmit, approve, accept', async () => {
    const phone = await device('commune-22783', 'phone-flow-01');
    const reviewer = await device('district-584', 'laptop-flow-01');
    const stranger = await device('district-582', 'laptop-flow-02');
    const province = await device('province', 'desk-flow-01');
    const transition = (event: string, extra: Record<string, unknown> = {}): Mutation =>
      ({
        id: nextId(),
        at: AT,
        type: 'submission.transition',
        submissionId: SUBMISSION,
        event,
        ...extra,
      }) as Mutation;

    const early = transition('submit');
    const tooEarly = await phone.sync([early]);
    expect(tooEarly.rejections[0]).toMatchObject({
      mutationId: early.id,
      code: 'VALIDATION_FAILED',
      current: { collection: 'submission', id: SUBMISSION },
    });

    // One photo, for 1.3 (yes/no, 25 points, one photo required): with "no evidence scores zero"
    // it is the only indicator that earns points.
    const photo: Mutation = {
      id: nextId(),
      at: AT,
      type: 'evidence.add',
      evidence: {
        id: nextId(),
        submissionId: SUBMISSION,
        indicatorId: '1.3',
        sha256: 'a'.repeat(64),
        mime: 'image/jpeg',
        bytes: 1000,
        caption: 'Chuyên mục CĐS',
      },
    };
    const submitted = await phone.sync([
      ...answerAll(SUBMISSION, nextId),
      photo,
      transition('submit'),
    ]);
    expect(submitted.rejections).toEqual([]);
    const status = submitted.changes.find((change) => change.id === SUBMISSION);
    expect(status?.fields).toMatchObject({ status: 'submitted', score: 25 });

    const locked = answer('1.2', { value: 1 });
    const afterSubmit = await phone.sync([locked]);
    expect(afterSubmit.rejections[0]).toMatchObject({
      code: 'WORKFLOW_VIOLATION',
      current: { collection: 'answer' },
    });

    const outsider = transition('approve');
    expect((await stranger.sync([outsider])).rejections[0]).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await stranger.pullAll()).some((change) => change.id === SUBMISSION)).toBe(false);

    const noReason = transition('return');
    expect((await reviewer.sync([noReason])).rejections[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const returned = await reviewer.sync([
      transition('return', {
        indicatorReasons: [{ indicatorId: '1.2', reason: 'Thiếu biên bản họp quý IV' }],
      }),
    ]);
    expect(returned.rejections).toEqual([]);

    const back = await phone.pullAll();
    expect(back.find((change) => change.id === SUBMISSION)?.fields).toMatchObject({
      status: 'returned',
    });
    expect(back.find((change) => change.collection === 'review')?.fields).toMatchObject({
      decision: 'return',
      indicatorId: '1.2',
      reason: 'Thiếu biên bản họp quý IV',
    });

    expect(
      (await phone.sync([answer('1.2', { value: 4 }), transition('submit')])).rejections,
    ).toEqual([]);
    expect((await province.sync([transition('accept')])).rejections[0]).toMatchObject({
      code: 'WORKFLOW_VIOLATION',
    });
    expect((await reviewer.sync([transition('approve')])).rejections).toEqual([]);
    expect((await province.sync([transition('accept')])).rejections).toEqual([]);
    const final = (await phone.pullAll()).find((change) => change.id === SUBMISSION);
    expect(final?.fields).toMatchObject({ status: 'accepted' });
    expect(allIndicators.length).toBe(26);
  });

  it('pages a large pull and never repeats or skips a record', async () => {
    const reviewer = await device('province', 'desk-page-01');
    const paged = new Map<string, number>();
    let pages = 0;
    for (;;) {
      const response = await reviewer.sync([], 7);
      pages += 1;
      for (const change of response.changes)
        paged.set(`${change.collection}:${change.id}`, change.seq);
      if (!response.hasMore) break;
    }
    const all = await server.context.database.db
      .selectFrom('records')
      .select(['collection', 'id'])
      .execute();
    expect(pages).toBeGreaterThan(3);
    expect(new Set(paged.keys())).toEqual(new Set(all.map((row) => `${row.collection}:${row.id}`)));
  });

  it('accepts gzip request bodies and refuses a gzip bomb', async () => {
    const { token } = await server.login('commune-22783');
    const body = { protocol: 1, deviceId: 'phone-gzip-01', cursor: 0, mutations: [] };
    const ok = await postSync(server.url, token, body, { gzip: true });
    expect(ok.status).toBe(200);
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const response = await fetch(`${server.url}/api/sync`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        authorization: `Bearer ${token}`,
      },
      body: bomb,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('answers an outdated client with 426 and an unauthenticated one with 401', async () => {
    const { token } = await server.login('commune-22783');
    const outdated = await postSync(server.url, token, {
      protocol: 0,
      deviceId: 'phone-old-01',
      cursor: 0,
      mutations: [],
    });
    expect(outdated).toMatchObject({ status: 426, body: { error: { code: 'PROTOCOL_OUTDATED' } } });
    const anonymous = await postSync(server.url, null, {
      protocol: 1,
      deviceId: 'phone-anon-1',
      cursor: 0,
      mutations: [],
    });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    void OTHER_DISTRICT;
  });
});
