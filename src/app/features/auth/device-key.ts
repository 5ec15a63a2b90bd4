import { z } from 'zod';
import {
  KEY_ALGORITHM,
  KeyId,
  SIGN_ALGORITHM,
  keyIdOf,
  signingBytes,
  toBase64Url,
} from '../../../shared/protocol/signature';
import type { Mutation } from '../../../shared/protocol/sync';
import type { MinhChungDb } from '../../db/database';

/**
 * This device's signing key (docs/sync-protocol.md, "Signed relay"). Made at sign-in: an ECDSA
 * P-256 pair whose private half is not extractable — script on this origin can sign with it but
 * never read it, so it cannot be copied off the phone, not even into a backup file. The CryptoKey
 * object itself is stored in IndexedDB (structured clone keeps it usable and still unextractable),
 * beside the data it signs: wiping the data wipes the key.
 */
export interface DeviceKey {
  userId: string;
  keyId: string;
  privateKey: CryptoKey;
}

const STORE_KEY = 'deviceKey';

const isCryptoKey = (value: unknown): value is CryptoKey =>
  // Not `instanceof`: a key read back from IndexedDB may come from another realm in tests.
  Object.prototype.toString.call(value) === '[object CryptoKey]';

const StoredKey = z.object({
  userId: z.string().min(1),
  keyId: KeyId,
  privateKey: z.custom<CryptoKey>(isCryptoKey, { message: 'not a CryptoKey' }),
});

function subtle(): SubtleCrypto | null {
  // Only in a secure context (HTTPS or localhost); the app still works without, unrelayable.
  return globalThis.crypto?.subtle ?? null;
}

/** A fresh key pair, its public half as SPKI base64url for the server; null without Web Crypto. */
export async function createDeviceKey(): Promise<{
  publicKey: string;
  keyId: string;
  privateKey: CryptoKey;
} | null> {
  const crypto = subtle();
  if (!crypto) return null;
  try {
    const pair = await crypto.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
    const spki = new Uint8Array(await crypto.exportKey('spki', pair.publicKey));
    return {
      publicKey: toBase64Url(spki),
      keyId: await keyIdOf(crypto, spki),
      privateKey: pair.privateKey,
    };
  } catch {
    // A browser that cannot make P-256 keys signs in all the same.
    return null;
  }
}

export async function saveDeviceKey(db: MinhChungDb, key: DeviceKey): Promise<void> {
  await db.syncState.put({ key: STORE_KEY, value: key });
}

/** The stored key, or null: a device signed in before keys existed, or without Web Crypto. */
export async function readDeviceKey(db: MinhChungDb): Promise<DeviceKey | null> {
  const parsed = StoredKey.safeParse((await db.syncState.get(STORE_KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/** The signature (P1363 r‖s, base64url) over exactly what the server will verify. */
export async function signMutation(key: DeviceKey, mutation: Mutation): Promise<string> {
  const crypto = subtle();
  if (!crypto) throw new Error('signing needs Web Crypto (a secure context)');
  const bytes = signingBytes({ mutation, userId: key.userId, keyId: key.keyId });
  return toBase64Url(new Uint8Array(await crypto.sign(SIGN_ALGORITHM, key.privateKey, bytes)));
}
