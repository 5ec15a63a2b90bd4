import { z } from 'zod';
import { Role } from '../schemas/user';
import { KeyId, PublicKeySpki } from './signature';

export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  deviceName: z.string().min(1).max(120),
  /**
   * This device's ECDSA P-256 public key (SPKI, base64url), kept with the token it is issued so
   * that mutations the device signs can be relayed by a unit above (docs/sync-protocol.md).
   * Optional: a browser without Web Crypto signs in and syncs all the same, unrelayable.
   */
  publicKey: PublicKeySpki.optional(),
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
  keyId: KeyId.optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;
