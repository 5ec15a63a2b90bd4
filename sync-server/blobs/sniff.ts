/**
 * Content sniffing for uploaded blobs. The declared file type is never trusted: the type comes
 * from the magic bytes, and image dimensions from the header alone (no decoding), so a
 * decompression bomb (a tiny file declaring a huge canvas) is refused before anything — here or
 * on a reviewer's phone — tries to decode it.
 */

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export type SniffResult =
  | { ok: true; mime: SniffedType; width: number | null; height: number | null }
  | { ok: false; reason: string };

/** How many leading bytes the verifier keeps for sniffing; JPEG APPn segments can push SOF far. */
export const SNIFF_PREFIX_BYTES = 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((value, index) => bytes[at + index] === value);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (bytes.length < at + length) return '';
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** The type alone, from the first few bytes: enough for Content-Type on download. */
export function sniffMime(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

/** Bytes needed by sniffMime. */
export const MIME_PREFIX_BYTES = 16;

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32be(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) >>> 0) +
    ((bytes[at + 1] ?? 0) << 16) +
    ((bytes[at + 2] ?? 0) << 8) +
    (bytes[at + 3] ?? 0)
  );
}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}

/** Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegDimensions(bytes: Uint8Array): { width: number; height: number } | string {
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return 'JPEG marker expected';
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[at] === 0xff) at += 1;
    const marker = bytes[at];
    if (marker === undefined) break;
    at += 1;
    // Standalone markers (TEM, RSTn, SOI) have no length field.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (marker === 0xd9 || marker === 0xda) return 'JPEG without a frame header before its scan';
    if (at + 2 > bytes.length) break;
    const length = u16be(bytes, at);
    if (length < 2) return 'JPEG segment with an invalid length';
    if (isStartOfFrame(marker)) {
      if (at + 7 > bytes.length) break;
      return { height: u16be(bytes, at + 3), width: u16be(bytes, at + 5) };
    }
    at += length;
  }
  return 'JPEG frame header not found in the first bytes of the file';
}

function pngDimensions(bytes: Uint8Array): { width: number; height: number } | string {
  // The IHDR chunk must come first: length (4) + "IHDR" + width (4) + height (4).
  if (ascii(bytes, 12, 4) !== 'IHDR' || bytes.length < 24) return 'PNG without an IHDR chunk';
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function webpDimensions(bytes: Uint8Array): { width: number; height: number } | string {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23) || bytes.length < 30) {
      return 'WebP VP8 frame header is malformed';
    }
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    // Lossless: signature 0x2F, then width-1 and height-1 as two 14-bit fields.
    if (bytes[20] !== 0x2f || bytes.length < 25) return 'WebP VP8L header is malformed';
    const b0 = bytes[21] ?? 0;
    const b1 = bytes[22] ?? 0;
    const b2 = bytes[23] ?? 0;
    const b3 = bytes[24] ?? 0;
    return {
      width: 1 + (b0 | ((b1 & 0x3f) << 8)),
      height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)),
    };
  }
  if (chunk === 'VP8X') {
    // Extended: flags (4 bytes), then 24-bit canvas width-1 and height-1.
    if (bytes.length < 30) return 'WebP VP8X header is malformed';
    return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
  }
  return 'WebP without a VP8, VP8L or VP8X chunk';
}

/**
 * Identifies the blob from its leading bytes (pass up to SNIFF_PREFIX_BYTES): only JPEG, PNG,
 * WebP and PDF are evidence. Images must declare a non-empty canvas.
 */
export function sniffBlob(prefix: Uint8Array): SniffResult {
  const mime = sniffMime(prefix);
  if (mime === null) {
    return { ok: false, reason: 'Only JPEG, PNG, WebP and PDF files are accepted' };
  }
  if (mime === 'application/pdf') return { ok: true, mime, width: null, height: null };
  const dimensions =
    mime === 'image/jpeg'
      ? jpegDimensions(prefix)
      : mime === 'image/png'
        ? pngDimensions(prefix)
        : webpDimensions(prefix);
  if (typeof dimensions === 'string') return { ok: false, reason: dimensions };
  if (dimensions.width === 0 || dimensions.height === 0) {
    return { ok: false, reason: `${mime} declares an empty canvas` };
  }
  return { ok: true, mime, ...dimensions };
}
