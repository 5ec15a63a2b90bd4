import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the OS CSPRNG, URL-safe. Opaque: it means nothing without the database row. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only the hash is stored; a plain SHA-256 suffices because the token has 256 bits of entropy
 * (no dictionary to attack, unlike a password). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
