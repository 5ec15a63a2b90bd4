// zod/mini (see schemas/role.ts): the app parses the stored session and the sign-in answer in its
// shell, before the first screen, where classic zod would be most of the download.
import * as z from 'zod/mini';
import { Role } from '../schemas/role';
import { KeyId, PublicKeySpki } from './signature';

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

export const LoginRequest = z.strictObject({
  username: text(1, 64),
  password: text(1, 256),
  deviceName: text(1, 120),
  /**
   * This device's ECDSA P-256 public key (SPKI, base64url), kept with the token it is issued so
   * that mutations the device signs can be relayed by a unit above (docs/sync-protocol.md).
   * Optional: a browser without Web Crypto signs in and syncs all the same, unrelayable.
   */
  publicKey: z.optional(PublicKeySpki),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: z.string(),
  orgPath: z.string(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.strictObject({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
  /** The id of the registered key, present only when the request sent `publicKey` (an app from
   * before keys parses this answer strictly and never sends one, so never sees it). */
  keyId: z.optional(KeyId),
});
export type LoginResponse = z.infer<typeof LoginResponse>;
