// @vitest-environment node
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  type BlobServer,
  makeJpeg,
  makePng,
  makePngBomb,
  sha256Hex,
  startBlobServer,
  type StoreKind,
  tusUpload,
} from '../helpers/blobs';

const KINDS: StoreKind[] = ['fs', 's3'];

describe.each(KINDS)('evidence blobs over tus and HTTP (%s store)', (kind) => {
  let server: BlobServer;
  const auth = (user: string) => ({ authorization: `Bearer token-${user}` });
  const blobUrl = (sha256: string) => `${server.baseUrl}/api/blobs/${sha256}`;

  /** A fresh fixture that alice may upload. */
  const allowedForAlice = (bytes: Buffer) => {
    const sha256 = sha256Hex(bytes);
    server.access.allowUpload('alice', sha256);
    return sha256;
  };

  beforeAll(async () => {
    server = await startBlobServer(kind);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('stores a JPEG and serves it back byte-identical with the sniffed type', async () => {
    const jpeg = makeJpeg(1600, 1200, { scanBytes: 20_000, app1Bytes: 30_000 });
    const sha256 = allowedForAlice(jpeg);

    const before = await fetch(blobUrl(sha256), { method: 'HEAD', headers: auth('alice') });
    expect(before.status).toBe(404);

    const outcome = await tusUpload(jpeg, { endpoint: server.endpoint, token: 'token-alice' });
    expect(outcome).toMatchObject({ ok: true, url: blobUrl(sha256) });
    expect(server.access.stored).toContainEqual({
      sha256,
      mime: 'image/jpeg',
      bytes: jpeg.length,
      width: 1600,
      height: 1200,
    });

    const head = await fetch(blobUrl(sha256), { method: 'HEAD', headers: auth('alice') });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(jpeg.length));
    expect(head.headers.get('content-type')).toBe('image/jpeg');

    const get = await fetch(blobUrl(sha256), { headers: auth('alice') });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('image/jpeg');
    expect(get.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(get.headers.get('etag')).toBe(`"${sha256}"`);
    expect(Buffer.from(await get.arrayBuffer()).equals(jpeg)).toBe(true);

    const range = await fetch(blobUrl(sha256), {
      headers: { ...auth('alice'), range: 'bytes=2-9' },
    });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 2-9/${jpeg.length}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(jpeg.subarray(2, 10))).toBe(true);

    const cached = await fetch(blobUrl(sha256), {
      headers: { ...auth('alice'), 'if-none-match': `"${sha256}"` },
    });
    expect(cached.status).toBe(304);
    // Staging holds nothing once the blob is final.
    expect(await server.filesFor(sha256)).toHaveLength(1);
  });

  it('stores a real PNG and a PDF with their own types', async () => {
    const png = makePng(64, 48);
    const pdf = Buffer.from(`%PDF-1.4\n${'0'.repeat(500)}\n%%EOF\n`);
    for (const [bytes, mime] of [
      [png, 'image/png'],
      [pdf, 'application/pdf'],
    ] as const) {
      const sha256 = allowedForAlice(bytes);
      // The declared type is ignored either way.
      const outcome = await tusUpload(bytes, {
        endpoint: server.endpoint,
        token: 'token-alice',
        filetype: 'image/jpeg',
      });
      expect(outcome.ok).toBe(true);
      const get = await fetch(blobUrl(sha256), { headers: auth('alice') });
      expect(get.headers.get('content-type')).toBe(mime);
      expect(Buffer.from(await get.arrayBuffer()).equals(bytes)).toBe(true);
      // A document is downloaded and sandboxed, never rendered in the server's origin; an image
      // stays inline for <img>.
      const head = await fetch(blobUrl(sha256), { method: 'HEAD', headers: auth('alice') });
      for (const answer of [get, head]) {
        if (mime === 'application/pdf') {
          expect(answer.headers.get('content-disposition')).toBe(
            `attachment; filename="${sha256}.pdf"`,
          );
          expect(answer.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
        } else {
          expect(answer.headers.get('content-disposition')).toBeNull();
        }
        // Set by the blob route itself: the app's helmet headers are off for blobs (routes.ts).
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        expect(answer.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      }
    }
    expect(server.access.stored.find((blob) => blob.mime === 'image/png')).toMatchObject({
      width: 64,
      height: 48,
    });
    expect(server.access.stored.find((blob) => blob.mime === 'application/pdf')).toMatchObject({
      width: null,
      height: null,
    });
  });

  it('deduplicates: a second upload of the same bytes stores nothing and sends no body', async () => {
    const jpeg = makeJpeg(800, 600);
    const sha256 = allowedForAlice(jpeg);
    server.access.allowUpload('carol', sha256);
    expect((await tusUpload(jpeg, { endpoint: server.endpoint, token: 'token-alice' })).ok).toBe(
      true,
    );
    const storedBefore = server.access.stored.length;

    // Recommended client flow: the upload URL is known from the hash, so tus-js-client starts
    // with HEAD, sees Upload-Offset = Upload-Length and finishes.
    const viaUrl = await tusUpload(jpeg, {
      endpoint: server.endpoint,
      uploadUrl: blobUrl(sha256),
      token: 'token-carol',
    });
    expect(viaUrl).toMatchObject({ ok: true, methods: ['HEAD'] });

    // A client that creates blindly is told the upload exists; its first PATCH is acknowledged
    // as complete without the body being read.
    const viaCreate = await tusUpload(jpeg, { endpoint: server.endpoint, token: 'token-carol' });
    expect(viaCreate).toMatchObject({ ok: true, url: blobUrl(sha256) });
    expect(viaCreate.methods.filter((method) => method === 'PATCH').length).toBeLessThanOrEqual(1);

    // With creation-with-upload the creation answer alone finishes the upload.
    const withData = await tusUpload(jpeg, {
      endpoint: server.endpoint,
      token: 'token-carol',
      uploadDataDuringCreation: true,
    });
    expect(withData).toMatchObject({ ok: true, methods: ['POST'] });

    expect(server.access.stored.length).toBe(storedBefore);
    expect(await server.filesFor(sha256)).toHaveLength(1);
  });

  it('refuses bytes that do not match the announced SHA-256 and keeps nothing', async () => {
    const jpeg = makeJpeg(640, 480);
    const claimed = sha256Hex(makeJpeg(640, 480));
    server.access.allowUpload('alice', claimed);
    const outcome = await tusUpload(jpeg, {
      endpoint: server.endpoint,
      token: 'token-alice',
      sha256: claimed,
    });
    expect(outcome).toMatchObject({ ok: false, status: 422, code: 'HASH_MISMATCH' });
    const head = await fetch(blobUrl(claimed), {
      method: 'HEAD',
      headers: { ...auth('alice'), 'tus-resumable': '1.0.0' },
    });
    expect(head.status).toBe(404);
    expect(await server.filesFor(claimed)).toEqual([]);
  });

  it('refuses files that are not JPEG, PNG, WebP or PDF whatever their declared type', async () => {
    const text = Buffer.from('just some text pretending to be a photo\n'.repeat(20));
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), makeJpeg(10, 10)]);
    for (const bytes of [text, zip]) {
      const sha256 = allowedForAlice(bytes);
      const outcome = await tusUpload(bytes, {
        endpoint: server.endpoint,
        token: 'token-alice',
        filetype: 'image/jpeg',
      });
      expect(outcome).toMatchObject({ ok: false, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      const head = await fetch(blobUrl(sha256), { method: 'HEAD', headers: auth('alice') });
      expect(head.status).toBe(404);
      expect(await server.filesFor(sha256)).toEqual([]);
    }
  });

  it('refuses a decompression bomb from its header alone and keeps nothing', async () => {
    const bomb = makePngBomb(60_000, 60_000);
    expect(bomb.length).toBeLessThan(200);
    const sha256 = allowedForAlice(bomb);
    const outcome = await tusUpload(bomb, { endpoint: server.endpoint, token: 'token-alice' });
    expect(outcome).toMatchObject({ ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await server.filesFor(sha256)).toEqual([]);
    expect(server.access.stored.some((blob) => blob.sha256 === sha256)).toBe(false);
  });

  it('requires a token, and upload permission for the hash', async () => {
    const jpeg = makeJpeg(300, 200);
    const sha256 = allowedForAlice(jpeg);
    const anonymous = await tusUpload(jpeg, { endpoint: server.endpoint, token: null });
    expect(anonymous).toMatchObject({ ok: false, status: 401, code: 'UNAUTHENTICATED' });
    const stranger = await tusUpload(jpeg, { endpoint: server.endpoint, token: 'token-bob' });
    expect(stranger).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
    for (const method of ['GET', 'HEAD', 'PATCH']) {
      const response = await fetch(blobUrl(sha256), { method });
      expect(response.status).toBe(401);
    }
    expect(await server.filesFor(sha256)).toEqual([]);
  });

  it('serves a blob only to actors who may read it, and hides it from the others', async () => {
    const jpeg = makeJpeg(1024, 768);
    const sha256 = allowedForAlice(jpeg);
    expect((await tusUpload(jpeg, { endpoint: server.endpoint, token: 'token-alice' })).ok).toBe(
      true,
    );
    server.access.allowRead('carol', sha256);

    const outsider = await fetch(blobUrl(sha256), { headers: auth('bob') });
    expect(outsider.status).toBe(404);
    expect(await outsider.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const outsiderHead = await fetch(blobUrl(sha256), { method: 'HEAD', headers: auth('bob') });
    expect(outsiderHead.status).toBe(404);

    const reviewer = await fetch(blobUrl(sha256), { headers: auth('carol') });
    expect(reviewer.status).toBe(200);
    expect(Buffer.from(await reviewer.arrayBuffer()).equals(jpeg)).toBe(true);

    const notAnId = await fetch(`${server.baseUrl}/api/blobs/not-a-hash`, {
      headers: auth('carol'),
    });
    expect(notAnId.status).toBe(404);
  });
});
