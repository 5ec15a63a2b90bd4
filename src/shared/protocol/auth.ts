// zod/mini (see schemas/role.ts): the app parses the stored session and the sign-in answer in its
// shell, before the first screen, where classic zod would be most of the download.
import * as z from 'zod/mini';
import { Role } from '../schemas/role';

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

export const LoginRequest = z.strictObject({
  username: text(1, 64),
  password: text(1, 256),
  deviceName: text(1, 120),
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
});
export type LoginResponse = z.infer<typeof LoginResponse>;
