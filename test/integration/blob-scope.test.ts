// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { makeJpeg, sha256Hex, tusUpload } from '../helpers/blobs';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/test-server';

const AT = '2026-04-01T00:00:00.000Z';

/**
 * Blob access through the real app: bytes can be uploaded only for an evidence record the
 * uploader's commune owns (or a unit above it, relaying), and read (HEAD/GET by hash) only by users who may see such a record.
 * Everyone else gets 404, as for a hash that does not exist.
 */
describe.each(BACKENDS)('evidence blobs by hash on %s', (backend) => {
  let server: TestServer;
  const photo = makeJpeg(1600, 1200, { scanBytes: 40_000 });
  const sha = sha256Hex(photo);
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer(backend);
    for (const username of [
      'admin',
      'province',
      'viewer',
      'district-584',
      'district-582',
      'commune-22783',
      'commune-22786',
      'commune-22738',
    ]) {
      tokens.set(username, (await server.login(username)).token);
    }
    const nextId = seededIds(5);
    const owner = new TestDevice(
      server.url,
      tokens.get('commune-22783') as string,
      'phone-blob-owner',
    );
    const metadata = await owner.sync([
      {
        id: nextId(),
        at: AT,
        type: 'evidence.add',
        evidence: {
          id: nextId(),
          submissionId: submissionIdFor('cds-2025', '22783'),
          indicatorId: '1.3',
          sha256: sha,
          mime: 'image/jpeg',
          bytes: photo.length,
          width: 1600,
          height: 1200,
          caption: 'Loa truyền thanh',
        },
      },
    ]);
    expect(metadata.acks).toHaveLength(1);
  });
  afterAll(async () => server?.close());

  const headStatus = async (username: string) =>
    (
      await fetch(`${server.url}/api/blobs/${sha}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${tokens.get(username) ?? ''}` },
      })
    ).status;

  it('refuses bytes from a commune that does not own a referencing record', async () => {
    const outsider = await tusUpload(photo, {
      endpoint: `${server.url}/api/blobs/`,
      token: tokens.get('commune-22786') as string,
      sha256: sha,
    });
    expect(outsider).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
    // A district above the commune may carry its photos (the signed relay, test/integration/relay*);
    // another district may not.
    const reviewer = await tusUpload(photo, {
      endpoint: `${server.url}/api/blobs/`,
      token: tokens.get('district-582') as string,
      sha256: sha,
    });
    expect(reviewer).toMatchObject({ ok: false, status: 403 });
    expect(await headStatus('commune-22783')).toBe(404);
  });

  it('accepts the owner upload, records it and audits it', async () => {
    const upload = await tusUpload(photo, {
      endpoint: `${server.url}/api/blobs/`,
      token: tokens.get('commune-22783') as string,
      sha256: sha,
    });
    expect(upload.ok).toBe(true);
    const stored = await server.context.database.db
      .selectFrom('blobs')
      .selectAll()
      .where('sha256', '=', sha)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ mime: 'image/jpeg', width: 1600, height: 1200 });
    expect(Number(stored.bytes)).toBe(photo.length);
    const audit = await server.context.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target', '=', `blob:${sha}`)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['blob.stored']);
  });

  it('lets exactly the users who may see the evidence read the bytes', async () => {
    const expected: Record<string, number> = {
      admin: 200,
      province: 200,
      // Evidence is the work itself; a viewer reads results only.
      viewer: 404,
      'district-584': 200,
      'commune-22783': 200,
      'district-582': 404,
      'commune-22786': 404,
      'commune-22738': 404,
    };
    for (const [username, status] of Object.entries(expected)) {
      expect([username, await headStatus(username)]).toEqual([username, status]);
      const get = await fetch(`${server.url}/api/blobs/${sha}`, {
        headers: { authorization: `Bearer ${tokens.get(username) ?? ''}` },
      });
      expect([username, get.status]).toEqual([username, status]);
      if (status === 200) expect(Buffer.from(await get.arrayBuffer()).equals(photo)).toBe(true);
      else await get.arrayBuffer();
    }
    expect((await fetch(`${server.url}/api/blobs/${sha}`)).status).toBe(401);
  });
});
