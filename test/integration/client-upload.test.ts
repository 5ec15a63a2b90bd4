// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobUploader } from '../../src/app/sync/uploader';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { makeJpeg, sha256Hex } from '../helpers/blobs';
import { ClientDevice } from '../helpers/client-device';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import { addLocalEvidence, nodeSource, putBlob } from '../helpers/local-evidence';
import { seededIds } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SUBMISSION = submissionIdFor('cds-2025', '22783');
const CHUNK = 256 * 1024;

describe('the client uploader against the real server', () => {
  let server: TestServer;
  let proxy: CutProxy;
  let device: ClientDevice;
  const nextId = seededIds(31);

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    proxy = await startCutProxy(Number(new URL(server.url).port));
    const session = await server.login('commune-22783');
    device = new ClientDevice(proxy.url, session.token, session.user.id);
  });
  afterAll(async () => {
    await device?.close();
    await proxy?.close();
    await server?.close();
  });

  const uploader = (chunkSize = CHUNK) =>
    new BlobUploader(device.db, {
      baseUrl: proxy.url,
      getToken: () => device.token,
      chunkSize,
      toSource: nodeSource,
      retryDelays: null,
    });

  it('waits for the metadata, then uploads and marks the blob uploaded', async () => {
    const photo = makeJpeg(1600, 1200, { scanBytes: 200_000 });
    await addLocalEvidence(device, {
      id: nextId(),
      mutationId: nextId(),
      submissionId: SUBMISSION,
      indicatorId: '1.1',
      bytes: photo,
    });
    expect(await uploader().uploadable()).toHaveLength(0);
    await device.engine.sync();
    expect(await uploader().uploadPending()).toEqual([{ sha256: sha256Hex(photo), ok: true }]);
    expect(await device.db.blobs.get(sha256Hex(photo))).toMatchObject({ uploaded: 1 });
    const head = await fetch(`${server.url}/api/blobs/${sha256Hex(photo)}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${device.token}` },
    });
    expect(head.status).toBe(200);
  });

  // Cut points drawn from a seeded generator: inside a chunk, on a boundary, in the first and in
  // the last chunk. Each cut photo must resume and re-send at most one chunk.
  const cutPoints = fc
    .sample(fc.integer({ min: 1, max: 2_999_000 }), { seed: 4711, numRuns: 5 })
    .concat([CHUNK * 3, 100]);
  it.each(cutPoints)(
    'resumes a 3 MB photo cut after %i bytes and re-sends at most one chunk',
    async (cutAt) => {
      const photo = makeJpeg(4000, 3000, { scanBytes: 3_000_000 });
      await addLocalEvidence(device, {
        id: nextId(),
        mutationId: nextId(),
        submissionId: SUBMISSION,
        indicatorId: '1.2',
        bytes: photo,
      });
      await device.engine.sync();
      // The first chunk travels in the creation request (creation-with-upload), the rest in PATCHes.
      const bodyBytes = () => proxy.bodyBytes('POST') + proxy.bodyBytes('PATCH');
      const before = bodyBytes();
      if (cutAt < CHUNK) proxy.cutAfter('POST', cutAt);
      else proxy.cutAfter('PATCH', cutAt - CHUNK);
      const [first] = await uploader().uploadPending();
      expect(first).toMatchObject({ ok: false, final: false });
      expect(await device.db.blobs.get(sha256Hex(photo))).toMatchObject({ uploaded: 0 });
      const [second] = await uploader().uploadPending();
      expect(second).toEqual({ sha256: sha256Hex(photo), ok: true });
      const sent = bodyBytes() - before;
      expect(sent - photo.length).toBeGreaterThanOrEqual(0);
      expect(sent - photo.length).toBeLessThanOrEqual(CHUNK);
      const stored = await fetch(`${server.url}/api/blobs/${sha256Hex(photo)}`, {
        headers: { authorization: `Bearer ${device.token}` },
      });
      expect(Buffer.from(await stored.arrayBuffer()).equals(photo)).toBe(true);
    },
  );

  it('sets aside bytes the server refuses for good, with the reason', async () => {
    const photo = makeJpeg(800, 600, { scanBytes: 10_000 });
    const forged = Buffer.from(photo);
    const flipAt = forged.length - 10;
    forged.writeUInt8(forged.readUInt8(flipAt) ^ 0x01, flipAt);
    const mutation = await addLocalEvidence(device, {
      id: nextId(),
      mutationId: nextId(),
      submissionId: SUBMISSION,
      indicatorId: '1.3',
      bytes: photo,
    });
    await device.engine.sync();
    // The stored bytes no longer match the hash the metadata announced.
    await putBlob(device.db, mutation.evidence.sha256, 'image/jpeg', forged);
    const [result] = await uploader().uploadPending();
    expect(result).toMatchObject({ ok: false, final: true, status: 422 });
    expect((await device.db.blobs.get(mutation.evidence.sha256))?.refusal).toContain('422');
    expect(await uploader().uploadable()).toHaveLength(0);
  });
});
