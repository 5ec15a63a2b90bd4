// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Nomination } from '../../src/shared/commendation/schemas';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { DashboardFigures } from '../../src/shared/reports/figures';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

/** One commune of Bác Ái in each status; only the accepted one may ever be public. */
const STATUS_OF = {
  '22783': 'accepted',
  '22786': 'approved',
  '22789': 'submitted',
  '22792': 'returned',
  '22795': 'draft',
} as const;
const NAMES = {
  '22786': 'Phước Hòa',
  '22789': 'Phước Tân',
  '22792': 'Phước Tiến',
  '22795': 'Phước Thắng',
};
const NEVER_STARTED = '22798';
const SECRET_DRAFT = 'BẢN NHÁP KHÔNG CÔNG KHAI';
const PENDING_COMMENT = 'Ý kiến chưa duyệt <script>alert(1)</script>';

type Event = Extract<Mutation, { type: 'submission.transition' }>['event'];

describe.each(BACKENDS)('public pages and open data on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const nextId = seededIds(10_0501);
  const step = (unit: string, event: Event, reason?: string): Mutation => ({
    id: nextId(),
    at: '2026-01-05T00:00:00.000Z',
    type: 'submission.transition',
    submissionId: submissionIdFor('cds-2025', unit),
    event,
    ...(reason ? { reason } : {}),
  });
  const photo = (unit: string): Mutation => ({
    id: nextId(),
    at: '2026-01-04T00:00:00.000Z',
    type: 'evidence.add',
    evidence: {
      id: nextId(),
      submissionId: submissionIdFor('cds-2025', unit),
      indicatorId: '1.1',
      sha256: 'd'.repeat(64),
      mime: 'image/jpeg',
      bytes: 1000,
      caption: '',
    },
  });
  const sync = async (username: string, mutations: Mutation[]) => {
    const device = new TestDevice(server.url, tokens[username] ?? '', `dev-${username}`);
    expect((await device.sync(mutations)).rejections).toEqual([]);
  };
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers });
  const post = (username: string, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[username] ?? ''}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    const communes = Object.keys(STATUS_OF);
    for (const username of ['province', 'district-584', ...communes.map((c) => `commune-${c}`)])
      tokens[username] = (await server.login(username)).token;
    for (const [unit, status] of Object.entries(STATUS_OF)) {
      const work = [...answerAll(submissionIdFor('cds-2025', unit), nextId), photo(unit)];
      await sync(`commune-${unit}`, status === 'draft' ? work : [...work, step(unit, 'submit')]);
    }
    await sync('district-584', [
      step('22783', 'approve'),
      step('22786', 'approve'),
      step('22792', 'return', 'Thiếu biên bản'),
    ]);
    await sync('province', [step('22783', 'accept')]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows nothing of an unpublished campaign', async () => {
    for (const path of [
      '/public/cds-2025',
      '/open-data/cds-2025/results.json',
      '/open-data/cds-2025/results.csv',
    ])
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    const catalog = (await (await get('/open-data/catalog.json')).json()) as {
      'dcat:dataset': unknown[];
    };
    expect(catalog['dcat:dataset']).toEqual([]);
    expect((await post('district-584', '/api/campaigns/cds-2025/results/publish', {})).status).toBe(
      403,
    );
  });

  it('once published, gives accepted work only: every other status looks like "not started"', async () => {
    expect((await post('province', '/api/campaigns/cds-2025/results/publish', {})).status).toBe(
      200,
    );
    const response = await get('/open-data/cds-2025/results.json');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { licence: string };
    expect(body.licence).toBe('CC-BY-4.0');
    const figures = DashboardFigures.omit({ computedAt: true }).parse(body);
    const of = (id: string) => figures.units.find((unit) => unit.unitId === id);
    expect(of('22783')).toMatchObject({ rank: 1, scored: 1 });
    expect(of('22783')?.score).toBeGreaterThan(0);
    const blank = { ...of(NEVER_STARTED), unitId: undefined, name: undefined };
    for (const unit of Object.keys(NAMES))
      expect([unit, { ...of(unit), unitId: undefined, name: undefined }]).toEqual([unit, blank]);
    expect(of('584')).toMatchObject({
      submitted: 1,
      scored: 1,
      statusCounts: { accepted: 1, approved: 0, submitted: 0, returned: 0, draft: 0 },
    });
  });

  it('serves a page that reads without JavaScript, cacheable, in Vietnamese and English', async () => {
    const page = await get('/public/cds-2025');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('Xã Phước Bình');
    // The district map, drawn on the server: 7 districts, Bác Ái (its average) on the score scale.
    expect(html.match(/<path d="M/g)).toHaveLength(7);
    expect(html).toMatch(/<path d="M[^"]+" fill="#ffffcc"[^>]*><title>Huyện Bác Ái: \d/);
    expect(await (await get('/public/')).text()).toContain('href="/public/cds-2025?lang=vi"');
    for (const name of Object.values(NAMES)) expect(html).not.toContain(name);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(30 * 1024);
    const etag = page.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/public/cds-2025', { 'if-none-match': etag })).status).toBe(304);
    const english = await (await get('/public/cds-2025?lang=en')).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Public assessment results');
    const csv = Buffer.from(await (await get('/open-data/cds-2025/results.csv')).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const catalog = (await (await get('/open-data/catalog.json')).json()) as {
      'dcat:dataset': { 'dct:identifier': string }[];
    };
    expect(catalog['dcat:dataset'].map((d) => d['dct:identifier'])).toEqual(['cds-2025']);
  });

  it('lists posted nominations with a comment form; drafts and pending comments never appear', async () => {
    const proposal = {
      campaignId: 'cds-2025',
      kind: 'individual',
      unitId: '22783',
      title: { vi: 'Bằng khen' },
    };
    const draft = await post('province', '/api/nominations', {
      ...proposal,
      personName: 'Lê C',
      achievement: SECRET_DRAFT,
    });
    expect(draft.status).toBe(201);
    const posted = Nomination.parse(
      await (
        await post('province', '/api/nominations', {
          ...proposal,
          personName: 'Phạm D',
          achievement: 'Đưa 100% thủ tục lên mạng.',
        })
      ).json(),
    );
    await post('province', `/api/nominations/${posted.id}/steps`, { type: 'publish' });
    const form = new URLSearchParams({
      nominationId: posted.id,
      body: PENDING_COMMENT,
      authorName: '',
      website: '',
      lang: 'vi',
    });
    const sent = await fetch(`${server.url}/public/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(sent.status).toBe(202);
    expect(await sent.text()).toContain('Đã nhận ý kiến');
    const html = await (await get('/public/cds-2025')).text();
    expect(html).toContain('Đưa 100% thủ tục lên mạng.');
    expect(html).toContain('action="/public/comments"');
    expect(html).not.toContain(SECRET_DRAFT);
    expect(html).not.toContain('Ý kiến chưa duyệt');
    // Markup in a comment is shown as text once moderated, never run.
    const comments = (await (
      await fetch(`${server.url}/api/nominations/${posted.id}/comments`, {
        headers: { authorization: `Bearer ${tokens.province ?? ''}` },
      })
    ).json()) as { id: string }[];
    await post('province', `/api/comments/${comments[0]?.id ?? ''}/moderation`, { state: 'shown' });
    const moderated = await (await get('/public/cds-2025')).text();
    expect(moderated).toContain('Ý kiến chưa duyệt &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(moderated).not.toContain('<script');
  });
});
