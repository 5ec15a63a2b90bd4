// @vitest-environment node
// The tus protocol surface seen without tus-js-client: every refusal is JSON with a stable code.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  type BlobServer,
  makeJpeg,
  sha256Hex,
  startBlobServer,
  type StoreKind,
  tusUpload,
} from '../helpers/blobs';

const KINDS: StoreKind[] = ['fs', 's3'];

describe.each(KINDS)('tus protocol edges of the blob routes (%s store)', (kind) => {
  let server: BlobServer;
  const auth = (user: string) => ({ authorization: `Bearer token-${user}` });
  const tusHeaders = (user: string) => ({ ...auth(user), 'tus-resumable': '1.0.0' });
  const blobUrl = (sha256: string) => `${server.baseUrl}/api/blobs/${sha256}`;
  const allowedForAlice = (bytes: Buffer) => {
    const sha256 = sha256Hex(bytes);
    server.access.allowUpload('alice', sha256);
    return sha256;
  };

  /** Creates an upload with plain HTTP and returns its URL. */
  async function create(sha256: string, length: number): Promise<string> {
    const response = await fetch(`${server.baseUrl}/api/blobs/`, {
      method: 'POST',
      headers: {
        ...tusHeaders('alice'),
        'upload-length': String(length),
        'upload-metadata': `sha256 ${btoa(sha256)},filetype ${btoa('image/jpeg')}`,
      },
    });
    expect(response.status).toBe(201);
    return new URL(response.headers.get('location') ?? '', server.baseUrl).toString();
  }

  async function expectJsonError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: { code } });
  }

  beforeAll(async () => {
    server = await startBlobServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('refuses an upload above the size limit at creation, before any byte is sent', async () => {
    const sha256 = allowedForAlice(makeJpeg(8, 8));
    const response = await fetch(`${server.baseUrl}/api/blobs/`, {
      method: 'POST',
      headers: {
        ...auth('alice'),
        'tus-resumable': '1.0.0',
        'upload-length': String(15 * 1024 * 1024 + 1),
        'upload-metadata': `sha256 ${Buffer.from(sha256).toString('base64')}`,
      },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await server.filesFor(sha256)).toEqual([]);
  });

  it('answers 400 with a stable code for a missing or malformed sha256', async () => {
    for (const metadata of ['filetype aW1hZ2UvanBlZw==', `sha256 ${btoa('ABC')}`, 'sha256 %%%']) {
      const response = await fetch(`${server.baseUrl}/api/blobs/`, {
        method: 'POST',
        headers: {
          ...auth('alice'),
          'tus-resumable': '1.0.0',
          'upload-length': '100',
          'upload-metadata': metadata,
        },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('answers tus protocol mistakes with JSON and stable codes', async () => {
    const jpeg = makeJpeg(320, 240);
    const sha256 = allowedForAlice(jpeg);
    const url = await create(sha256, jpeg.length);
    expect(url).toBe(blobUrl(sha256));
    const patch = (headers: Record<string, string>, body: Uint8Array) =>
      fetch(url, {
        method: 'PATCH',
        headers: {
          ...tusHeaders('alice'),
          'content-type': 'application/offset+octet-stream',
          ...headers,
        },
        // A copy typed with a plain ArrayBuffer, as the DOM fetch typings require.
        body: new Uint8Array(body),
      });

    await expectJsonError(
      await patch({ 'upload-offset': '10' }, jpeg.subarray(10)),
      409,
      'CONFLICT',
    );
    await expectJsonError(await patch({}, jpeg), 400, 'VALIDATION_FAILED');
    // A plain HEAD asks "is the blob stored?": a partial upload is not.
    const plainHead = await fetch(url, { method: 'HEAD', headers: auth('alice') });
    expect(plainHead.status).toBe(404);
    const noVersion = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...auth('alice'),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
      body: new Uint8Array(jpeg),
    });
    await expectJsonError(noVersion, 412, 'VALIDATION_FAILED');

    // A first chunk is accepted and reported by HEAD.
    const first = await patch({ 'upload-offset': '0' }, jpeg.subarray(0, 1000));
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('1000');
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders('alice') });
    expect(head.headers.get('upload-offset')).toBe('1000');
    expect(head.headers.get('upload-length')).toBe(String(jpeg.length));

    // The rest, with its last byte changed: the verifier refuses it and deletes the upload.
    const rest = Buffer.from(jpeg.subarray(1000));
    rest[rest.length - 3] = (rest[rest.length - 3] ?? 0) ^ 1;
    await expectJsonError(await patch({ 'upload-offset': '1000' }, rest), 422, 'HASH_MISMATCH');
    await expectJsonError(await patch({ 'upload-offset': '0' }, jpeg), 404, 'NOT_FOUND');
    expect(await server.filesFor(sha256)).toEqual([]);
  });

  it('joins an upload already in progress instead of restarting it', async () => {
    const jpeg = makeJpeg(640, 480, { scanBytes: 50_000 });
    const sha256 = allowedForAlice(jpeg);
    const url = await create(sha256, jpeg.length);
    const partial = await fetch(url, {
      method: 'PATCH',
      headers: {
        ...tusHeaders('alice'),
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
      body: new Uint8Array(jpeg.subarray(0, 20_000)),
    });
    expect(partial.status).toBe(204);
    // Creating again (another device, or a client that lost the URL) keeps the 20 000 bytes.
    const again = await fetch(`${server.baseUrl}/api/blobs/`, {
      method: 'POST',
      headers: {
        ...tusHeaders('alice'),
        'upload-length': String(jpeg.length),
        'upload-metadata': `sha256 ${btoa(sha256)}`,
      },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('upload-offset')).toBe('20000');
    const outcome = await tusUpload(jpeg, {
      endpoint: server.endpoint,
      uploadUrl: url,
      token: 'token-alice',
    });
    expect(outcome).toMatchObject({ ok: true, methods: ['HEAD', 'PATCH'] });
    expect(server.access.stored.filter((blob) => blob.sha256 === sha256)).toHaveLength(1);
  });

  it('stores a small file in one request with creation-with-upload', async () => {
    const jpeg = makeJpeg(200, 100);
    const sha256 = allowedForAlice(jpeg);
    const outcome = await tusUpload(jpeg, {
      endpoint: server.endpoint,
      token: 'token-alice',
      uploadDataDuringCreation: true,
    });
    expect(outcome).toMatchObject({ ok: true, methods: ['POST'], url: blobUrl(sha256) });
    expect(server.access.stored.map((blob) => blob.sha256)).toContain(sha256);
  });

  it('describes itself to tus clients on OPTIONS', async () => {
    const response = await fetch(`${server.baseUrl}/api/blobs/`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('tus-version')).toContain('1.0.0');
    expect(response.headers.get('tus-max-size')).toBe(String(15 * 1024 * 1024));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
