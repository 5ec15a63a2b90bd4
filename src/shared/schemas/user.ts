import { z } from 'zod';
import { Id } from './common';
import { UnitCode } from './org';
import { Role } from './role';

export { Role } from './role';

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
