import { z } from 'zod';
import { canonicalJson } from '../canonical-json';

/**
 * Signed mutations, for the relay through the district (docs/sync-protocol.md, "Signed relay").
 *
 * A device signs a mutation with its own ECDSA P-256 key (made at sign-in, private half never
 * leaves the device) over the bytes built here; a server verifies the same bytes with the public
 * half it keeps with the device's token. Both sides build the bytes with this one function, so
 * they cannot disagree about what was signed.
 *
 * src/shared has no DOM and no Node types: Web Crypto is reached through the small structural
 * interface below, which both the browser's `crypto.subtle` and Node's `webcrypto.subtle` satisfy.
 */

/** Names what the bytes are, so that a signature made here can never be replayed as another kind
 * of signed message, and a later payload layout gets a new name instead of a silent change. */
export const SIGNATURE_PURPOSE = 'minh-chung/mutation/1';

export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A P-256 SubjectPublicKeyInfo is 91 bytes; anything much larger is not one. */
export const MAX_PUBLIC_KEY_BYTES = 128;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The public key as DER SubjectPublicKeyInfo, base64url (no padding): 122 characters for P-256. */
export const PublicKeySpki = z
  .string()
  .min(16)
  .max(Math.ceil((MAX_PUBLIC_KEY_BYTES * 4) / 3))
  .regex(BASE64URL, { message: 'must be base64url' });

/** First 16 bytes of SHA-256(SPKI), base64url: 22 characters naming one device's key. */
export const KeyId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: 'must be a key id' });

/** An ECDSA P-256 signature in IEEE P1363 form (r ‖ s, 64 bytes), base64url: 86 characters. */
export const SignatureB64 = z
  .string()
  .regex(/^[A-Za-z0-9_-]{86}$/, { message: 'must be a P-256 signature' });

/** What a signature covers: the mutation exactly as it travels, and who made it with which key. */
export interface SignedContent {
  mutation: unknown;
  userId: string;
  keyId: string;
}

/** The signed text: canonical JSON, so key order or whitespace can never change the bytes. */
export function signingPayload(content: SignedContent): string {
  return canonicalJson({
    purpose: SIGNATURE_PURPOSE,
    userId: content.userId,
    keyId: content.keyId,
    mutation: content.mutation,
  });
}

/** UTF-8 bytes of a string, without TextEncoder (not part of ECMAScript). Lone surrogates become
 * U+FFFD, as TextEncoder does, so both runtimes get the same bytes. */
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else code = 0xfffd;
    } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000)
      out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return new Uint8Array(out);
}

export function signingBytes(content: SignedContent): Uint8Array<ArrayBuffer> {
  return utf8Bytes(signingPayload(content));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k += 1) out += ALPHABET[(triple >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes unpadded base64url; null for anything else (a stray character, an impossible length). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if ((text !== '' && !BASE64URL.test(text)) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of text) {
    buffer = (buffer << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero: one encoding per byte string, so a key or signature cannot be
  // spelled two ways (which would defeat comparing them as text).
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** The part of Web Crypto used here; `crypto.subtle` in browsers and Node ≥ 20 both fit. */
export interface SignatureCrypto<Key> {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  importKey(
    format: 'spki',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: typeof KEY_ALGORITHM,
    extractable: boolean,
    usages: 'verify'[],
  ): Promise<Key>;
  verify(
    algorithm: typeof SIGN_ALGORITHM,
    key: Key,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
}

/** The key id of a public key: derived from the key itself, so client and server agree on it
 * without a round trip, and a key cannot be registered under another key's id. */
export async function keyIdOf<Key>(subtle: SignatureCrypto<Key>, spki: Uint8Array<ArrayBuffer>) {
  const digest = new Uint8Array(await subtle.digest('SHA-256', spki));
  return toBase64Url(digest.subarray(0, 16));
}

/** Whether the text is a P-256 public key Web Crypto accepts for ECDSA verification. */
export async function importPublicKey<Key>(
  subtle: SignatureCrypto<Key>,
  spkiB64: string,
): Promise<{ key: Key; spki: Uint8Array<ArrayBuffer> } | null> {
  const spki = fromBase64Url(spkiB64);
  if (!spki || spki.byteLength > MAX_PUBLIC_KEY_BYTES) return null;
  try {
    return { key: await subtle.importKey('spki', spki, KEY_ALGORITHM, true, ['verify']), spki };
  } catch {
    return null;
  }
}

/**
 * True only when the signature is well-formed and was made over exactly this content by the
 * private half of this public key. Every failure (bad key, bad encoding, wrong bytes) is false.
 */
export async function verifySignature<Key>(
  subtle: SignatureCrypto<Key>,
  publicKeyB64: string,
  content: SignedContent,
  signatureB64: string,
): Promise<boolean> {
  const imported = await importPublicKey(subtle, publicKeyB64);
  const signature = fromBase64Url(signatureB64);
  if (!imported || !signature || signature.byteLength !== 64) return false;
  try {
    return await subtle.verify(SIGN_ALGORITHM, imported.key, signature, signingBytes(content));
  } catch {
    return false;
  }
}
