// zod/mini, not zod: the app reads the signed-in user (whose role this is) before its first
// screen, and mini's functional schemas tree-shake to a few KB where classic zod costs ~25 KB
// gzipped. Mini and classic schemas share zod's core, so classic schemas embed this one as is.
import * as z from 'zod/mini';

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
