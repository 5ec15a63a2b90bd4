// The reviewer's phone fetches the thumbnails of its communes' evidence after a pull, so the
// review screen shows them with no signal: a few at a time, skipping what it holds, each stored as
// it arrives — so a cut link loses only the one in flight and the next run fetches just the rest.
// Real server (SQLite, real HTTP), faults from the loopback proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThumbnailPrefetcher } from '../../src/app/sync/thumbnail-prefetch';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import type { Mutation } from '../../src/shared/protocol/sync';
import { answerAll } from '../helpers/answers';
import { makeJpeg, sha256Hex, tusUpload } from '../helpers/blobs';
import { ClientDevice } from '../helpers/client-device';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { seededIds, TestDevice } from '../helpers/sync-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

const UNIT = '22783';
const SUBMISSION = submissionIdFor('cds-2025', UNIT);
const AT = '2026-02-01T00:00:00.000Z';

describe('thumbnail prefetch for offline review', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  const nextId = seededIds(777);
  const photos = [0, 1, 2, 3, 4].map((n) => makeJpeg(1600, 1200, { scanBytes: 30_000 + n }));
  const thumbs = [0, 1, 2, 3, 4].map((n) => makeJpeg(320, 240, { scanBytes: 6_000 + n }));

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    proxy = await startFaultProxy(server.url);
    const { token } = await server.login(`commune-${UNIT}`);
    const commune = new TestDevice(server.url, token, 'commune-phone-prefetch');
    const evidence: Mutation[] = photos.map((photo, n) => ({
      id: nextId(),
      at: AT,
      type: 'evidence.add',
      evidence: {
        id: nextId(),
        submissionId: SUBMISSION,
        indicatorId: '1.2',
        sha256: sha256Hex(photo),
        mime: 'image/jpeg',
        bytes: photo.length,
        caption: `Ảnh ${n}`,
        thumbSha256: sha256Hex(thumbs[n] as Buffer),
      },
    }));
    const submit: Mutation = {
      id: nextId(),
      at: AT,
      type: 'submission.transition',
      submissionId: SUBMISSION,
      event: 'submit',
    };
    const response = await commune.sync([...answerAll(SUBMISSION, nextId), ...evidence, submit]);
    expect(response.rejections).toEqual([]);
    // The last thumbnail never reaches the server (the commune's phone is still uploading).
    for (const thumb of thumbs.slice(0, 4)) {
      const upload = await tusUpload(thumb, { endpoint: `${server.url}/api/blobs/`, token });
      expect(upload.ok).toBe(true);
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('fetches what it lacks, resumes after a cut, and never fetches a thumbnail twice', async () => {
    const login = await server.login('district-584');
    const phone = new ClientDevice(server.url, login.token, login.user.id);
    expect(await phone.engine.sync()).toMatchObject({ ok: true });
    const asked: string[] = [];
    const progress: ({ done: number; total: number } | null)[] = [];
    // The second thumbnail's answer is cut half-way: the link is down for this run.
    proxy.setPolicy(({ method, url, index }) => {
      if (method === 'GET') asked.push(url.split('/').at(-1) ?? '');
      return index === 1 ? { kind: 'cutResponse', afterBytes: 1_000 } : { kind: 'pass' };
    });
    const prefetcher = new ThumbnailPrefetcher(phone.db, {
      actor: { userId: login.user.id, role: login.user.role, orgPath: login.user.orgPath },
      baseUrl: proxy.url,
      getToken: () => login.token,
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });

    const first = await prefetcher.run();
    expect(first).toMatchObject({ ok: false, fetched: 1 });
    expect(await phone.db.blobs.count()).toBe(1);

    proxy.setPolicy(({ method, url }) => {
      if (method === 'GET') asked.push(url.split('/').at(-1) ?? '');
      return { kind: 'pass' };
    });
    const second = await prefetcher.run();
    expect(second).toEqual({ ok: true, fetched: 3, missing: 1 });
    const held = await phone.db.blobs.toArray();
    expect(held.map((blob) => blob.sha256).sort()).toEqual(
      thumbs
        .slice(0, 4)
        .map((thumb) => sha256Hex(thumb))
        .sort(),
    );
    // Kept as the server's bytes, marked as on the server (the uploader never sends them back).
    for (const blob of held) {
      expect(blob.uploaded).toBe(1);
      expect(blob.mime).toBe('image/jpeg');
      const bytes = Buffer.from(blob.data as ArrayBuffer);
      expect(sha256Hex(bytes)).toBe(blob.sha256);
    }
    // The first one fetched was never asked again; the missing one is not asked again at once.
    const fetchedFirst = held.find((blob) => blob.sha256 === asked[0])?.sha256;
    expect(asked.filter((sha) => sha === fetchedFirst)).toHaveLength(1);
    expect(await prefetcher.run()).toEqual({ ok: true, fetched: 0, missing: 0 });
    expect(asked).toHaveLength(2 + 4);
    expect(progress.at(-1)).toBeNull();
    expect(progress).toContainEqual({ done: 4, total: 4 });
    await phone.close();
  });

  it('fetches nothing for a commune officer, who reviews nothing', async () => {
    const login = await server.login('commune-22786');
    const phone = new ClientDevice(server.url, login.token, login.user.id);
    await phone.engine.sync();
    const prefetcher = new ThumbnailPrefetcher(phone.db, {
      actor: { userId: login.user.id, role: login.user.role, orgPath: login.user.orgPath },
      baseUrl: server.url,
      getToken: () => login.token,
    });
    expect(await prefetcher.run()).toEqual({ ok: true, fetched: 0, missing: 0 });
    await phone.close();
  });
});
