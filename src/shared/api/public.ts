import { z } from 'zod';
import { LocalizedText } from '../i18n-text';
import { OrgLevel } from '../schemas/org';
import { Template } from '../schemas/template';

/**
 * `GET /api/public/deployment`: what any visitor, signed in or not, may know about this
 * deployment — the province it serves, the depth of its hierarchy and the checklist template of
 * the current campaign. The app caches it so the shell can show it offline.
 */
export const DeploymentInfo = z.object({
  product: z.string(),
  province: z.object({
    code: z.string(),
    name: z.string(),
    fullName: z.string().optional(),
  }),
  /** Levels from the root down, e.g. ['province', 'district', 'commune'] or ['province', 'commune']. */
  levels: z.array(OrgLevel),
  unitCounts: z.record(z.string(), z.number().int().nonnegative()),
  template: Template,
  unitsSource: LocalizedText.optional(),
});
export type DeploymentInfo = z.infer<typeof DeploymentInfo>;

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
