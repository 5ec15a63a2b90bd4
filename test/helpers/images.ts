// Image fixtures for the blob suites, built byte by byte so that each one is a distinct blob
// (random filler) with exactly the header the test needs.
import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * A baseline JPEG header (SOI, APP0, optional large APP1, DQT, SOF0, DHT, SOS) declaring the given
 * dimensions, then random scan bytes and EOI. The server only reads headers, so the scan need not
 * decode; random filler makes every fixture a distinct blob.
 */
export function makeJpeg(
  width: number,
  height: number,
  options: { scanBytes?: number; app1Bytes?: number } = {},
): Buffer {
  const app0 = Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const app1 = options.app1Bytes
    ? segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0'), randomBytes(options.app1Bytes)]))
    : Buffer.alloc(0);
  const dqt = Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]);
  const sof = Buffer.alloc(15);
  sof.writeUInt8(8, 0);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  sof.writeUInt8(3, 5);
  [1, 2, 3].forEach((id, index) => sof.set([id, 0x11, 0], 6 + index * 3));
  const dht = Buffer.concat([Buffer.from([0x00, 1]), Buffer.alloc(15), Buffer.from([0])]);
  const sos = Buffer.from([3, 1, 0, 2, 0, 3, 0, 0, 63, 0]);
  // 0xFF inside scan data would need byte stuffing; avoid it.
  const scan = randomBytes(options.scanBytes ?? 2048).map((byte) => (byte === 0xff ? 0xfe : byte));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, app0),
    app1,
    segment(0xdb, dqt),
    segment(0xc0, sof),
    segment(0xc4, dht),
    segment(0xda, sos),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method quirks, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real, decodable RGB PNG with random pixels. */
export function makePng(width: number, height: number): Buffer {
  const rows = Array.from({ length: height }, () =>
    Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]),
  );
  return png(width, height, deflateSync(Buffer.concat(rows)));
}

/** A decompression bomb's header: a tiny file whose IHDR declares a huge canvas. */
export function makePngBomb(width: number, height: number): Buffer {
  return png(width, height, deflateSync(randomBytes(64)));
}
