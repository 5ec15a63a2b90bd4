// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../src/shared/protocol/auth';
import { verifyPassword } from '../../sync-server/services/passwords';
import { postSync } from '../helpers/sync-client';
import { BACKENDS, DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

async function login(server: TestServer, username: string, password: string) {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceName: 'Điện thoại Samsung A05' }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const emptySync = { protocol: 1, deviceId: 'phone-auth-01', cursor: 0, mutations: [] };

describe.each(BACKENDS)('accounts and device tokens on %s', (backend) => {
  let server: TestServer;
  let now = Date.UTC(2026, 10, 26, 8, 0, 0);

  beforeAll(async () => {
    server = await startTestServer(backend, { now: () => new Date(now) });
  });
  afterAll(async () => server?.close());

  it('signs in a demo account and returns the user with its place in the tree', async () => {
    const result = await login(server, 'district-584', DEMO_PASSWORD);
    expect(result.status).toBe(200);
    const body = LoginResponse.parse(result.body);
    expect(body.user).toMatchObject({
      username: 'district-584',
      role: 'district_reviewer',
      orgPath: '/58/584/',
    });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores scrypt hashes and hashed tokens, never the secrets', async () => {
    const { token } = LoginResponse.parse(
      (await login(server, 'commune-22783', DEMO_PASSWORD)).body,
    );
    const user = await server.context.database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'commune-22783')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword(DEMO_PASSWORD, user.password_hash)).toBe(true);
    const tokens = await server.context.database.db
      .selectFrom('device_tokens')
      .select('token_hash')
      .execute();
    expect(tokens.some((row) => row.token_hash === token)).toBe(false);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    expect(await login(server, 'commune-22783', 'sai mật khẩu')).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS' } },
    });
    expect(await login(server, 'nobody', 'whatever')).toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_CREDENTIALS' } },
    });
    expect(await login(server, '', '')).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
  });

  it('revokes a token on logout', async () => {
    const { token } = LoginResponse.parse(
      (await login(server, 'commune-22789', DEMO_PASSWORD)).body,
    );
    expect((await postSync(server.url, token, emptySync)).status).toBe(200);
    const logout = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect(await postSync(server.url, token, emptySync)).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_REVOKED' } },
    });
  });

  it('expires tokens and signs everyone out on a password reset', async () => {
    const { token } = LoginResponse.parse(
      (await login(server, 'commune-22792', DEMO_PASSWORD)).body,
    );
    await server.context.auth.resetPassword('commune-22792', 'mat-khau-moi-2026');
    expect(await postSync(server.url, token, emptySync)).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_REVOKED' } },
    });
    const fresh = LoginResponse.parse(
      (await login(server, 'commune-22792', 'mat-khau-moi-2026')).body,
    );
    now += 91 * 24 * 3600 * 1000;
    expect(await postSync(server.url, fresh.token, emptySync)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
  });

  it('rejects malformed and forged tokens', async () => {
    for (const header of [
      'Bearer',
      'Bearer x',
      'Basic abc',
      `Bearer ${'A'.repeat(43)}`,
      `Bearer ${'a'.repeat(500)}`,
    ]) {
      const response = await fetch(`${server.url}/api/auth/me`, {
        headers: { authorization: header },
      });
      expect(response.status).toBe(401);
    }
  });
});
