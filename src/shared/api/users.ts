import { z } from 'zod';
import { UnitCode } from '../schemas/org';
import { Role, Username } from '../schemas/user';

/**
 * The administrator's account management (`/api/admin/users…`, action `user.manage`). Passwords
 * travel one way only: the server makes them and shows each once, in the answer that created or
 * reset it; nothing ever sends one back.
 */

/** Who may give which role: only a system administrator makes another administrator, so that a
 * province account cannot raise itself (or a friend) to the role that manages it. */
export function assignableRoles(actorRole: Role): readonly Role[] {
  if (actorRole === 'admin') return Role.options;
  if (actorRole === 'province_admin')
    return ['province_admin', 'district_reviewer', 'commune_officer', 'viewer'];
  return [];
}

export const NewUser = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(200),
  role: Role,
  orgUnitId: UnitCode,
});
export type NewUser = z.infer<typeof NewUser>;

/** Many at once (a district's communes): all or none. */
export const NewUsers = z.strictObject({ users: z.array(NewUser).min(1).max(500) });

export const AdminUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** Devices signed in now (tokens neither revoked nor expired). */
  activeDevices: z.number().int().min(0),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const UserList = z.object({ users: z.array(AdminUser) });

/** A password shown once: on creation or reset. */
export const IssuedCredential = z.object({ user: AdminUser, password: z.string() });
export type IssuedCredential = z.infer<typeof IssuedCredential>;
export const IssuedCredentials = z.object({ credentials: z.array(IssuedCredential) });

export const UserDevice = z.object({
  id: z.string(),
  deviceName: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type UserDevice = z.infer<typeof UserDevice>;
export const UserDevices = z.object({ devices: z.array(UserDevice) });
