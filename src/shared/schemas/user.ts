import { z } from 'zod';
import { Id } from './common';
import { UnitCode } from './org';

/**
 * Roles. `admin` is the system administrator (users, units, templates, campaigns, audit) and
 * deliberately takes no workflow decision: separation of duties means whoever manages accounts
 * cannot also approve results. The province's decisions belong to `province_admin`.
 */
export const Role = z.enum([
  'admin',
  'province_admin',
  'district_reviewer',
  'commune_officer',
  'viewer',
]);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, { message: 'may contain only a-z, 0-9, dot, underscore and hyphen' });

export const User = z.strictObject({
  id: Id,
  username: Username,
  displayName: z.string().min(1).max(200),
  role: Role,
  orgUnitId: UnitCode,
  disabled: z.boolean().optional(),
});
export type User = z.infer<typeof User>;
