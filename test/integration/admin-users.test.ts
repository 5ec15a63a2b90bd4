// @vitest-environment node
// Account management over real HTTP (`/api/admin/users…`): first passwords shown once and never
// again, all-or-none batches, scope and role checks (a province cannot make an administrator, a
// reviewer manages nobody), resets, deactivation and device revocation that take effect at once,
// and every change in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminUser,
  IssuedCredential,
  IssuedCredentials,
  UserDevices,
  UserList,
} from '../../src/shared/api/users';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const PASSWORD_SHAPE = /^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/;

describe.each(BACKENDS)('account management on %s', (backend) => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const call = (username: string | null, path: string, body?: unknown) =>
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
  const signIn = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceName: 'phone' }),
    });
  const account = (username: string, orgUnitId = '22783', role = 'commune_officer') => ({
    username,
    displayName: `Cán bộ ${username}`,
    role,
    orgUnitId,
  });

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const username of ['admin', 'province', 'district-584'])
      tokens[username] = (await server.login(username)).token;
  });
  afterAll(async () => server?.close());

  let created: IssuedCredential[] = [];

  it('creates accounts with a first password each, shown once', async () => {
    const response = await call('admin', '/api/admin/users', {
      users: [account('can-bo-a'), account('can-bo-b', '22786')],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    created = IssuedCredentials.parse(await response.json()).credentials;
    expect(created.map((c) => [c.user.username, c.user.orgUnitId, c.user.disabled])).toEqual([
      ['can-bo-a', '22783', false],
      ['can-bo-b', '22786', false],
    ]);
    for (const { password } of created) expect(password).toMatch(PASSWORD_SHAPE);
    expect(created[0]?.password).not.toBe(created[1]?.password);
    const login = await signIn('can-bo-a', created[0]?.password ?? '');
    expect(login.status).toBe(200);
    tokens['can-bo-a'] = ((await login.json()) as { token: string }).token;
    // The list never carries a password or its hash, and counts the device now signed in.
    const listed = await call('admin', '/api/admin/users?unit=584');
    const body = await listed.text();
    expect(body).not.toMatch(/scrypt|password/i);
    const users = UserList.parse(JSON.parse(body)).users;
    expect(users.find((u) => u.username === 'can-bo-a')?.activeDevices).toBe(1);
    // Bác Ái's accounts only: not another district's, nor the province's.
    const names = users.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['district-584', 'commune-22783', 'can-bo-b']));
    for (const other of ['district-582', 'commune-22738', 'province', 'admin'])
      expect(names).not.toContain(other);
  });

  it('creates all or none', async () => {
    const taken = await call('admin', '/api/admin/users', {
      users: [account('can-bo-c'), account('can-bo-a')],
    });
    expect(taken.status).toBe(409);
    // Which name is taken, so that the screen can point at the line to change.
    expect(((await taken.json()) as { error: unknown }).error).toMatchObject({
      code: 'CONFLICT',
      details: { username: 'can-bo-a' },
    });
    const unknownUnit = await call('admin', '/api/admin/users', {
      users: [account('can-bo-c'), account('can-bo-d', '99999')],
    });
    expect(unknownUnit.status).toBe(400);
    expect(((await unknownUnit.json()) as { error: unknown }).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { unitId: '99999' },
    });
    const twice = await call('admin', '/api/admin/users', {
      users: [account('can-bo-c'), account('can-bo-c', '22786')],
    });
    expect(await codeOf(twice)).toEqual([400, 'VALIDATION_FAILED']);
    expect((await signIn('can-bo-c', 'whatever-it-is')).status).toBe(401);
    const list = UserList.parse(await (await call('admin', '/api/admin/users')).json());
    expect(list.users.map((u) => u.username)).not.toContain('can-bo-c');
  });

  it('lets nobody give a role above their own, or manage outside their scope', async () => {
    expect(
      await codeOf(
        await call('province', '/api/admin/users', { users: [account('boss', '58', 'admin')] }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      await codeOf(await call('district-584', '/api/admin/users', { users: [account('x-1')] })),
    ).toEqual([403, 'FORBIDDEN']);
    expect(await codeOf(await call('district-584', '/api/admin/users'))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    expect(await codeOf(await call(null, '/api/admin/users'))).toEqual([401, 'UNAUTHENTICATED']);
    // The province may not reset the administrator's password (it would take the account over).
    const admin = UserList.parse(await (await call('admin', '/api/admin/users')).json()).users.find(
      (u) => u.username === 'admin',
    );
    expect(
      await codeOf(await call('province', `/api/admin/users/${admin?.id}/password`, {})),
    ).toEqual([403, 'FORBIDDEN']);
    // The province makes a commune account, within its province.
    expect(
      (await call('province', '/api/admin/users', { users: [account('can-bo-p', '22789')] }))
        .status,
    ).toBe(201);
  });

  it('resets a password: the old one and every device stop working', async () => {
    const id = created[0]?.user.id ?? '';
    const reset = IssuedCredential.parse(
      await (await call('admin', `/api/admin/users/${id}/password`, {})).json(),
    );
    expect(reset.password).toMatch(PASSWORD_SHAPE);
    expect((await signIn('can-bo-a', created[0]?.password ?? '')).status).toBe(401);
    expect(await codeOf(await call('can-bo-a', '/api/auth/me'))).toEqual([401, 'TOKEN_REVOKED']);
    const login = await signIn('can-bo-a', reset.password);
    expect(login.status).toBe(200);
    tokens['can-bo-a'] = ((await login.json()) as { token: string }).token;
  });

  it('lists a user’s devices and signs one out', async () => {
    const id = created[0]?.user.id ?? '';
    const devices = UserDevices.parse(
      await (await call('admin', `/api/admin/users/${id}/devices`)).json(),
    ).devices;
    const active = devices.filter((d) => d.revokedAt === null);
    expect(active).toHaveLength(1);
    const revoke = await call(
      'admin',
      `/api/admin/users/${id}/devices/${active[0]?.id}/revoke`,
      {},
    );
    expect(revoke.status).toBe(204);
    expect(await codeOf(await call('can-bo-a', '/api/auth/me'))).toEqual([401, 'TOKEN_REVOKED']);
    expect(
      await codeOf(
        await call('admin', `/api/admin/users/${id}/devices/${active[0]?.id}/revoke`, {}),
      ),
    ).toEqual([404, 'NOT_FOUND']);
  });

  it('deactivates an account (never one’s own) and reactivates it', async () => {
    const id = created[1]?.user.id ?? '';
    const off = AdminUser.parse(
      await (await call('admin', `/api/admin/users/${id}/activation`, { disabled: true })).json(),
    );
    expect(off.disabled).toBe(true);
    expect((await signIn('can-bo-b', created[1]?.password ?? '')).status).toBe(401);
    await call('admin', `/api/admin/users/${id}/activation`, { disabled: false });
    expect((await signIn('can-bo-b', created[1]?.password ?? '')).status).toBe(200);
    const me = UserList.parse(await (await call('admin', '/api/admin/users')).json()).users.find(
      (u) => u.username === 'admin',
    );
    expect(
      await codeOf(
        await call('admin', `/api/admin/users/${me?.id}/activation`, { disabled: true }),
      ),
    ).toEqual([409, 'CONFLICT']);
  });

  it('records every change in the audit trail', async () => {
    const events = await server.context.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor', '!=', 'system')
      .where('action', 'like', 'admin.%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'admin.user_created',
      'admin.user_created',
      'admin.user_created',
      'admin.password_reset',
      'admin.device_revoked',
      'admin.user_disabled',
      'admin.user_enabled',
    ]);
  });
});
