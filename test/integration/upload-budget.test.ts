// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncController, syncPhase, type SyncStatus } from '../../src/app/sync/controller';
import { BlobUploader } from '../../src/app/sync/uploader';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { makeJpeg, sha256Hex } from '../helpers/blobs';
import { ClientDevice } from '../helpers/client-device';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { nodeSource, putBlob } from '../helpers/local-evidence';
import { seededIds } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SUBMISSION = submissionIdFor('cds-2025', '22783');

/** A processed photo and its thumbnail on the phone, and the evidence record that names both. */
async function addPhotoWithThumb(
  device: ClientDevice,
  ids: () => string,
  indicatorId: string,
  photoBytes: number,
) {
  const photo = makeJpeg(1600, 1200, { scanBytes: photoBytes });
  const thumb = makeJpeg(320, 240, { scanBytes: 12_000 });
  await putBlob(device.db, sha256Hex(photo), 'image/jpeg', photo);
  await putBlob(device.db, sha256Hex(thumb), 'image/jpeg', thumb);
  const mutation: Mutation = {
    id: ids(),
    at: '2026-04-01T00:00:00.000Z',
    type: 'evidence.add',
    evidence: {
      id: ids(),
      submissionId: SUBMISSION,
      indicatorId,
      sha256: sha256Hex(photo),
      mime: 'image/jpeg',
      bytes: photo.length,
      caption: '',
      thumbSha256: sha256Hex(thumb),
    },
  };
  await device.enqueue(mutation);
  return { photo, thumb };
}

/** Resolves when the controller's status satisfies `done`, checked on every change. */
function until(controller: SyncController, done: (status: SyncStatus) => boolean) {
  return new Promise<void>((resolve) => {
    const check = () => {
      if (!done(controller.getStatus())) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = controller.subscribe(check);
    check();
  });
}

describe('upload request budget, on a clean link', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let device: ClientDevice;
  const ids = seededIds(77);

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    proxy = await startFaultProxy(server.url, { seedLabel: 'upload-budget' });
    const session = await server.login('commune-22783');
    device = new ClientDevice(proxy.url, session.token, session.user.id);
  });
  afterAll(async () => {
    await device?.close();
    await proxy?.close();
    await server?.close();
  });

  const uploader = () =>
    new BlobUploader(device.db, {
      baseUrl: proxy.url,
      getToken: () => device.token,
      toSource: nodeSource,
    });

  it('sends a photo and its thumbnail in at most 2 requests (no HEAD, no separate PATCH)', async () => {
    const photos = [
      await addPhotoWithThumb(device, ids, '2.1', 300_000),
      await addPhotoWithThumb(device, ids, '2.2', 480_000),
    ];
    await device.engine.sync();
    proxy.resetStats();
    const results = await uploader().uploadPending();
    expect(results).toHaveLength(4);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(proxy.stats().requests / photos.length).toBeLessThanOrEqual(2);
    // Every byte went up once: bodies plus headers, nothing re-sent.
    const bodies = photos.reduce((sum, p) => sum + p.photo.length + p.thumb.length, 0);
    expect(proxy.stats().bytesUp).toBeGreaterThanOrEqual(bodies);
    expect(proxy.stats().bytesUp - bodies).toBeLessThan(4 * 1024);
  });

  it('confirms a blob the server already holds with one request', async () => {
    const { photo } = await addPhotoWithThumb(device, ids, '1.4', 50_000);
    await device.engine.sync();
    expect((await uploader().uploadPending()).filter((result) => !result.ok)).toEqual([]);
    // The same bytes queued again (another evidence record, or a restored backup).
    await device.db.blobs.update(sha256Hex(photo), { uploaded: 0 });
    proxy.resetStats();
    expect(await uploader().uploadPending()).toEqual([{ sha256: sha256Hex(photo), ok: true }]);
    expect(proxy.stats().requests).toBe(1);
  });
});

describe('uploads across a stalled link', () => {
  let server: TestServer;
  let proxy: CutProxy;
  let device: ClientDevice;
  const ids = seededIds(78);

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

  it(
    'detects the stall by lack of progress, keeps retrying, and finishes once bytes flow again; ' +
      'the status never says synced and progress never goes back',
    async () => {
      const first = await addPhotoWithThumb(device, ids, '3.1', 300_000);
      const second = await addPhotoWithThumb(device, ids, '3.2', 300_000);
      await device.engine.sync(); // the metadata; the bytes go with the controller
      const blobs = [first.photo, first.thumb, second.photo, second.thumb];
      const total = blobs.reduce((sum, bytes) => sum + bytes.length, 0);

      // The link stalls in the middle of the uploads: after more than one blob's bytes.
      proxy.stallAfter('POST', 400_000, '/api/blobs');
      const controller = new SyncController({
        db: device.db,
        baseUrl: proxy.url,
        getToken: () => device.token,
        uploader: { toSource: nodeSource, stallTimeoutMs: 1_500 },
        // The regular timer (3 minutes) is far beyond this test's timeout: only the backoff
        // retries can finish the job in time.
        intervalMs: 3 * 60_000,
      });
      const phases: string[] = [];
      const done: number[] = [];
      const totals = new Set<number>();
      const unsubscribe = controller.subscribe(() => {
        const status = controller.getStatus();
        phases.push(syncPhase(status).kind);
        if (status.progress) {
          totals.add(status.progress.total);
          done.push(status.progress.done);
        }
      });
      try {
        void controller.syncNow();
        // The stalled request is given up for lack of progress, and the round counts as failed.
        await until(
          controller,
          (status) =>
            status.scheduler.kind === 'waiting' && status.scheduler.lastError.includes('stalled'),
        );
        expect(proxy.stalled()).toBe(true);
        expect(syncPhase(controller.getStatus()).kind).toBe('retrying');
        expect(controller.getStatus().work?.photos).toBeGreaterThan(0);

        proxy.resume();
        await until(controller, (status) => syncPhase(status).kind === 'synced');

        for (const bytes of blobs) {
          expect(await device.db.blobs.get(sha256Hex(bytes))).toMatchObject({ uploaded: 1 });
          const stored = await fetch(`${server.url}/api/blobs/${sha256Hex(bytes)}`, {
            headers: { authorization: `Bearer ${device.token}` },
          });
          expect(Buffer.from(await stored.arrayBuffer()).equals(bytes)).toBe(true);
        }
        expect(phases.indexOf('synced')).toBe(phases.length - 1);
        expect(phases).toContain('retrying');
        // One batch over all four blobs, across the failed round and the ones after it.
        expect([...totals]).toEqual([total]);
        expect(done.length).toBeGreaterThan(2);
        for (let i = 1; i < done.length; i += 1) {
          expect(done[i]).toBeGreaterThanOrEqual(done[i - 1] ?? 0);
        }
        expect(controller.getStatus().progress).toBeNull();
      } finally {
        unsubscribe();
        controller.stop();
      }
    },
    90_000,
  );
});
