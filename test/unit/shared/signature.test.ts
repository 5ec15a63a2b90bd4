// @vitest-environment node
import { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KEY_ALGORITHM,
  SIGN_ALGORITHM,
  fromBase64Url,
  importPublicKey,
  keyIdOf,
  signingBytes,
  signingPayload,
  toBase64Url,
  utf8Bytes,
  verifySignature,
} from '../../../src/shared/protocol/signature';
import type { Mutation } from '../../../src/shared/protocol/sync';

const { subtle } = webcrypto;

const mutation: Mutation = {
  id: '01JQ0000000000000000000000',
  at: '2026-03-01T08:00:00.000Z',
  type: 'answer.set',
  submissionId: 'cds-2025@22783',
  indicatorId: '1.2',
  fields: { value: 7, note: 'Phước Bình — có biên bản' },
};

async function deviceKey() {
  const pair = await subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  return { pair, publicKey: toBase64Url(spki), keyId: await keyIdOf(subtle, spki) };
}

async function sign(privateKey: webcrypto.CryptoKey, bytes: Uint8Array<ArrayBuffer>) {
  return toBase64Url(new Uint8Array(await subtle.sign(SIGN_ALGORITHM, privateKey, bytes)));
}

describe('the signing payload', () => {
  it('is canonical: key order of the mutation does not change the bytes', () => {
    const reordered = JSON.parse(
      '{"fields":{"note":"Phước Bình — có biên bản","value":7},"indicatorId":"1.2","type":"answer.set",' +
        '"submissionId":"cds-2025@22783","at":"2026-03-01T08:00:00.000Z","id":"01JQ0000000000000000000000"}',
    ) as unknown;
    const content = { userId: 'u1', keyId: 'k'.repeat(22) };
    expect(signingPayload({ ...content, mutation: reordered })).toBe(
      signingPayload({ ...content, mutation }),
    );
    expect(signingPayload({ ...content, mutation })).toMatch(
      /^\{"keyId":.*"purpose":"minh-chung\/mutation\/1","userId":"u1"\}$/,
    );
  });

  it('encodes UTF-8 exactly as TextEncoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Bytes(text)).toEqual(new TextEncoder().encode(text));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('round-trips base64url and refuses other spellings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
    // "QR" and "QQ" both decode to 0x41 if trailing bits are ignored; only "QQ" is canonical.
    expect(fromBase64Url('QQ')).toEqual(new Uint8Array([0x41]));
    expect(fromBase64Url('QR')).toBeNull();
  });
});

describe('signatures made with Node Web Crypto', () => {
  it('verify over the same content, and fail when any byte of it changes', async () => {
    const key = await deviceKey();
    const content = { mutation, userId: 'u-22783', keyId: key.keyId };
    const signature = await sign(key.pair.privateKey, signingBytes(content));
    expect(await verifySignature(subtle, key.publicKey, content, signature)).toBe(true);

    const altered = [
      { ...content, mutation: { ...mutation, fields: { ...mutation.fields, value: 8 } } },
      {
        ...content,
        mutation: { ...mutation, fields: { value: 7, note: 'Phuoc Binh — có biên bản' } },
      },
      { ...content, mutation: { ...mutation, id: '01JQ0000000000000000000001' } },
      { ...content, userId: 'u-22786' },
      { ...content, keyId: key.keyId.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
    ];
    for (const other of altered)
      expect(await verifySignature(subtle, key.publicKey, other, signature)).toBe(false);
  });

  it('fails when one byte of the signed bytes or of the signature changes', async () => {
    const key = await deviceKey();
    const content = { mutation, userId: 'u-22783', keyId: key.keyId };
    const bytes = signingBytes(content);
    const signature = await sign(key.pair.privateKey, bytes);
    const raw = fromBase64Url(signature)!;
    for (const at of [0, 31, 32, 63]) {
      const flipped = raw.slice();
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      expect(await verifySignature(subtle, key.publicKey, content, toBase64Url(flipped))).toBe(
        false,
      );
    }
    // One changed byte of the payload itself (the verifier rebuilds it from the content, so this
    // is what an edited backup amounts to): the signature no longer fits.
    const edited = bytes.slice();
    edited[bytes.length - 5] = (edited[bytes.length - 5] ?? 0) ^ 0x01;
    expect(
      await subtle.verify(SIGN_ALGORITHM, key.pair.publicKey, fromBase64Url(signature)!, edited),
    ).toBe(false);
  });

  it('fails with another device’s key, a malformed key or a malformed signature', async () => {
    const key = await deviceKey();
    const other = await deviceKey();
    const content = { mutation, userId: 'u-22783', keyId: key.keyId };
    const signature = await sign(key.pair.privateKey, signingBytes(content));
    expect(await verifySignature(subtle, other.publicKey, content, signature)).toBe(false);
    expect(await verifySignature(subtle, 'not-a-key', content, signature)).toBe(false);
    expect(await verifySignature(subtle, key.publicKey, content, 'A'.repeat(86))).toBe(false);
    expect(await verifySignature(subtle, key.publicKey, content, signature.slice(0, 40))).toBe(
      false,
    );
  });

  it('derives a 22-character key id from the key, and imports only P-256 ECDSA public keys', async () => {
    const key = await deviceKey();
    expect(key.keyId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await keyIdOf(subtle, fromBase64Url(key.publicKey)!)).toBe(key.keyId);
    expect(await importPublicKey(subtle, key.publicKey)).not.toBeNull();
    const p384 = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
    const spki384 = toBase64Url(new Uint8Array(await subtle.exportKey('spki', p384.publicKey)));
    expect(await importPublicKey(subtle, spki384)).toBeNull();
    expect(await importPublicKey(subtle, toBase64Url(new Uint8Array(91)))).toBeNull();
    expect(await importPublicKey(subtle, toBase64Url(new Uint8Array(300)))).toBeNull();
  });
});
