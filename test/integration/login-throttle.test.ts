// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginError, requestLogin } from '../../src/app/features/auth/api';
import { formatWait } from '../../src/app/features/auth/wait';
import { ApiErrorBody } from '../../src/shared/errors';
import { AuthService } from '../../sync-server/services/auth';
import { DEFAULT_THROTTLE, delayAfter } from '../../sync-server/services/login-throttle';
import { requestFrom } from '../helpers/http-raw';
import { BACKENDS, DEMO_PASSWORD, startTestServer, type TestServer } from '../helpers/test-server';

describe('growing delays', () => {
  it('are free for five failures, then 1 s, 2 s, 4 s … capped at 15 minutes', () => {
    const seconds = Array.from({ length: 18 }, (_, i) => delayAfter(DEFAULT_THROTTLE, i) / 1000);
    expect(seconds).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    expect(delayAfter(DEFAULT_THROTTLE, 10_000)).toBe(15 * 60 * 1000);
  });
});

describe('the wait the login screen shows', () => {
  it('rounds up to the largest natural unit, in Vietnamese and English', () => {
    expect(formatWait(1, 'vi')).toBe('1 giây');
    expect(formatWait(900, 'vi')).toBe('15 phút');
    expect(formatWait(3600, 'en')).toBe('1 hour');
    expect(formatWait(61, 'en')).toBe('2 minutes');
  });
});

describe.each(BACKENDS)('sign-in throttling on %s', (backend) => {
  let server: TestServer;
  let now = Date.UTC(2026, 10, 26, 8, 0, 0);
  const clock = () => new Date(now);

  /** A sign-in from a loopback source address: the server sees each as a different client. */
  const login = async (from: string, username: string, password: string) => {
    const answer = await requestFrom(from, `${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceName: 'Điện thoại' }),
    });
    const error = ApiErrorBody.safeParse(answer.body).data?.error;
    return { ...answer, code: error?.code, error };
  };

  beforeAll(async () => {
    server = await startTestServer(backend, { now: clock });
  });
  afterAll(async () => server?.close());

  it("lets the officer in from her address while a stranger's address is throttled", async () => {
    const stranger = '127.0.1.1';
    for (let i = 0; i < 5; i += 1)
      expect((await login(stranger, 'commune-22786', `guess-${i}`)).code).toBe(
        'INVALID_CREDENTIALS',
      );
    const refused = await login(stranger, 'commune-22786', `guess-5`);
    expect(refused).toMatchObject({ status: 429, code: 'LOGIN_THROTTLED' });
    expect(refused.error?.details).toEqual({ retryAfterSeconds: 1 });
    expect(refused.headers['retry-after']).toBe('1');
    // The right password from the throttled address is refused too (it is not even checked)…
    expect((await login(stranger, 'commune-22786', DEMO_PASSWORD)).code).toBe('LOGIN_THROTTLED');
    // …but the officer on another address signs in, and the stranger stays throttled.
    expect((await login('127.0.1.2', 'commune-22786', DEMO_PASSWORD)).status).toBe(200);
    expect((await login(stranger, 'commune-22786', 'guess-6')).code).toBe('LOGIN_THROTTLED');
  });

  it('doubles the delay with each further failure from an address, and a success clears it', async () => {
    const from = '127.0.2.1';
    for (let i = 0; i < 5; i += 1) await login(from, 'commune-22789', `guess-${i}`);
    for (const wait of [1, 2, 4, 8]) {
      const refused = await login(from, 'commune-22789', 'guess');
      expect(refused.error?.details).toEqual({ retryAfterSeconds: wait });
      now += (wait - 1) * 1000;
      // One second early is still too early, whatever the password.
      expect((await login(from, 'commune-22789', DEMO_PASSWORD)).code).toBe('LOGIN_THROTTLED');
      now += 1000;
      expect((await login(from, 'commune-22789', 'guess')).code).toBe('INVALID_CREDENTIALS');
    }
    now += 16 * 1000;
    expect((await login(from, 'commune-22789', DEMO_PASSWORD)).status).toBe(200);
    expect((await login(from, 'commune-22789', 'guess')).code).toBe('INVALID_CREDENTIALS');
  });

  it('caps failures per account across addresses at 100 an hour', async () => {
    // 20 addresses × 5 failures: no address is throttled, the account reaches its ceiling.
    for (let a = 1; a <= 20; a += 1)
      for (let i = 0; i < 5; i += 1)
        expect((await login(`127.0.3.${a}`, 'commune-22792', `guess-${i}`)).status).toBe(401);
    const refused = await login('127.0.4.1', 'commune-22792', DEMO_PASSWORD);
    expect(refused).toMatchObject({ status: 429, code: 'LOGIN_THROTTLED' });
    expect(refused.error?.details).toEqual({ retryAfterSeconds: 3600 });
    // Another account is not affected.
    expect((await login('127.0.4.1', 'commune-22795', DEMO_PASSWORD)).status).toBe(200);
    now += 3600 * 1000 + 1000;
    expect((await login('127.0.4.1', 'commune-22792', DEMO_PASSWORD)).status).toBe(200);
  });

  it('answers an unknown user exactly as a wrong password, throttled or not', async () => {
    const from = '127.0.5.1';
    const strip = (answer: Awaited<ReturnType<typeof login>>) => ({
      status: answer.status,
      body: answer.body,
      retryAfter: answer.headers['retry-after'],
    });
    for (let i = 0; i < 6; i += 1) {
      const wrong = await login(from, 'commune-22798', `guess-${i}`);
      const unknown = await login(from, 'no-such-officer', `guess-${i}`);
      expect(strip(unknown)).toEqual(strip(wrong));
      expect(wrong.code).toBe(i < 5 ? 'INVALID_CREDENTIALS' : 'LOGIN_THROTTLED');
    }
  });

  it('keeps the throttle in the database: another process sees it', async () => {
    const from = '127.0.6.1';
    for (let i = 0; i < 5; i += 1) await login(from, 'commune-22801', `guess-${i}`);
    const otherProcess = new AuthService(server.context.database.db, { now: clock });
    await expect(
      otherProcess.login(
        { username: 'commune-22801', password: DEMO_PASSWORD, deviceName: 'x' },
        from,
      ),
    ).rejects.toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 1 } });
  });

  it("gives the app's login call the reason and the wait", async () => {
    for (let i = 0; i < 5; i += 1)
      await expect(
        requestLogin(server.url, 'commune-22804', `guess-${i}`, 'x'),
      ).rejects.toMatchObject({
        reason: 'INVALID_CREDENTIALS',
      });
    const refused = await requestLogin(server.url, 'commune-22804', DEMO_PASSWORD, 'x').catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(LoginError);
    expect(refused).toMatchObject({ reason: 'LOGIN_THROTTLED', retryAfterSeconds: 1 });
  });
});
