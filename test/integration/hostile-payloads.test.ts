// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { RejectionCode } from '../../src/shared/protocol/sync';
import { postSync, seededIds } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const SEED = 20251126;
const REJECTION_CODES: string[] = RejectionCode.options;
const RUNS = 1000;
const AT = '2026-01-02T03:04:05.000Z';

const validRequest = () => ({
  protocol: 1,
  deviceId: 'phone-hostile-1',
  cursor: 0,
  mutations: [
    {
      id: '01JBZ0000000000000000000AA',
      at: AT,
      type: 'answer.set',
      submissionId: submissionIdFor('cds-2025', '22783'),
      indicatorId: '1.2',
      fields: { value: 2 },
    },
  ],
});

/** Structurally broken requests: each must be refused with a 4xx and a stable code. */
const malformed: fc.Arbitrary<{ label: string; body: unknown }> = fc.oneof(
  fc.jsonValue().map((body) => ({ label: 'random JSON', body })),
  fc
    .tuple(
      fc.constantFrom('protocol', 'deviceId', 'cursor', 'mutations', 'limit'),
      fc.oneof(
        fc.string(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.integer()),
        fc.object(),
      ),
    )
    .map(([key, value]) => ({ label: `wrong ${key}`, body: { ...validRequest(), [key]: value } })),
  fc
    .tuple(
      fc.constantFrom('id', 'at', 'type', 'submissionId', 'indicatorId', 'fields'),
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.integer(),
        fc.constant(null),
        fc.object({ maxDepth: 2 }),
      ),
    )
    .map(([key, value]) => {
      const body = validRequest();
      const mutation = { ...body.mutations[0], [key]: value };
      return { label: `wrong mutation ${key}`, body: { ...body, mutations: [mutation] } };
    }),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .map((key) => ({ label: 'unknown field', body: { ...validRequest(), [`x${key}`]: 1 } })),
  fc.string({ minLength: 1, maxLength: 20 }).map((key) => {
    const body = validRequest();
    return {
      label: 'unknown mutation field',
      body: { ...body, mutations: [{ ...body.mutations[0], [`x${key}`]: true }] },
    };
  }),
  fc.integer({ min: 201, max: 400 }).map((count) => ({
    label: 'too many mutations',
    body: {
      ...validRequest(),
      mutations: Array.from({ length: count }, () => validRequest().mutations[0]),
    },
  })),
  fc.constantFrom(
    { label: 'huge string', body: { ...validRequest(), deviceId: 'a'.repeat(100_000) } },
    {
      label: 'deep nesting',
      body: `{"protocol":1,"deviceId":"phone-hostile-1","cursor":0,"mutations":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    },
    {
      label: 'proto pollution',
      body: '{"protocol":1,"deviceId":"phone-hostile-1","cursor":0,"mutations":[],"__proto__":{"admin":true}}',
    },
    { label: 'not JSON', body: '{"protocol": 1,' },
    { label: 'empty', body: '' },
    { label: 'negative cursor', body: { ...validRequest(), cursor: -1 } },
    { label: 'huge limit', body: { ...validRequest(), limit: 1e9 } },
    {
      label: 'evidence bytes too big',
      body: {
        ...validRequest(),
        mutations: [
          {
            id: '01JBZ0000000000000000000AB',
            at: AT,
            type: 'evidence.add',
            evidence: {
              id: 'e1',
              submissionId: 's',
              indicatorId: '1.1',
              sha256: 'a'.repeat(64),
              mime: 'image/jpeg',
              bytes: 1e12,
              caption: '',
            },
          },
        ],
      },
    },
    {
      label: 'evidence bad mime',
      body: {
        ...validRequest(),
        mutations: [
          {
            id: '01JBZ0000000000000000000AC',
            at: AT,
            type: 'evidence.add',
            evidence: {
              id: 'e1',
              submissionId: 's',
              indicatorId: '1.1',
              sha256: 'a'.repeat(64),
              mime: 'text/html',
              bytes: 10,
              caption: '',
            },
          },
        ],
      },
    },
  ),
);

async function snapshot(server: TestServer) {
  const db = server.context.database.db;
  const count = async (table: 'records' | 'audit_events' | 'users' | 'device_tokens') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const seq = await db.selectFrom('meta').select(['key', 'value']).orderBy('key').execute();
  return {
    records: await count('records'),
    audit: await count('audit_events'),
    users: await count('users'),
    tokens: await count('device_tokens'),
    seq: seq.map((row) => `${row.key}=${row.value}`),
  };
}

describe.each(BACKENDS)('hostile sync payloads on %s', (backend) => {
  let server: TestServer;
  let token: string;
  let reviewerToken: string;

  beforeAll(async () => {
    server = await startTestServer(backend);
    token = (await server.login('commune-22783')).token;
    reviewerToken = (await server.login('district-582')).token;
  });
  afterAll(async () => server?.close());

  it(`refuses ${RUNS} malformed requests with a 4xx and a stable code, changing nothing (seed ${SEED})`, async () => {
    console.log(`hostile payloads: fast-check seed ${SEED}, ${RUNS} runs`);
    const before = await snapshot(server);
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(malformed, async ({ label, body }) => {
        const result = await postSync(server.url, token, body);
        seen.set(label, (seen.get(label) ?? 0) + 1);
        if (result.status === 200) {
          // Some generated values are well-formed after all (an indicator id of " " is a string):
          // then the request is valid and each mutation must come back as a typed rejection.
          const body = result.body as { acks: unknown[]; rejections: { code: string }[] };
          return (
            body.acks.length === 0 &&
            body.rejections.length === 1 &&
            body.rejections.every((r) => REJECTION_CODES.includes(r.code))
          );
        }
        const code = (result.body as { error?: { code?: unknown } }).error?.code;
        return (
          result.status >= 400 &&
          result.status < 500 &&
          typeof code === 'string' &&
          (ERROR_CODES as readonly string[]).includes(code)
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(await snapshot(server)).toEqual(before);
    expect(seen.size).toBeGreaterThan(10);
    console.log('hostile payload kinds:', Object.fromEntries(seen));
  });

  it('rejects well-formed mutations on other units with typed reasons and changes no record', async () => {
    const before = await snapshot(server);
    const nextId = seededIds(99);
    const foreign = submissionIdFor('cds-2025', '22738'); // a ward of Phan Rang–Tháp Chàm, not ours
    const mutations = [
      {
        id: nextId(),
        at: AT,
        type: 'answer.set',
        submissionId: foreign,
        indicatorId: '1.2',
        fields: { value: 4 },
      },
      {
        id: nextId(),
        at: AT,
        type: 'answer.set',
        submissionId: submissionIdFor('cds-2025', '58'),
        indicatorId: '1.2',
        fields: { value: 4 },
      },
      {
        id: nextId(),
        at: AT,
        type: 'answer.set',
        submissionId: submissionIdFor('no-such-campaign', '22783'),
        indicatorId: '1.2',
        fields: { value: 4 },
      },
      {
        id: nextId(),
        at: AT,
        type: 'submission.transition',
        submissionId: foreign,
        event: 'approve',
      },
      { id: nextId(), at: AT, type: 'evidence.delete', evidenceId: 'someone-elses-evidence' },
      { id: nextId(), at: AT, type: 'review.comment', submissionId: foreign, text: 'xin chào' },
    ];
    for (const who of [token, reviewerToken]) {
      const result = await postSync(server.url, who, {
        protocol: 1,
        deviceId: 'phone-hostile-2',
        cursor: 0,
        mutations: mutations.map((m) => ({ ...m, id: nextId() })),
      });
      expect(result.status).toBe(200);
      const body = result.body as { acks: string[]; rejections: { code: string }[] };
      expect(body.acks).toEqual([]);
      expect(body.rejections).toHaveLength(mutations.length);
      for (const rejection of body.rejections)
        expect(['OUT_OF_SCOPE', 'FORBIDDEN', 'NOT_FOUND']).toContain(rejection.code);
    }
    expect(await snapshot(server)).toEqual(before);
  });
});
