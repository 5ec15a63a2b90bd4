// @vitest-environment node
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../sync-server/app';
import { ConfigError, loadConfig } from '../../sync-server/config';
import { DeploymentInfo, HealthResponse } from '../../src/shared/api/public';
import { ApiErrorBody } from '../../src/shared/errors';
import { startServer } from '../helpers/server-process';

describe('sync-server skeleton over real HTTP on 127.0.0.1', () => {
  let app: FastifyInstance;
  let baseUrl: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'mc-server-'));
    const staticDir = path.join(tmp, 'dist');
    await import('node:fs/promises').then((fs) => fs.mkdir(staticDir));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    const config = loadConfig(
      { DATA_DIR: path.join(tmp, 'data'), STATIC_DIR: staticDir, PASSWORD_HASH_COST: '10' },
      [],
    );
    app = await buildApp({ config, version: '9.9.9', logger: false });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('answers GET /api/health', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    const body = HealthResponse.parse(await response.json());
    expect(body.version).toBe('9.9.9');
  });

  it('describes the deployment from the shipped data', async () => {
    const response = await fetch(`${baseUrl}/api/public/deployment`);
    const body = DeploymentInfo.parse(await response.json());
    expect(body.province).toMatchObject({ code: '58', name: 'Ninh Thuận' });
    expect(body.levels).toEqual(['province', 'district', 'commune']);
    expect(body.unitCounts).toEqual({ province: 1, district: 7, commune: 62 });
    expect(body.template.id).toBe('cds-xa-2025');
    expect(body.template.pillars.flatMap((pillar) => pillar.indicators)).toHaveLength(26);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an unknown API route with a JSON 404 and a stable code', async () => {
    const response = await fetch(`${baseUrl}/api/nope`);
    expect(response.status).toBe(404);
    expect(ApiErrorBody.parse(await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('answers a malformed body with a 4xx and a stable code, never a 500', async () => {
    const response = await fetch(`${baseUrl}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(ApiErrorBody.parse(await response.json()).error.code).toMatch(/^[A-Z_]+$/);
  });

  it('publishes the OpenAPI description at /api/docs', async () => {
    const response = await fetch(`${baseUrl}/api/docs/json`);
    expect(response.status).toBe(200);
    const spec = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/auth/logout', '/api/sync']),
    );
    expect((await fetch(`${baseUrl}/api/docs`)).status).toBeLessThan(400);
  });

  it('serves the app shell for client-side routes', async () => {
    const response = await fetch(`${baseUrl}/checklist/22783`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>shell</title>');
  });
});

describe('configuration', () => {
  it('rejects a PORT that is not a port', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' }, [])).toThrow(ConfigError);
  });

  it('lets flags override the environment', () => {
    const config = loadConfig({ PORT: '9000', DATA_DIR: '/tmp/a' }, [
      '--port',
      '9001',
      '--data-dir',
      '/tmp/b',
    ]);
    expect(config.port).toBe(9001);
    expect(config.dataDir).toBe('/tmp/b');
  });

  it('defaults to port 8080 and ./data/local', () => {
    const config = loadConfig({}, []);
    expect(config.port).toBe(8080);
    expect(config.dataDir.endsWith(path.join('data', 'local'))).toBe(true);
  });

  it('reads the shipped data from ./data unless SHIPPED_DATA_DIR or the flag says otherwise', () => {
    expect(loadConfig({}, []).shippedDataDir).toBe(path.resolve(import.meta.dirname, '../../data'));
    expect(loadConfig({ SHIPPED_DATA_DIR: '/srv/tinh' }, []).shippedDataDir).toBe('/srv/tinh');
    const flagged = loadConfig({ SHIPPED_DATA_DIR: '/srv/tinh' }, ['--shipped-data-dir', 'own']);
    expect(flagged.shippedDataDir).toBe(path.resolve('own'));
  });
});

describe('the server process', () => {
  it('creates its data dir on first start and stops cleanly on SIGTERM', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'mc-first-start-'));
    const dataDir = path.join(parent, 'nested', 'data');
    const server = await startServer({
      dataDir,
      requireBuiltApp: false,
      env: { PASSWORD_HASH_COST: '10' },
    });
    try {
      expect(existsSync(dataDir)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(server.process.exitCode).toBe(0);
    await rm(parent, { recursive: true, force: true });
  });
});
