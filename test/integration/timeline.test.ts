// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesSinceLastReturn, TimelineResponse } from '../../src/shared/history/timeline';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const SUBMISSION = submissionIdFor('cds-2025', '22783');
const AT = '2026-03-02T08:00:00.000Z';

describe.each(BACKENDS)('GET /api/submissions/:id/timeline on %s', (backend) => {
  let server: TestServer;
  const nextId = seededIds(77);
  const tokens: Record<string, string> = {};

  const device = async (username: string) => {
    const login = await server.login(username);
    tokens[username] = login.token;
    return new TestDevice(server.url, login.token, `dev-${username}`.slice(0, 60));
  };
  const timeline = (username: string | null, id = SUBMISSION) =>
    fetch(`${server.url}/api/submissions/${encodeURIComponent(id)}/timeline`, {
      headers: username ? { authorization: `Bearer ${tokens[username]}` } : {},
    });
  const photo = (id: string, indicatorId: string): Mutation => ({
    id: nextId(),
    at: AT,
    type: 'evidence.add',
    evidence: {
      id,
      submissionId: SUBMISSION,
      indicatorId,
      sha256: 'b'.repeat(64),
      mime: 'image/jpeg',
      bytes: 1000,
      caption: '',
    },
  });
  const transition = (
    event: 'submit' | 'return',
    extra: Partial<Extract<Mutation, { type: 'submission.transition' }>> = {},
  ): Mutation => ({
    id: nextId(),
    at: AT,
    type: 'submission.transition',
    submissionId: SUBMISSION,
    event,
    ...extra,
  });
  const answer = (indicatorId: string, value: unknown): Mutation => ({
    id: nextId(),
    at: AT,
    type: 'answer.set',
    submissionId: SUBMISSION,
    indicatorId,
    fields: { value },
  });

  beforeAll(async () => {
    server = await startTestServer(backend);
    const officer = await device('commune-22783');
    const reviewer = await device('district-584');
    await device('district-582');
    await device('viewer');
    await device('province');
    const first = await officer.sync([
      ...answerAll(SUBMISSION, nextId),
      answer('1.2', 4),
      photo('01JEVIDENCE0000000000000001', '1.2'),
      transition('submit'),
    ]);
    expect(first.rejections).toEqual([]);
    const returned = await reviewer.sync([
      transition('return', {
        reason: 'Bổ sung minh chứng',
        indicatorReasons: [{ indicatorId: '1.2', reason: 'Số cuộc họp chưa khớp biên bản' }],
      }),
    ]);
    expect(returned.rejections).toEqual([]);
    const fixed = await officer.sync([
      answer('1.2', 6),
      {
        id: nextId(),
        at: AT,
        type: 'evidence.delete',
        evidenceId: '01JEVIDENCE0000000000000001',
      },
      photo('01JEVIDENCE0000000000000002', '1.2'),
      transition('submit'),
    ]);
    expect(fixed.rejections).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives the reviewer every change in order, with names and the return reasons', async () => {
    const response = await timeline('district-584');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = TimelineResponse.parse(await response.json());
    const kinds = body.entries.map((entry) =>
      entry.kind === 'decision' ? entry.event : entry.kind,
    );
    expect(kinds.filter((kind) => kind === 'submit')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'return')).toHaveLength(1);
    const history = body.entries.filter(
      (entry) => entry.kind === 'answer' && entry.indicatorId === '1.2',
    );
    expect(history.map((entry) => entry.kind === 'answer' && entry.value?.after)).toEqual([
      expect.anything(),
      4,
      6,
    ]);
    const returned = body.entries.find(
      (entry) => entry.kind === 'decision' && entry.event === 'return',
    );
    expect(returned).toMatchObject({
      reason: 'Bổ sung minh chứng',
      indicatorReasons: [{ indicatorId: '1.2', reason: 'Số cuộc họp chưa khớp biên bản' }],
    });
    expect(returned?.by.name).not.toBe(returned?.by.id);
    const seqs = body.entries.map((entry) => entry.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it('says what changed since the return: 1.2 from 4 to 6, one photo out, one in', async () => {
    const body = TimelineResponse.parse(await (await timeline('district-584')).json());
    expect(changesSinceLastReturn(body.entries)?.indicators).toEqual([
      {
        indicatorId: '1.2',
        value: { before: 4, after: 6 },
        evidenceAdded: ['01JEVIDENCE0000000000000002'],
        evidenceRemoved: ['01JEVIDENCE0000000000000001'],
        evidenceCaptioned: [],
      },
    ]);
  });

  it('is the same for the officer and the province', async () => {
    const reviewer: unknown = await (await timeline('district-584')).json();
    for (const username of ['commune-22783', 'province']) {
      const response = await timeline(username);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(reviewer);
    }
  });

  it('is refused with a stable code to whoever may not see the work', async () => {
    const cases: [string | null, number, string][] = [
      [null, 401, 'UNAUTHENTICATED'],
      ['viewer', 403, 'FORBIDDEN'],
      ['district-582', 403, 'OUT_OF_SCOPE'],
    ];
    for (const [username, status, code] of cases) {
      const response = await timeline(username);
      expect(response.status, String(username)).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const unknown = await timeline('province', submissionIdFor('cds-2025', '99999'));
    expect(unknown.status).toBe(404);
  });
});
