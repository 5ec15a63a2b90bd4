// @vitest-environment node
// GET /api/public/map over real HTTP: the shipped map with a validator and an hour of caching, a
// 304 when the client has it, and a NOT_FOUND in the error shape when the deployment ships none;
// a map that is there but broken stops the start.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMap } from '../../src/app/api/map';
import { ApiErrorBody, ERROR_HTTP_STATUS } from '../../src/shared/errors';
import { MapData } from '../../src/shared/map/schema';
import {
  loadShippedData,
  SHIPPED_MAP_FILE,
  SHIPPED_TEMPLATE_FILE,
  SHIPPED_UNITS_FILE,
  ShippedDataError,
} from '../../sync-server/services/shipped-data';
import { startTestServer, type TestServer } from '../helpers/test-server';

const shippedDir = path.resolve(import.meta.dirname, '../../data');

describe('GET /api/public/map with the shipped map', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => server?.close());

  it('answers the map, with no sign-in, an ETag and public caching for an hour', async () => {
    const response = await fetch(`${server.url}/api/public/map`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('etag')).toMatch(/^W\/"[\w-]+"$/);
    const map = MapData.parse(await response.json());
    const shipped: unknown = JSON.parse(
      await readFile(path.join(shippedDir, SHIPPED_MAP_FILE), 'utf8'),
    );
    expect(map).toEqual(shipped);
    expect(map.districts).toHaveLength(7);
  });

  it("is what the app's fetchMap reads, validated", async () => {
    const map = await fetchMap(server.url);
    expect(map?.districts.map((district) => district.code)).toEqual([
      '582',
      '584',
      '585',
      '586',
      '587',
      '588',
      '589',
    ]);
  });

  it('answers 304 with no body when If-None-Match names the current ETag', async () => {
    const etag = (await fetch(`${server.url}/api/public/map`)).headers.get('etag') ?? '';
    for (const header of [etag, `"other", ${etag}`, etag.replace(/^W\//, ''), '*']) {
      const again = await fetch(`${server.url}/api/public/map`, {
        headers: { 'if-none-match': header },
      });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
    const stale = await fetch(`${server.url}/api/public/map`, {
      headers: { 'if-none-match': 'W/"an-older-map"' },
    });
    expect(stale.status).toBe(200);
  });

  it('is listed in the OpenAPI description', async () => {
    const spec = (await (await fetch(`${server.url}/api/docs/json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toContain('/api/public/map');
  });
});

describe('GET /api/public/map on a deployment without polygons', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-shipped-no-map-'));
    for (const file of [SHIPPED_UNITS_FILE, SHIPPED_TEMPLATE_FILE])
      await copyFile(path.join(shippedDir, file), path.join(dir, file));
    server = await startTestServer('sqlite', { env: { SHIPPED_DATA_DIR: dir } });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers NOT_FOUND in the error shape, never cached', async () => {
    const response = await fetch(`${server.url}/api/public/map`);
    const body = ApiErrorBody.parse(await response.json());
    expect(body.error.code).toBe('NOT_FOUND');
    expect(response.status).toBe(ERROR_HTTP_STATUS.NOT_FOUND);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    // To the app, no map is an answer, not a failure.
    expect(await fetchMap(server.url)).toBeNull();
  });
});

describe('a shipped map that is there but wrong', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mc-shipped-bad-map-'));
    for (const file of [SHIPPED_UNITS_FILE, SHIPPED_TEMPLATE_FILE])
      await copyFile(path.join(shippedDir, file), path.join(dir, file));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('stops the start, as any broken shipped file does', async () => {
    const map = MapData.parse(
      JSON.parse(await readFile(path.join(shippedDir, SHIPPED_MAP_FILE), 'utf8')),
    );
    const write = (value: unknown) =>
      writeFile(path.join(dir, SHIPPED_MAP_FILE), JSON.stringify(value));
    await write({ ...map, province: { code: '56', name: 'Tỉnh Khánh Hòa' } });
    await expect(loadShippedData(dir)).rejects.toThrow(/map of province 56, the units are of 58/);
    await write({ ...map, districts: [{ ...map.districts[0], path: '<script>' }] });
    await expect(loadShippedData(dir)).rejects.toThrow(ShippedDataError);
  });
});
