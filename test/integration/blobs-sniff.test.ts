// @vitest-environment node
// The pure parts of the blob subsystem: content sniffing, BLOB_STORE parsing and Range parsing.
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseBlobStoreUrl, sniffBlob } from '../../sync-server/blobs';
import { parseRange } from '../../sync-server/blobs/download';
import { ConfigError } from '../../sync-server/config';
import { makeJpeg, makePng, makePngBomb } from '../helpers/blobs';

function riff(chunk: string, payload: number[]): Buffer {
  const body = Buffer.concat([
    Buffer.from('WEBP'),
    Buffer.from(chunk, 'latin1'),
    Buffer.alloc(4),
    Buffer.from(payload),
  ]);
  const header = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4)]);
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(32)]);
}

function webpLossy(width: number, height: number): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt16LE(width, 0);
  size.writeUInt16LE(height, 2);
  return riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...size]);
}

function webpLossless(width: number, height: number): Buffer {
  const bits = Buffer.alloc(4);
  bits.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0);
  return riff('VP8L', [0x2f, ...bits]);
}

function webpExtended(width: number, height: number): Buffer {
  const canvas = Buffer.alloc(6);
  canvas.writeUIntLE(width - 1, 0, 3);
  canvas.writeUIntLE(height - 1, 3, 3);
  return riff('VP8X', [0x10, 0, 0, 0, ...canvas]);
}

describe('content sniffing', () => {
  it('reads JPEG dimensions from the frame header, past large APP segments', () => {
    expect(sniffBlob(makeJpeg(4032, 3024, { app1Bytes: 60_000 }))).toEqual({
      ok: true,
      mime: 'image/jpeg',
      width: 4032,
      height: 3024,
    });
  });

  it('reads PNG dimensions from IHDR', () => {
    expect(sniffBlob(makePng(7, 5))).toEqual({ ok: true, mime: 'image/png', width: 7, height: 5 });
    expect(sniffBlob(makePngBomb(60_000, 60_000))).toMatchObject({ width: 60_000, height: 60_000 });
  });

  it('reads WebP dimensions from VP8, VP8L and VP8X headers', () => {
    expect(sniffBlob(webpLossy(1600, 900))).toEqual({
      ok: true,
      mime: 'image/webp',
      width: 1600,
      height: 900,
    });
    expect(sniffBlob(webpLossless(1234, 567))).toMatchObject({ width: 1234, height: 567 });
    expect(sniffBlob(webpExtended(16_000, 9_000))).toMatchObject({ width: 16_000, height: 9_000 });
  });

  it('accepts PDF without dimensions', () => {
    expect(sniffBlob(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toEqual({
      ok: true,
      mime: 'application/pdf',
      width: null,
      height: null,
    });
  });

  it('refuses other types, truncated headers and empty canvases', () => {
    const refusals = [
      Buffer.from('GIF89a'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.alloc(0),
      makeJpeg(640, 480).subarray(0, 30),
      Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]),
      makePng(3, 3).subarray(0, 20),
      makeJpeg(0, 480),
      riff('VP8 ', [0, 0, 0, 1, 2, 3]),
    ];
    for (const bytes of refusals) expect(sniffBlob(bytes).ok).toBe(false);
  });
});

describe('parseBlobStoreUrl', () => {
  const dataDir = path.resolve('/srv/minh-chung/data');
  const s3Env = {
    S3_ENDPOINT: 'http://minio.internal:9000',
    S3_ACCESS_KEY_ID: 'key',
    S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('defaults to the filesystem under the data directory', () => {
    expect(parseBlobStoreUrl(undefined, dataDir, {})).toEqual({
      kind: 'fs',
      directory: path.join(dataDir, 'blobs'),
    });
    expect(parseBlobStoreUrl('  ', dataDir, {})).toMatchObject({ kind: 'fs' });
  });

  it('takes a path, absolute or relative to the data directory, or a file URL', () => {
    expect(parseBlobStoreUrl('/mnt/evidence', dataDir, {})).toEqual({
      kind: 'fs',
      directory: path.resolve('/mnt/evidence'),
    });
    expect(parseBlobStoreUrl('photos', dataDir, {})).toEqual({
      kind: 'fs',
      directory: path.join(dataDir, 'photos'),
    });
    expect(parseBlobStoreUrl('file:///mnt/evidence', dataDir, {})).toMatchObject({
      directory: path.resolve('/mnt/evidence'),
    });
  });

  it('configures S3 from the environment', () => {
    expect(parseBlobStoreUrl('s3://evidence', dataDir, s3Env)).toEqual({
      kind: 's3',
      bucket: 'evidence',
      endpoint: 'http://minio.internal:9000',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    const aws = parseBlobStoreUrl('s3://evidence', dataDir, {
      ...s3Env,
      S3_ENDPOINT: 'https://s3.ap-southeast-1.amazonaws.com',
      S3_REGION: 'ap-southeast-1',
    });
    expect(aws).toMatchObject({ region: 'ap-southeast-1', forcePathStyle: false });
    expect(
      parseBlobStoreUrl('s3://evidence', dataDir, { ...s3Env, S3_FORCE_PATH_STYLE: 'false' }),
    ).toMatchObject({ forcePathStyle: false });
  });

  it('names the missing variable and refuses what it cannot use', () => {
    for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      const env: NodeJS.ProcessEnv = { ...s3Env, [name]: undefined };
      expect(() => parseBlobStoreUrl('s3://evidence', dataDir, env)).toThrow(ConfigError);
      expect(() => parseBlobStoreUrl('s3://evidence', dataDir, env)).toThrow(name);
    }
    expect(() => parseBlobStoreUrl('s3://evidence/prefix', dataDir, s3Env)).toThrow(ConfigError);
    expect(() => parseBlobStoreUrl('s3://', dataDir, s3Env)).toThrow(ConfigError);
    expect(() => parseBlobStoreUrl('gs://evidence', dataDir, s3Env)).toThrow(ConfigError);
    expect(() =>
      parseBlobStoreUrl('s3://evidence', dataDir, { ...s3Env, S3_FORCE_PATH_STYLE: 'maybe' }),
    ).toThrow('S3_FORCE_PATH_STYLE');
  });
});

describe('parseRange', () => {
  it('parses single byte ranges and ignores what it cannot honour', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('bytes=9-1', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
});
