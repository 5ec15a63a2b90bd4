// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody, ERROR_HTTP_STATUS } from '../../src/shared/errors';
import { HttpError } from '../../sync-server/errors';
import { rawExchange, type RawAnswer } from '../helpers/http-raw';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const SHA = 'a'.repeat(64);

/** Every error answer: our body, the code's status, never cached, never sniffed, no Fastify text. */
function expectContract(answer: RawAnswer, code: string) {
  const body = ApiErrorBody.parse(answer.body);
  expect(body.error.code).toBe(code);
  expect(answer.status).toBe(ERROR_HTTP_STATUS[body.error.code]);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.stringify(answer.body)).not.toMatch(/FST_|statusCode|"Bad Request"/);
}

async function call(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // not JSON: the contract check fails on it
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), body };
}

describe.each(BACKENDS)('the HTTP error contract on %s', (backend) => {
  let server: TestServer;
  let token: string;
  const json = { 'content-type': 'application/json' };
  const sync = (body: string, headers: Record<string, string> = {}) =>
    call(`${server.url}/api/sync`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${token}`, ...headers },
      body,
    });

  beforeAll(async () => {
    server = await startTestServer(backend);
    token = (await server.login('commune-22783')).token;
  });
  afterAll(async () => server?.close());

  it('answers every /api/sync error with nosniff and no-store, like the 200', async () => {
    const ok = await sync(
      JSON.stringify({ protocol: 1, deviceId: 'phone-contract-01', cursor: 0, mutations: [] }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const cases: [RawAnswer, string][] = [
      [
        await call(`${server.url}/api/sync`, { method: 'POST', headers: json, body: '{}' }),
        'UNAUTHENTICATED',
      ],
      [await sync('{"protocol": 1,'), 'VALIDATION_FAILED'],
      [await sync('{"protocol": 1}'), 'VALIDATION_FAILED'],
      [await sync('<a/>', { 'content-type': 'application/xml' }), 'UNSUPPORTED_MEDIA_TYPE'],
      [
        await sync(
          JSON.stringify({ protocol: 0, deviceId: 'phone-contract-01', cursor: 0, mutations: [] }),
        ),
        'PROTOCOL_OUTDATED',
      ],
      [await sync(`{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`), 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [answer, code] of cases) expectContract(answer, code);
  });

  it("maps Fastify's router errors to our codes: a blob id over 100 characters is 414", async () => {
    const long = await call(`${server.url}/api/blobs/${'b'.repeat(150)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
    });
    expectContract(long, 'URI_TOO_LONG');
    expect(long.status).toBe(414);
    const badUrl = await call(`${server.url}/api/blobs/%E0%A4%A`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expectContract(badUrl, 'VALIDATION_FAILED');
    expectContract(await call(`${server.url}/api/nope`), 'NOT_FOUND');
  });

  it("answers the HTTP parser's errors in the same shape", async () => {
    const huge = await rawExchange(
      server.url,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\n\r\n`,
    );
    expectContract(huge, 'HEADERS_TOO_LARGE');
    expect(huge.status).toBe(431);
    const framing = await rawExchange(
      server.url,
      'POST /api/sync HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    );
    expectContract(framing, 'VALIDATION_FAILED');
    const garbage = await rawExchange(server.url, 'HELLO\r\n\r\n');
    expectContract(garbage, 'VALIDATION_FAILED');
  });

  it('keeps the token out of caches: login and /api/auth/me send no-store', async () => {
    const login = await call(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        username: 'commune-22786',
        password: 'mat-khau-demo-2025',
        deviceName: 'x',
      }),
    });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const me = await call(`${server.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expectContract(
      await call(`${server.url}/api/auth/login`, { method: 'POST', headers: json, body: '{"a' }),
      'VALIDATION_FAILED',
    );
  });

  it('answers a blob route without a token with 401, and the OpenAPI description says so', async () => {
    expectContract(await call(`${server.url}/api/blobs/${SHA}`), 'UNAUTHENTICATED');
    const spec = (await (await fetch(`${server.url}/api/docs/json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    const blobPaths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/blobs'));
    const operations = blobPaths.flatMap((p) =>
      Object.entries(spec.paths[p] ?? {}).filter(([method]) => method !== 'options'),
    );
    // POST ×2, PATCH, GET (HEAD is not listed by @fastify/swagger).
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const [, operation] of operations) expect(operation.security).toEqual([{ bearer: [] }]);
  });

  it('derives every status from the code, and a missing unit is a validation failure', async () => {
    await expect(
      server.context.auth.createUser({
        username: 'new-officer',
        displayName: 'X',
        role: 'commune_officer',
        orgUnitId: 'no-such-unit',
        password: 'mat-khau-moi-2026',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', statusCode: 400 });
    expect(new HttpError('LOGIN_THROTTLED', 'wait').statusCode).toBe(429);
    expect(new HttpError('URI_TOO_LONG', 'long').statusCode).toBe(414);
  });
});
