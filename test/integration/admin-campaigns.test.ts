// @vitest-environment node
// Campaigns over real HTTP (`/api/admin/campaigns…`): create a draft bound to one template
// version, open, extend the deadline with a reason, close; every refusal with its stable problem
// code; wrong roles refused; the audit trail; and the officers' side through real sync: an
// assigned commune pulls the campaign and answers it until it is closed, an unassigned one cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminCampaign } from '../../src/shared/api/campaigns';
import { CampaignAnswer, CampaignList } from '../../src/shared/api/campaigns';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const TEMPLATE = 'cds-xa-2025.v1';
const OUTSIDE = '22738'; // a commune of another district than Bác Ái (584)

describe.each(BACKENDS)('campaign management on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const nextId = seededIds(11);
  const call = (username: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens[username] ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  const refusal = async (response: Response) => {
    const body = (await response.json()) as {
      error: { code: string; details?: { problem?: string } };
    };
    return [response.status, body.error.code, body.error.details?.problem];
  };
  const draft = (overrides: Record<string, unknown> = {}) => ({
    title: { vi: 'Đánh giá bổ sung Bác Ái', en: 'Bác Ái supplementary assessment' },
    templateRecordId: TEMPLATE,
    period: { start: '2026-01-01', end: '2026-06-30' },
    deadline: '2026-07-15T17:00:00+07:00',
    assignedUnderIds: ['584'],
    ...overrides,
  });
  const answer = (campaignId: string, unit: string): Mutation => ({
    id: nextId(),
    at: '2026-01-02T03:04:05.000Z',
    type: 'answer.set',
    submissionId: submissionIdFor(campaignId, unit),
    indicatorId: '1.2',
    fields: { value: 3 },
  });
  const device = (username: string) =>
    new TestDevice(server.url, tokens[username] ?? '', `phone-${username}`);

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const username of [
      'admin',
      'province',
      'district-584',
      'viewer',
      'commune-22783',
      `commune-${OUTSIDE}`,
    ])
      tokens[username] = (await server.login(username)).token;
  });
  afterAll(async () => server?.close());

  let created: AdminCampaign;

  it('lists the seeded campaign and the template versions to bind to', async () => {
    const response = await call('admin', '/api/admin/campaigns');
    expect(response.status).toBe(200);
    const list = CampaignList.parse(await response.json());
    expect(list.campaigns.map((c) => [c.id, c.status, c.templateVersion])).toEqual([
      ['cds-2025', 'open', 1],
    ]);
    expect(list.campaigns[0]?.assignedCount).toBe(62);
    expect(list.templates.map((t) => t.recordId)).toEqual([TEMPLATE]);
  });

  it('creates a draft for the communes of one district, bound to the template version', async () => {
    const response = await call('admin', '/api/admin/campaigns', draft({ id: 'bac-ai-2026' }));
    expect(response.status).toBe(201);
    created = CampaignAnswer.parse(await response.json()).campaign;
    expect(created).toMatchObject({
      id: 'bac-ai-2026',
      status: 'draft',
      templateId: 'cds-xa-2025',
      templateVersion: 1,
    });
    expect(created.assignedCount).toBeGreaterThan(1);
    // A generated id when none is given.
    const generated = await call('province', '/api/admin/campaigns', draft());
    expect(generated.status).toBe(201);
    expect(CampaignAnswer.parse(await generated.json()).campaign.id).toMatch(
      /^cd-2026-[0-9a-f]{6}$/,
    );
  });

  it('refuses bad input, each with its own problem code', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ templateRecordId: 'nope.v9' }, 400, 'VALIDATION_FAILED', 'unknown_template'],
      [{ assignedUnderIds: ['999'] }, 400, 'VALIDATION_FAILED', 'unknown_unit'],
      [
        { assignedUnderIds: [], assignedUnitIds: ['584'] },
        400,
        'VALIDATION_FAILED',
        'not_a_commune',
      ],
      [{ assignedUnderIds: [] }, 400, 'VALIDATION_FAILED', 'no_units'],
      [
        { period: { start: '2026-06-30', end: '2026-01-01' } },
        400,
        'VALIDATION_FAILED',
        'period_reversed',
      ],
      [{ deadline: '2025-12-01T00:00:00Z' }, 400, 'VALIDATION_FAILED', 'deadline_before_period'],
      [{ id: 'bac-ai-2026' }, 409, 'CONFLICT', 'duplicate_id'],
    ];
    for (const [overrides, status, code, problem] of cases)
      expect(await refusal(await call('admin', '/api/admin/campaigns', draft(overrides)))).toEqual([
        status,
        code,
        problem,
      ]);
    // A district's reviewer manages no campaign; in its own area or not.
    expect(await refusal(await call('district-584', '/api/admin/campaigns', draft()))).toEqual([
      403,
      'FORBIDDEN',
      undefined,
    ]);
  });

  it('refuses officers, viewers and reviewers', async () => {
    // A viewer at the province sees the campaign but may not move it; below the province the
    // campaign is outside the actor's area and looks absent.
    const expected: [string, number][] = [
      ['commune-22783', 404],
      ['viewer', 403],
      ['district-584', 404],
    ];
    for (const [username, status] of expected) {
      expect((await call(username, '/api/admin/campaigns')).status).toBe(403);
      expect((await call(username, '/api/admin/campaigns/bac-ai-2026/open', {})).status).toBe(
        status,
      );
      expect((await call(username, '/api/admin/campaigns/cds-2025/close', {})).status).toBe(status);
    }
  });

  it('an assigned commune cannot answer while the campaign is a draft', async () => {
    const phone = device('commune-22783');
    const refused = await phone.sync([answer('bac-ai-2026', '22783')]);
    expect(refused.rejections.map((r) => r.code)).toEqual(['WORKFLOW_VIOLATION']);
  });

  it('opens it: an assigned officer pulls it and answers, an unassigned one cannot', async () => {
    const opened = await call('admin', '/api/admin/campaigns/bac-ai-2026/open', {});
    expect(opened.status).toBe(200);
    expect(CampaignAnswer.parse(await opened.json()).campaign.status).toBe('open');
    expect(await refusal(await call('admin', '/api/admin/campaigns/bac-ai-2026/open', {}))).toEqual(
      [409, 'WORKFLOW_VIOLATION', 'wrong_status_step'],
    );

    const inside = device('commune-22783');
    const pulled = await inside.pullAll();
    const mine = pulled.find((c) => c.collection === 'campaign' && c.id === 'bac-ai-2026');
    expect(mine?.fields).toMatchObject({ status: 'open', templateVersion: 1 });
    const accepted = await inside.sync([answer('bac-ai-2026', '22783')]);
    expect(accepted.rejections).toEqual([]);
    expect(accepted.acks).toHaveLength(1);

    const outside = device(`commune-${OUTSIDE}`);
    const refused = await outside.sync([answer('bac-ai-2026', OUTSIDE)]);
    expect(refused.rejections.map((r) => r.code)).toEqual(['FORBIDDEN']);
  });

  it('extends the deadline only later and only with a reason', async () => {
    const path = '/api/admin/campaigns/bac-ai-2026/deadline';
    const later = '2026-08-15T17:00:00+07:00';
    expect(await refusal(await call('admin', path, { deadline: later, reason: '  ' }))).toEqual([
      400,
      'VALIDATION_FAILED',
      'reason_required',
    ]);
    expect(
      await refusal(
        await call('admin', path, { deadline: '2026-07-01T00:00:00Z', reason: 'sớm hơn' }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED', 'deadline_not_later']);
    const extended = await call('admin', path, { deadline: later, reason: 'Mưa bão tháng 7' });
    expect(extended.status).toBe(200);
    expect(CampaignAnswer.parse(await extended.json()).campaign.deadline).toBe(later);
    const phone = device('commune-22783');
    const pulled = await phone.pullAll();
    expect(pulled.find((c) => c.id === 'bac-ai-2026')?.fields.deadline).toBe(later);
  });

  it('closes it: the commune answer is refused from then on', async () => {
    const closed = await call('admin', '/api/admin/campaigns/bac-ai-2026/close', {});
    expect(closed.status).toBe(200);
    expect(
      await refusal(await call('admin', '/api/admin/campaigns/bac-ai-2026/close', {})),
    ).toEqual([409, 'WORKFLOW_VIOLATION', 'wrong_status_step']);
    const refused = await device('commune-22783').sync([answer('bac-ai-2026', '22783')]);
    expect(refused.rejections.map((r) => r.code)).toEqual(['WORKFLOW_VIOLATION']);
    // The template version is part of no request after creation: it stayed what it was bound to.
    const list = CampaignList.parse(await (await call('admin', '/api/admin/campaigns')).json());
    expect(list.campaigns.find((c) => c.id === 'bac-ai-2026')).toMatchObject({
      status: 'closed',
      templateVersion: 1,
    });
  });

  it('records every step in the audit trail, the extension with its reason', async () => {
    const events = await server.context.database.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('target', '=', 'campaign:bac-ai-2026')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'admin.campaign_created',
      'admin.campaign_opened',
      'admin.campaign_deadline_extended',
      'admin.campaign_closed',
    ]);
    expect(String(events[2]?.data)).toContain('Mưa bão tháng 7');
  });
});
