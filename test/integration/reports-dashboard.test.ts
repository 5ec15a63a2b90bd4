// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { DashboardFigures } from '../../src/shared/reports/figures';
import { answerAll } from '../helpers/answers';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const submission = (unit: string) => submissionIdFor('cds-2025', unit);

describe.each(BACKENDS)('GET /api/reports/dashboard on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const nextId = seededIds(10_0201);
  const transition = (unit: string, event: 'submit' | 'approve'): Mutation => ({
    id: nextId(),
    at: '2026-01-05T00:00:00.000Z',
    type: 'submission.transition',
    submissionId: submission(unit),
    event,
  });
  const photo = (unit: string, indicatorId: string): Mutation => ({
    id: nextId(),
    at: '2026-01-04T00:00:00.000Z',
    type: 'evidence.add',
    evidence: {
      id: nextId(),
      submissionId: submission(unit),
      indicatorId,
      sha256: 'c'.repeat(64),
      mime: 'image/jpeg',
      bytes: 1000,
      caption: '',
    },
  });
  const device = (username: string) =>
    new TestDevice(server.url, tokens[username] ?? '', `dev-${username}`);

  beforeAll(async () => {
    server = await startTestServer(backend);
    const users = ['province', 'district-584', 'district-582', 'viewer'];
    const communes = ['22783', '22786', '22789'];
    for (const username of [...users, ...communes.map((c) => `commune-${c}`)])
      tokens[username] = (await server.login(username)).token;
    // 22783 approved, 22786 only submitted, 22789 a draft: only the first may count.
    for (const unit of ['22783', '22786']) {
      const sent = await device(`commune-${unit}`).sync([
        ...answerAll(submission(unit), nextId),
        // With evidence a score is more than 0 (no evidence scores zero).
        photo(unit, '1.1'),
        transition(unit, 'submit'),
      ]);
      expect(sent.rejections).toEqual([]);
    }
    const draft = await device('commune-22789').sync(answerAll(submission('22789'), nextId));
    expect(draft.rejections).toEqual([]);
    const approved = await device('district-584').sync([transition('22783', 'approve')]);
    expect(approved.rejections).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (username: string | null, query: string) =>
    fetch(`${server.url}/api/reports/dashboard?${query}`, {
      headers: username ? { authorization: `Bearer ${tokens[username] ?? ''}` } : {},
    });

  it('gives a viewer the province’s figures from approved work only', async () => {
    const response = await get('viewer', 'campaign=cds-2025&unit=58');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const figures = DashboardFigures.parse(await response.json());
    const province = figures.units[0];
    expect(province).toMatchObject({ unitId: '58', level: 'province', submitted: 2, scored: 1 });
    expect(province?.statusCounts).toMatchObject({ approved: 1, submitted: 1, draft: 1 });
    const approved = figures.units.find((unit) => unit.unitId === '22783');
    const submitted = figures.units.find((unit) => unit.unitId === '22786');
    expect(approved?.score).toBeGreaterThan(0);
    expect(approved?.rank).toBe(1);
    expect(province?.averageScore).toBe(approved?.score);
    // A submitted or draft commune shows its status, never its score.
    expect(submitted).toMatchObject({ score: null, rank: null });
    expect(figures.units.find((unit) => unit.unitId === '22789')).toMatchObject({ score: null });
    const district = figures.units.find((unit) => unit.unitId === '584');
    expect(district).toMatchObject({ rank: 1, scored: 1, submitted: 2 });
    expect(figures.distribution.reduce((sum, bin) => sum + bin.count, 0)).toBe(1);
    // The viewer's province holds every district and commune of the shipped tree.
    expect(figures.units.filter((unit) => unit.level === 'commune').length).toBe(
      province?.expected,
    );
  });

  it('scopes a district to its own subtree and refuses another district’s', async () => {
    const own = await get('district-584', 'campaign=cds-2025&unit=584');
    expect(own.status).toBe(200);
    const figures = DashboardFigures.parse(await own.json());
    expect(figures.units.map((unit) => unit.unitId)).toContain('22783');
    expect(figures.units.every((unit) => unit.unitId === '584' || unit.parentId === '584')).toBe(
      true,
    );
    const other = await get('district-582', 'campaign=cds-2025&unit=584');
    expect([
      other.status,
      ((await other.json()) as { error: { code: string } }).error.code,
    ]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await get(null, 'campaign=cds-2025&unit=58')).status).toBe(401);
    expect((await get('province', 'campaign=cds-2025&unit=nope')).status).toBe(404);
  });
});
