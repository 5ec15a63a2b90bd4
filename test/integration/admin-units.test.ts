// @vitest-environment node
// The unit tree over real HTTP (`/api/admin/units…`): browse in scope, import from JSON and CSV
// with a dry run and all-or-none problems, rename, and merges kept as data — refused with a
// stable reason, never touching a unit's record — on SQLite and PostgreSQL, every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitImportOutcome, UnitMergeRecord, UnitTree } from '../../src/shared/api/units';
import { DashboardFigures } from '../../src/shared/reports/figures';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

describe.each(BACKENDS)('the unit tree on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const call = (username: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens[username] ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  const errorOf = async (response: Response) => {
    const body = (await response.json()) as {
      error: { code: string; details?: Record<string, unknown> };
    };
    return { status: response.status, code: body.error.code, details: body.error.details };
  };
  const tree = async (username = 'admin') =>
    UnitTree.parse(await (await call(username, '/api/admin/units')).json());
  const auditActions = async () =>
    (await server.context.database.db.selectFrom('audit_events').select('action').execute()).map(
      (e) => e.action,
    );

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const username of ['admin', 'province', 'district-584', 'commune-22783', 'viewer'])
      tokens[username] = (await server.login(username)).token;
  });
  afterAll(async () => server?.close());

  it('shows each administrator its own subtree, and nobody else the tree', async () => {
    const all = await tree();
    expect(all.units[0]?.id).toBe('58');
    expect(all.units.filter((unit) => unit.level === 'commune')).toHaveLength(62);
    for (const username of ['district-584', 'commune-22783', 'viewer'])
      expect((await errorOf(await call(username, '/api/admin/units'))).code).toBe('FORBIDDEN');
  });

  it('imports a 2-level CSV under the province after a dry run, all or none', async () => {
    const sheet = '\uFEFFmã;tên;cấp;mã cấp trên\n99001;Xã Bác Ái Mới;commune;58\n';
    const dry = UnitImportOutcome.parse(
      await (
        await call('admin', '/api/admin/units/import', { format: 'csv', text: sheet, dryRun: true })
      ).json(),
    );
    expect(dry).toMatchObject({ ok: true, applied: false, added: [{ code: '99001' }] });
    expect((await tree()).units.some((unit) => unit.id === '99001')).toBe(false);

    const bad = `${sheet}99002;Xã Lạ;commune;77\n99003;;commune;58\n22783;Phước Bình;commune;585\n`;
    const refused = await errorOf(
      await call('admin', '/api/admin/units/import', { format: 'csv', text: bad, dryRun: false }),
    );
    expect(refused.status).toBe(400);
    expect(refused.details?.problems).toEqual([
      { at: 'line 3', code: 'unknown_parent', unit: '99002' },
      { at: 'line 4', code: 'empty_name', unit: '99003' },
      { at: 'line 5', code: 'moved', unit: '22783' },
    ]);
    expect((await tree()).units.some((unit) => unit.id === '99001')).toBe(false);

    const done = UnitImportOutcome.parse(
      await (
        await call('admin', '/api/admin/units/import', {
          format: 'csv',
          text: sheet,
          dryRun: false,
        })
      ).json(),
    );
    expect(done).toMatchObject({ ok: true, applied: true });
    const added = (await tree()).units.find((unit) => unit.id === '99001');
    expect(added).toMatchObject({ path: '/58/99001/', parentId: '58', level: 'commune' });
    expect(await auditActions()).toContain('admin.units_imported');
  });

  it('imports a nested JSON tree: new units added, changed names renamed', async () => {
    const file = {
      code: '584',
      name: 'Bác Ái',
      level: 'district',
      children: [
        { code: '22783', name: 'Phước Bình', level: 'commune' },
        { code: '99010', name: 'Phước Thành Mới', level: 'commune' },
      ],
    };
    const response = await call('admin', '/api/admin/units/import', {
      format: 'json',
      text: JSON.stringify(file),
      dryRun: false,
    });
    const outcome = UnitImportOutcome.parse(await response.json());
    expect(outcome).toMatchObject({ ok: true, added: [{ code: '99010', path: '/58/584/99010/' }] });
    if (!outcome.ok) throw new Error('refused');
    expect(outcome.unchanged).toBe(2);
    const broken = UnitImportOutcome.parse(
      await (
        await call('admin', '/api/admin/units/import', {
          format: 'json',
          text: '{"code": "584", "children": [',
          dryRun: true,
        })
      ).json(),
    );
    expect(broken).toEqual({ ok: false, problems: [{ at: '$', code: 'not_json' }] });
  });

  it('renames a unit in scope; out of scope or absent is not found', async () => {
    const response = await call('admin', '/api/admin/units/22789/name', {
      name: 'Phước Tân (mới)',
    });
    expect(response.status).toBe(200);
    expect((await tree()).units.find((unit) => unit.id === '22789')?.name).toBe('Phước Tân (mới)');
    expect(
      (await errorOf(await call('admin', '/api/admin/units/00000/name', { name: 'X' }))).code,
    ).toBe('NOT_FOUND');
    expect(await auditActions()).toContain('admin.unit_renamed');
  });

  it('merges two communes as data, and refuses merges that make no sense with the reason', async () => {
    const response = await call('admin', '/api/admin/units/merges', {
      sources: ['22786', '22792'],
      target: '22783',
      effectiveOn: '2025-07-01',
    });
    expect(response.status).toBe(201);
    const merge = UnitMergeRecord.parse(await response.json());
    expect(merge).toMatchObject({ target: '22783', sources: ['22786', '22792'] });
    // The sources' own records are untouched: their history stays readable.
    const after = await tree();
    expect(after.units.find((unit) => unit.id === '22786')?.name).toBe('Phước Hòa');
    expect(after.merges.map((m) => m.id)).toEqual([merge.id]);

    const refusals: [unknown, string, string][] = [
      [
        { sources: ['584'], target: '22783', effectiveOn: '2025-07-01' },
        'into_own_descendant',
        '584',
      ],
      [
        { sources: ['22786'], target: '22789', effectiveOn: '2025-07-01' },
        'already_merged',
        '22786',
      ],
      [
        { sources: ['22789'], target: '22786', effectiveOn: '2025-07-01' },
        'already_merged',
        '22786',
      ],
      [{ sources: ['22783'], target: '22786', effectiveOn: '2025-07-01' }, 'cycle', '22786'],
      [{ sources: ['12345'], target: '22783', effectiveOn: '2025-07-01' }, 'unknown_unit', '12345'],
      [
        { sources: ['584'], target: '22789', effectiveOn: '2025-07-01' },
        'into_own_descendant',
        '584',
      ],
      [{ sources: ['22789'], target: '584', effectiveOn: '2025-07-01' }, 'level_mismatch', '22789'],
    ];
    for (const [body, refusal, unit] of refusals) {
      const error = await errorOf(await call('admin', '/api/admin/units/merges', body));
      expect({ ...error, body }).toMatchObject({
        status: 409,
        code: 'CONFLICT',
        details: { refusal, unit },
      });
    }
    expect(await auditActions()).toContain('admin.units_merged');

    // The campaign run before the merge still lists the old communes, and nothing was rewritten.
    const dashboard = await call('province', '/api/reports/dashboard?campaign=cds-2025&unit=584');
    const figures = DashboardFigures.parse(await dashboard.json());
    expect(figures.units.map((unit) => unit.unitId)).toEqual(
      expect.arrayContaining(['22783', '22786', '22792']),
    );
  });

  it('keeps each administrator to its subtree and role', async () => {
    const merge = { sources: ['22795'], target: '22783', effectiveOn: '2025-07-01' };
    expect((await errorOf(await call('district-584', '/api/admin/units/merges', merge))).code).toBe(
      'FORBIDDEN',
    );
    const sheet = 'code,name,level,parentCode\n99020,Xã Khác,commune,58\n';
    expect(
      (
        await errorOf(
          await call('viewer', '/api/admin/units/import', {
            format: 'csv',
            text: sheet,
            dryRun: true,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const malformed = await call('admin', '/api/admin/units/merges', { sources: 'x' });
    expect((await errorOf(malformed)).code).toBe('VALIDATION_FAILED');
  });
});
