// @vitest-environment node
// Checklist templates over real HTTP (`/api/admin/templates…`): every problem of a bad file named
// with its path, a check that writes nothing, an import that always makes a new version (never an
// edit in place, never a duplicate), the new version synced to the phones, scope and role refusals,
// malformed and oversized bodies refused with stable codes, and every import audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuedCredentials, type IssuedCredential } from '../../src/shared/api/users';
import {
  TemplateCheckResponse,
  TemplateDetail,
  TemplateImported,
  TemplateInvalidDetails,
  TemplateList,
  TemplateUnchangedDetails,
} from '../../src/shared/api/templates';
import { ApiErrorBody } from '../../src/shared/errors';
import type { Template } from '../../src/shared/schemas/template';
import { TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';
import { threeMistakes } from '../helpers/template-files';

describe.each(BACKENDS)('checklist templates on %s', (backend) => {
  let server: TestServer;
  let shipped: Template;
  const tokens: Record<string, string> = {};
  const call = (username: string | null, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(username ? { authorization: `Bearer ${tokens[username] ?? ''}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refusal = async (response: Response) => {
    const body = ApiErrorBody.parse(await response.json());
    return { status: response.status, code: body.error.code, details: body.error.details };
  };
  const list = async () =>
    TemplateList.parse(await (await call('admin', '/api/admin/templates')).json()).templates;
  const edited = (): Template => ({
    ...shipped,
    note: { vi: 'Bản sửa: thêm ghi chú cho cán bộ xã', en: 'Revised: a note for officers' },
  });

  beforeAll(async () => {
    server = await startTestServer(backend);
    shipped = server.context.shipped.template;
    for (const username of ['admin', 'province', 'viewer', 'district-584', 'commune-22783'])
      tokens[username] = (await server.login(username)).token;
  });
  afterAll(async () => server?.close());

  it('lists the shipped version with its counts and the campaign that uses it', async () => {
    const templates = await list();
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({
      id: 'cds-xa-2025.v1',
      templateId: 'cds-xa-2025',
      version: 1,
      pillars: 8,
      indicators: 26,
      maxScore: 1000,
      importedBy: null,
      campaigns: [{ id: 'cds-2025', status: 'open' }],
    });
  });

  it('names exactly the three mistakes of a broken file, with their paths, and writes nothing', async () => {
    const response = await call('admin', '/api/admin/templates/check', threeMistakes(shipped));
    expect(response.status).toBe(200);
    const { problems, wouldBe } = TemplateCheckResponse.parse(await response.json());
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['$.pillars[0].indicators[0].title', 'required'],
      ['$.pillars[2].indicators[1].id', 'duplicate_id'],
      ['$.pillars[2].maxPoints', 'points_mismatch'],
    ]);
    expect(wouldBe).toBeUndefined();
    const imported = await call('admin', '/api/admin/templates', threeMistakes(shipped));
    const refused = await refusal(imported);
    expect([refused.status, refused.code]).toEqual([422, 'TEMPLATE_INVALID']);
    expect(TemplateInvalidDetails.parse(refused.details).problems).toEqual(problems);
    expect(await list()).toHaveLength(1);
  });

  it('refuses the same content again, whatever version number the file says', async () => {
    for (const body of [shipped, { ...shipped, version: 7 }]) {
      const refused = await refusal(await call('admin', '/api/admin/templates', body));
      expect([refused.status, refused.code]).toEqual([409, 'TEMPLATE_UNCHANGED']);
      expect(TemplateUnchangedDetails.parse(refused.details)).toEqual({
        id: 'cds-xa-2025.v1',
        version: 1,
      });
    }
    const check = await call('admin', '/api/admin/templates/check', shipped);
    expect(TemplateCheckResponse.parse(await check.json()).wouldBe).toEqual({
      templateId: 'cds-xa-2025',
      version: 1,
      unchanged: true,
    });
  });

  it('imports a changed file as version 2 beside version 1, renumbered and said so', async () => {
    const check = await call('admin', '/api/admin/templates/check', edited());
    expect(TemplateCheckResponse.parse(await check.json())).toEqual({
      problems: [],
      wouldBe: { templateId: 'cds-xa-2025', version: 2, unchanged: false },
    });
    const response = await call('admin', '/api/admin/templates', edited());
    expect(response.status).toBe(201);
    const imported = TemplateImported.parse(await response.json());
    expect(imported).toMatchObject({ requestedVersion: 1, renumbered: true });
    expect(imported.summary).toMatchObject({ id: 'cds-xa-2025.v2', version: 2, campaigns: [] });
    expect(imported.summary.importedBy).toEqual(expect.any(String));
    const templates = await list();
    expect(templates.map((t) => [t.id, t.campaigns.map((c) => c.id)])).toEqual([
      ['cds-xa-2025.v1', ['cds-2025']],
      ['cds-xa-2025.v2', []],
    ]);
    // Version 1 is untouched: the campaign keeps scoring with what its communes answered.
    const v1 = TemplateDetail.parse(
      await (await call('admin', '/api/admin/templates/cds-xa-2025.v1')).json(),
    );
    expect(v1.template).toEqual(shipped);
    const v2 = TemplateDetail.parse(
      await (await call('province', '/api/admin/templates/cds-xa-2025.v2')).json(),
    );
    expect(v2.template).toEqual({ ...edited(), version: 2 });
    const again = await refusal(await call('admin', '/api/admin/templates', edited()));
    expect([again.code, again.details]).toEqual([
      'TEMPLATE_UNCHANGED',
      { id: 'cds-xa-2025.v2', version: 2 },
    ]);
    expect(await list()).toHaveLength(2);
  });

  it('gives two imports at once two versions, neither written over the other', async () => {
    const [a, b] = await Promise.all(
      ['A', 'B'].map((tag) =>
        call('admin', '/api/admin/templates', { ...edited(), note: { vi: `Bản ${tag}` } }),
      ),
    );
    const imported = await Promise.all(
      [a, b].map(async (r) => TemplateImported.parse(await r?.json()).summary.version),
    );
    expect(imported.sort()).toEqual([3, 4]);
    const notes = await Promise.all(
      [3, 4].map(async (v) => {
        const detail = await call('admin', `/api/admin/templates/cds-xa-2025.v${v}`);
        return TemplateDetail.parse(await detail.json()).template.note?.vi;
      }),
    );
    expect(notes.sort()).toEqual(['Bản A', 'Bản B']);
  });

  it('sends the new version to the phones', async () => {
    const phone = new TestDevice(server.url, tokens['commune-22783'] ?? '', 'phone-22783');
    const changes = await phone.pullAll();
    const v2 = changes.find((c) => c.collection === 'template' && c.id === 'cds-xa-2025.v2');
    expect(v2?.fields).toMatchObject({ templateId: 'cds-xa-2025', version: 2 });
    expect(v2?.fields.body).toEqual({ ...edited(), version: 2 });
  });

  it('refuses a commune officer, a district reviewer and a viewer with FORBIDDEN', async () => {
    for (const username of ['commune-22783', 'district-584', 'viewer']) {
      for (const [path, body] of [
        ['/api/admin/templates', undefined],
        ['/api/admin/templates/cds-xa-2025.v1', undefined],
        ['/api/admin/templates/check', shipped],
        ['/api/admin/templates', edited()],
      ] as const) {
        const refused = await refusal(await call(username, path, body));
        expect([username, path, refused.status, refused.code]).toEqual([
          username,
          path,
          403,
          'FORBIDDEN',
        ]);
      }
    }
    const anonymous = await refusal(await call(null, '/api/admin/templates'));
    expect([anonymous.status, anonymous.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses a province account whose area is one district: templates belong to the whole tree', async () => {
    const response = await call('admin', '/api/admin/users', {
      users: [
        {
          username: 'tinh-bac-ai',
          displayName: 'Quản trị Bác Ái',
          role: 'province_admin',
          orgUnitId: '584',
        },
      ],
    });
    const [credential]: IssuedCredential[] = IssuedCredentials.parse(
      await response.json(),
    ).credentials;
    tokens['tinh-bac-ai'] = (await server.login('tinh-bac-ai', credential?.password)).token;
    for (const [path, body] of [
      ['/api/admin/templates', undefined],
      ['/api/admin/templates', { ...edited(), note: { vi: 'Khác' } }],
    ] as const) {
      const refused = await refusal(await call('tinh-bac-ai', path, body));
      expect([refused.status, refused.code]).toEqual([403, 'OUT_OF_SCOPE']);
    }
  });

  it('refuses malformed, oversized and non-template bodies with stable codes, never a 500', async () => {
    const malformed = await refusal(await call('admin', '/api/admin/templates', '{"id": "x",'));
    expect([malformed.status, malformed.code]).toEqual([400, 'VALIDATION_FAILED']);
    const huge = { ...shipped, note: { vi: 'x'.repeat(600 * 1024) } };
    const large = await refusal(await call('admin', '/api/admin/templates', huge));
    expect([large.status, large.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // Valid JSON that is no template at all is a problem of the file, at its top.
    const array = await call('admin', '/api/admin/templates/check', '[1, 2]');
    expect(array.status).toBe(200);
    const { problems } = TemplateCheckResponse.parse(await array.json());
    expect(problems.map((p) => [p.path, p.code])).toEqual([['$', 'wrong_type']]);
    const notFound = await refusal(await call('admin', '/api/admin/templates/nope.v9'));
    expect([notFound.status, notFound.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('records each import, and only the imports, in the audit trail', async () => {
    const events = await server.context.database.db
      .selectFrom('audit_events')
      .select(['action', 'target'])
      .where('action', 'like', 'admin.template%')
      .orderBy('seq')
      .execute();
    expect(events).toEqual(
      [2, 3, 4].map((v) => ({
        action: 'admin.template_imported',
        target: `template:cds-xa-2025.v${v}`,
      })),
    );
  });
});
