import { z } from 'zod';
import { LocalizedText } from '../i18n-text';
import { CampaignStatus } from '../schemas/campaign';
import { Template } from '../schemas/template';
import type { TemplateProblemCode as ProblemCodeType } from '../template/problems';

/**
 * The administrator's checklist templates (`/api/admin/templates…`, action `template.manage`).
 * A template is never edited in place: an import of a known template id becomes its next version,
 * so a campaign that uses version 1 keeps scoring with exactly what its communes answered.
 */

/** Every TemplateProblemCode, as a runtime list: the app translates each one, and a test checks
 * that none is missing. The two checks below fail to compile if this list and the type drift. */
export const TEMPLATE_PROBLEM_CODES = [
  'required',
  'wrong_type',
  'unknown_field',
  'not_one_of',
  'too_small',
  'too_big',
  'empty',
  'wrong_format',
  'duplicate_id',
  'points_mismatch',
  'max_score_mismatch',
  'tier_exceeds_max',
  'tiers_not_descending',
  'no_tier_scores_max',
  'option_exceeds_max',
  'duplicate_option',
  'no_option_scores_max',
  'none_rule_has_points',
] as const satisfies readonly ProblemCodeType[];
type Listed = (typeof TEMPLATE_PROBLEM_CODES)[number];
const everyCodeListed: [ProblemCodeType] extends [Listed] ? true : never = true;
void everyCodeListed;

export const TemplateProblemCode = z.enum(TEMPLATE_PROBLEM_CODES);

export const TemplateProblemWire = z.object({
  path: z.string(),
  code: TemplateProblemCode,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type TemplateProblemWire = z.infer<typeof TemplateProblemWire>;

/** `POST /api/admin/templates/check`: the problems, and what an import would store. */
export const TemplateCheckResponse = z.object({
  problems: z.array(TemplateProblemWire),
  /** When the file is valid: the version an import would get, or the version it repeats. */
  wouldBe: z
    .object({
      templateId: z.string(),
      version: z.number().int().min(1),
      /** Same content as the latest version: an import would be refused. */
      unchanged: z.boolean(),
    })
    .optional(),
});
export type TemplateCheckResponse = z.infer<typeof TemplateCheckResponse>;

export const TemplateCampaign = z.object({
  id: z.string(),
  title: LocalizedText,
  status: CampaignStatus,
});

/** One stored version, as the list shows it beside the others. */
export const TemplateVersionSummary = z.object({
  /** The record id, `${templateId}.v${version}`. */
  id: z.string(),
  templateId: z.string(),
  version: z.number().int().min(1),
  title: LocalizedText,
  pillars: z.number().int().min(0),
  indicators: z.number().int().min(0),
  maxScore: z.number(),
  importedAt: z.string(),
  /** The importing account's display name; null for the deployment's shipped template. */
  importedBy: z.string().nullable(),
  campaigns: z.array(TemplateCampaign),
});
export type TemplateVersionSummary = z.infer<typeof TemplateVersionSummary>;

export const TemplateList = z.object({ templates: z.array(TemplateVersionSummary) });

/** `GET /api/admin/templates/:id`: one version with its whole body, for the preview. */
export const TemplateDetail = z.object({ summary: TemplateVersionSummary, template: Template });
export type TemplateDetail = z.infer<typeof TemplateDetail>;

/** `POST /api/admin/templates` (201): what was stored. `requestedVersion` is the file's own
 * version number; when it differs from `summary.version` the server renumbered it. */
export const TemplateImported = z.object({
  summary: TemplateVersionSummary,
  requestedVersion: z.number(),
  renumbered: z.boolean(),
});
export type TemplateImported = z.infer<typeof TemplateImported>;

/** `details` of a TEMPLATE_INVALID refusal. */
export const TemplateInvalidDetails = z.object({ problems: z.array(TemplateProblemWire) });
/** `details` of a TEMPLATE_UNCHANGED refusal: the version the file repeats. */
export const TemplateUnchangedDetails = z.object({ id: z.string(), version: z.number() });

/** The largest template file accepted (the shipped one is about 22 KB). */
export const TEMPLATE_MAX_BYTES = 512 * 1024;
