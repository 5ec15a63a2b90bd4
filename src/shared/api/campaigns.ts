import { z } from 'zod';
import { LocalizedText } from '../i18n-text';
import { CampaignStatus } from '../schemas/campaign';
import { IsoDate, IsoDateTime } from '../schemas/common';
import { UnitCode } from '../schemas/org';

/**
 * The administrator's campaigns (`/api/admin/campaigns…`, action `campaign.manage`). A campaign is
 * bound to one template version when it is created and never to another: results of one year are
 * only comparable when every commune answered the same questions.
 */

/** Why a campaign request was refused, in `error.details.problem`: the client words each one. */
export const CampaignProblem = z.enum([
  'unknown_template',
  'unknown_unit',
  'not_a_commune',
  /** A commune merged into another (admin units): the unit that took it over reports now. */
  'unit_merged',
  'no_units',
  'period_reversed',
  'deadline_before_period',
  'deadline_not_later',
  'reason_required',
  'wrong_status_step',
  'duplicate_id',
]);
export type CampaignProblem = z.infer<typeof CampaignProblem>;

/** A slug for ids chosen by hand: it travels in URLs and in submission ids (`campaign:unit`). */
export const CampaignSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes');

export const NewCampaign = z.strictObject({
  id: CampaignSlug.optional(),
  title: LocalizedText,
  /** The template record (`${templateId}.v${version}`) the campaign is bound to. */
  templateRecordId: z.string().min(1).max(200),
  period: z.strictObject({ start: IsoDate, end: IsoDate }),
  deadline: IsoDateTime,
  /** Communes asked to report. */
  assignedUnitIds: z.array(UnitCode).max(5000).default([]),
  /** Units whose communes are all asked to report (a district, or the whole province). */
  assignedUnderIds: z.array(UnitCode).max(500).default([]),
});
export type NewCampaign = z.input<typeof NewCampaign>;

export const DeadlineExtension = z.strictObject({
  deadline: IsoDateTime,
  reason: z.string().trim().max(1000),
});
export type DeadlineExtension = z.infer<typeof DeadlineExtension>;

export const AdminCampaign = z.object({
  id: z.string(),
  title: LocalizedText,
  templateId: z.string(),
  templateVersion: z.number().int(),
  period: z.object({ start: z.string(), end: z.string() }),
  deadline: z.string(),
  status: CampaignStatus,
  assignedCount: z.number().int().min(0),
});
export type AdminCampaign = z.infer<typeof AdminCampaign>;

/** A template version that a new campaign may be bound to. */
export const BindableTemplate = z.object({
  recordId: z.string(),
  templateId: z.string(),
  version: z.number().int(),
  title: LocalizedText,
});
export type BindableTemplate = z.infer<typeof BindableTemplate>;

export const CampaignList = z.object({
  campaigns: z.array(AdminCampaign),
  templates: z.array(BindableTemplate),
});
export type CampaignList = z.infer<typeof CampaignList>;

export const CampaignAnswer = z.object({ campaign: AdminCampaign });

/** The status steps an administrator may take. Closed → open is allowed on purpose: a campaign
 * closed by mistake (or a province that extends the year) must be reopened without a new
 * campaign, which would lose the answers already given; the step is audited like any other. */
export const CAMPAIGN_STEPS = {
  open: { from: ['draft', 'closed'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;
export type CampaignStep = keyof typeof CAMPAIGN_STEPS;

export function canStep(status: CampaignStatus, step: CampaignStep): boolean {
  const from: readonly CampaignStatus[] = CAMPAIGN_STEPS[step].from;
  return from.includes(status);
}
