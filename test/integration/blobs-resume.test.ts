// @vitest-environment node
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  type BlobServer,
  makeJpeg,
  sha256Hex,
  startBlobServer,
  type StoreKind,
  tusUpload,
} from '../helpers/blobs';
import { type CutProxy, startCutProxy } from '../helpers/cut-proxy';

const KINDS: StoreKind[] = ['fs', 's3'];
const MiB = 1024 * 1024;

describe.each(KINDS)('resumable and concurrent blob uploads (%s store)', (kind) => {
  let server: BlobServer;
  let proxy: CutProxy;
  const auth = (user: string) => ({ authorization: `Bearer token-${user}` });
  const blobUrl = (sha256: string) => `${server.baseUrl}/api/blobs/${sha256}`;

  async function download(sha256: string): Promise<Buffer> {
    const response = await fetch(blobUrl(sha256), { headers: auth('alice') });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  beforeAll(async () => {
    server = await startBlobServer(kind);
    proxy = await startCutProxy(server.port);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('resumes after a connection cut mid-chunk, re-sending at most one chunk', async () => {
    const chunkSize = 256 * 1024;
    const jpeg = makeJpeg(4000, 3000, { scanBytes: 3_000_000 });
    const sha256 = sha256Hex(jpeg);
    server.access.allowUpload('alice', sha256);
    const endpoint = `${proxy.url}/api/blobs/`;
    const patchBytesBefore = proxy.bodyBytes('PATCH');
    const cutAt = Math.floor(jpeg.length / 2);
    // Half the file is not a chunk boundary, so the cut lands inside a PATCH body.
    expect(cutAt % chunkSize).not.toBe(0);
    proxy.cutAfter('PATCH', cutAt);

    const first = await tusUpload(jpeg, { endpoint, token: 'token-alice', chunkSize });
    expect(first.ok).toBe(false);
    expect(first.url).toBe(`${proxy.url}/api/blobs/${sha256}`);

    // The server kept every byte that reached it, including the cut chunk's first part.
    const head = await fetch(blobUrl(sha256), {
      method: 'HEAD',
      headers: { ...auth('alice'), 'tus-resumable': '1.0.0' },
    });
    // How much of the cut chunk's first part the store had written when the socket went is the
    // machine's business (the request stream is aborted), so no exact number: something above
    // zero and nothing beyond what reached it.
    expect(head.status).toBe(200);
    const serverOffset = Number(head.headers.get('upload-offset'));
    expect(serverOffset).toBeGreaterThan(0);
    expect(serverOffset).toBeLessThanOrEqual(cutAt);
    expect(Number(head.headers.get('upload-length'))).toBe(jpeg.length);

    // A new client (as after an app restart) resumes from the upload URL, at the server's offset.
    const patchOffsets: number[] = [];
    const second = await tusUpload(jpeg, {
      endpoint,
      uploadUrl: first.url,
      token: 'token-alice',
      chunkSize,
      onBeforeRequest(request) {
        if (request.getMethod() === 'PATCH')
          patchOffsets.push(Number(request.getHeader('Upload-Offset')));
      },
    });
    expect(second.ok).toBe(true);
    expect(second.methods[0]).toBe('HEAD');
    expect(second.methods).not.toContain('POST');
    expect(patchOffsets[0]).toBe(serverOffset);

    const sent = proxy.bodyBytes('PATCH') - patchBytesBefore;
    expect(sent - jpeg.length).toBeGreaterThanOrEqual(0);
    expect(sent - jpeg.length).toBeLessThanOrEqual(chunkSize);
    expect((await download(sha256)).equals(jpeg)).toBe(true);
    expect(server.access.stored.filter((blob) => blob.sha256 === sha256)).toHaveLength(1);
    expect(await server.filesFor(sha256)).toHaveLength(1);
  });

  it('accepts chunks of 8 MiB despite the 1 MiB body limit for JSON', async () => {
    const jpeg = makeJpeg(4000, 3000, { scanBytes: 9 * MiB });
    const sha256 = sha256Hex(jpeg);
    server.access.allowUpload('alice', sha256);
    const outcome = await tusUpload(jpeg, {
      endpoint: server.endpoint,
      token: 'token-alice',
      chunkSize: 8 * MiB,
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.methods).toEqual(['POST', 'PATCH', 'PATCH']);
    expect((await download(sha256)).equals(jpeg)).toBe(true);
  });

  it('lets two devices upload the same bytes at once without corrupting them', async () => {
    const jpeg = makeJpeg(3000, 2000, { scanBytes: 1_200_000 });
    const sha256 = sha256Hex(jpeg);
    server.access.allowUpload('alice', sha256);
    server.access.allowUpload('carol', sha256);
    const options = {
      endpoint: server.endpoint,
      chunkSize: 128 * 1024,
      // 409 (offset moved on under the other device) and 423 (locked) are retried with a HEAD.
      retryDelays: [0, 50, 100, 200, 400, 800, 1600],
    };
    const [alice, carol] = await Promise.all([
      tusUpload(jpeg, { ...options, token: 'token-alice' }),
      tusUpload(jpeg, { ...options, token: 'token-carol' }),
    ]);
    expect(alice.ok).toBe(true);
    expect(carol.ok).toBe(true);
    expect((await download(sha256)).equals(jpeg)).toBe(true);
    expect(server.access.stored.filter((blob) => blob.sha256 === sha256)).toHaveLength(1);
    expect(await server.filesFor(sha256)).toHaveLength(1);
  });
});
