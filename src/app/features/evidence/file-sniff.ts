/**
 * What a picked file really is, from its first bytes. `File.type` comes from the file name on
 * most phones, so it is never trusted: a text file renamed `.jpg` must not reach the decoder, and
 * a photo without an extension must still be accepted.
 */
export type SniffedKind = 'jpeg' | 'png' | 'webp' | 'heif' | 'pdf';

/** Bytes sniffKind needs. */
export const SNIFF_BYTES = 16;

/** ISO-BMFF major brands of still images (HEIC/HEIF from phones, AVIF): decoded if the browser can. */
const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'avif',
]);

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (bytes.length < at + length) return '';
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function sniffKind(head: Uint8Array): SniffedKind | null {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  // The server sniffs the same way (magic at offset 0), so what passes here passes there.
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(head, 4, 4) === 'ftyp' && HEIF_BRANDS.has(ascii(head, 8, 4))) return 'heif';
  return null;
}
