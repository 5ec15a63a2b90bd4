// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VN_HOLIDAY_DATES } from '../../src/shared/calendar/vn-holidays';
import { addWorkingDays, vietnamDateOf } from '../../src/shared/calendar/working-days';
import { Nomination } from '../../src/shared/commendation/schemas';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const ACCEPTED = '22783';
const SUBMITTED = '22786';
const TITLE = { vi: 'Bằng khen của Chủ tịch UBND tỉnh', en: 'Certificate of merit' };

describe.each(BACKENDS)('nominations and public comments on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const nextId = seededIds(10_0401);
  const step = (
    unit: string,
    event: Extract<Mutation, { type: 'submission.transition' }>['event'],
  ): Mutation => ({
    id: nextId(),
    at: '2026-01-05T00:00:00.000Z',
    type: 'submission.transition',
    submissionId: submissionIdFor('cds-2025', unit),
    event,
  });
  const sync = async (username: string, mutations: Mutation[]) => {
    const device = new TestDevice(server.url, tokens[username] ?? '', `dev-${username}`);
    expect((await device.sync(mutations)).rejections).toEqual([]);
  };
  const api = (username: string | null, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(username ? { authorization: `Bearer ${tokens[username] ?? ''}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  const codeOf = async (response: Response) => [
    response.status,
    ((await response.json()) as { error: { code: string } }).error.code,
  ];
  const publicList = async () =>
    (await (await api(null, '/api/public/nominations?campaign=cds-2025')).json()) as {
      nomination: Nomination;
      comments: { body: string }[];
    }[];

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const username of [
      'province',
      'district-584',
      'viewer',
      `commune-${ACCEPTED}`,
      `commune-${SUBMITTED}`,
    ])
      tokens[username] = (await server.login(username)).token;
    for (const unit of [ACCEPTED, SUBMITTED])
      await sync(`commune-${unit}`, [
        ...answerAll(submissionIdFor('cds-2025', unit), nextId),
        step(unit, 'submit'),
      ]);
    await sync('district-584', [step(ACCEPTED, 'approve')]);
    await sync('province', [step(ACCEPTED, 'accept')]);
  });
  afterAll(async () => {
    await server?.close();
  });

  let published: Nomination;

  it('lets the province propose only units it accepted, and nobody else propose', async () => {
    const proposal = { campaignId: 'cds-2025', kind: 'collective', unitId: ACCEPTED, title: TITLE };
    const created = await api('province', '/api/nominations', proposal);
    expect(created.status).toBe(201);
    published = Nomination.parse(await created.json());
    expect(published.state).toBe('draft');
    expect(
      await codeOf(await api('province', '/api/nominations', { ...proposal, unitId: SUBMITTED })),
    ).toEqual([409, 'WORKFLOW_VIOLATION']);
    expect(await codeOf(await api('district-584', '/api/nominations', proposal))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(await codeOf(await api('viewer', '/api/nominations', proposal))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    // An individual needs a name and an achievement.
    expect(
      await codeOf(await api('province', '/api/nominations', { ...proposal, kind: 'individual' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('shows the public nothing until it is published, then the 10-working-day period', async () => {
    expect(await publicList()).toEqual([]);
    // A draft takes no comment.
    expect(
      await codeOf(
        await api(null, '/api/public/comments', { nominationId: published.id, body: 'Sớm quá' }),
      ),
    ).toEqual([409, 'WORKFLOW_VIOLATION']);
    const response = await api('province', `/api/nominations/${published.id}/steps`, {
      type: 'publish',
    });
    expect(response.status).toBe(200);
    published = Nomination.parse(await response.json());
    const today = vietnamDateOf(new Date().toISOString());
    expect(published).toMatchObject({
      state: 'published',
      publishedAt: today,
      commentUntil: addWorkingDays(today, 10, VN_HOLIDAY_DATES),
    });
    // A second proposal stays a draft, a third is withdrawn: neither is public.
    const proposal = {
      campaignId: 'cds-2025',
      kind: 'individual',
      unitId: ACCEPTED,
      title: TITLE,
      personName: 'Nguyễn Văn A',
      achievement: 'Số hóa 100% hồ sơ một cửa.',
    };
    const draft = Nomination.parse(
      await (await api('province', '/api/nominations', proposal)).json(),
    );
    const withdrawn = Nomination.parse(
      await (await api('province', '/api/nominations', proposal)).json(),
    );
    await api('province', `/api/nominations/${withdrawn.id}/steps`, { type: 'withdraw' });
    const listed = await publicList();
    expect(listed.map((item) => item.nomination.id)).toEqual([published.id]);
    expect(JSON.stringify(listed)).not.toContain(draft.id);
    // The period is still open: it cannot be closed yet.
    expect(
      await codeOf(
        await api('province', `/api/nominations/${published.id}/steps`, { type: 'close' }),
      ),
    ).toEqual([409, 'WORKFLOW_VIOLATION']);
  });

  it('holds a comment until the province shows it; a bot’s comment is dropped silently', async () => {
    const sent = await api(null, '/api/public/comments', {
      nominationId: published.id,
      body: 'Xã làm tốt việc số hóa hồ sơ.',
      authorName: 'Trần B',
    });
    expect(sent.status).toBe(202);
    const bot = await api(null, '/api/public/comments', {
      nominationId: published.id,
      body: 'buy now',
      website: 'http://spam',
    });
    expect(bot.status).toBe(202);
    expect(
      await codeOf(
        await api(null, '/api/public/comments', {
          nominationId: published.id,
          body: 'x'.repeat(2001),
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
    expect((await publicList())[0]?.comments).toEqual([]);
    const queue = (await (
      await api('province', `/api/nominations/${published.id}/comments`)
    ).json()) as { id: string; state: string; body: string }[];
    expect(queue.map((c) => [c.state, c.body])).toEqual([
      ['pending', 'Xã làm tốt việc số hóa hồ sơ.'],
    ]);
    expect(
      await codeOf(
        await api('district-584', `/api/comments/${queue[0]?.id}/moderation`, { state: 'shown' }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      (await api('province', `/api/comments/${queue[0]?.id}/moderation`, { state: 'shown' }))
        .status,
    ).toBe(200);
    expect((await publicList())[0]?.comments).toMatchObject([
      { body: 'Xã làm tốt việc số hóa hồ sơ.', authorName: 'Trần B' },
    ]);
  });

  it('records every step in the audit trail', async () => {
    const events = await server.context.database.db
      .selectFrom('audit_events')
      .select('action')
      .where((eb) =>
        eb.or([eb('action', 'like', 'nomination.%'), eb('action', 'like', 'comment.%')]),
      )
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'nomination.create',
      'nomination.publish',
      'nomination.create',
      'nomination.create',
      'nomination.withdraw',
      'comment.received',
      'comment.shown',
    ]);
  });

  it('limits comments per address', async () => {
    let status = 0;
    for (let i = 0; i < 6 && status !== 429; i += 1)
      status = (
        await api(null, '/api/public/comments', { nominationId: published.id, body: `Ý kiến ${i}` })
      ).status;
    expect(status).toBe(429);
  });
});
