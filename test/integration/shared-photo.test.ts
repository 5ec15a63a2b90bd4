// @vitest-environment node
// The same photo as evidence of two units is flagged on both records, for each unit's reviewer,
// without naming the other unit; a photo reused inside one unit or removed again is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const AT = '2026-03-02T08:00:00.000Z';
const SHARED = 'd'.repeat(64);

describe.each(BACKENDS)('a photo used by two units, on %s', (backend) => {
  let server: TestServer;
  const nextId = seededIds(404);
  const ids = { a: '', b: '', c: '', again: '', removed: '' };

  const photo = (code: string, id: string, sha256: string, indicatorId = '1.1'): Mutation => ({
    id: nextId(),
    at: AT,
    type: 'evidence.add',
    evidence: {
      id,
      submissionId: submissionIdFor('cds-2025', code),
      indicatorId,
      sha256,
      mime: 'image/jpeg',
      bytes: 1000,
      caption: '',
    },
  });
  const device = async (username: string) => {
    const login = await server.login(username);
    return new TestDevice(server.url, login.token, `dev-${username}`);
  };
  const flags = async (username: string) => {
    const changes = await (await device(username)).pullAll();
    return Object.fromEntries(
      changes
        .filter((change) => change.collection === 'evidence')
        .map((change) => [change.id, change.fields.alsoUsedByAnotherUnit === true]),
    );
  };

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = nextId();
    const a = await device('commune-22783');
    const b = await device('commune-22786');
    const c = await device('commune-22789');
    // 22789 adds the shared photo and removes it at once: a removed photo does not count.
    const removed = await c.sync([
      photo('22789', ids.removed, SHARED),
      { id: nextId(), at: AT, type: 'evidence.delete', evidenceId: ids.removed },
    ]);
    expect(removed.rejections).toEqual([]);
    const first = await a.sync([
      photo('22783', ids.a, SHARED),
      photo('22783', ids.again, SHARED, '1.2'),
    ]);
    expect(first.rejections).toEqual([]);
    const second = await b.sync([
      photo('22786', ids.b, SHARED),
      photo('22786', ids.c, 'e'.repeat(64)),
    ]);
    expect(second.rejections).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('flags both units’ records for the district, and nothing else', async () => {
    expect(await flags('district-584')).toEqual({
      [ids.a]: true,
      [ids.again]: true,
      [ids.b]: true,
      [ids.c]: false,
      [ids.removed]: false,
    });
  });

  it('reaches the first unit too, which had its photo before the second arrived', async () => {
    const own = await flags('commune-22783');
    expect(own[ids.a]).toBe(true);
    expect(Object.keys(own)).not.toContain(ids.b);
  });

  it('is not set by one unit using its own photo twice', async () => {
    const login = await server.login('commune-22795');
    const d = new TestDevice(server.url, login.token, 'dev-22795');
    const own = 'f'.repeat(64);
    const twice = await d.sync([
      photo('22795', nextId(), own, '1.1'),
      photo('22795', nextId(), own, '1.2'),
    ]);
    expect(twice.rejections).toEqual([]);
    const mine = await flags('commune-22795');
    expect(Object.values(mine)).toEqual([false, false]);
  });
});
