import { z } from 'zod';
import { LocalizedText } from '../i18n-text';
import { Id, IsoDate, IsoDateTime } from './common';
import { UnitCode } from './org';

export const CampaignStatus = z.enum(['draft', 'open', 'closed']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** One year's assessment: which template version, which period, until when, and who must report. */
export const Campaign = z
  .strictObject({
    id: Id,
    templateId: z.string().min(1),
    templateVersion: z.number().int().min(1),
    title: LocalizedText,
    period: z.strictObject({ start: IsoDate, end: IsoDate }),
    deadline: IsoDateTime,
    assignedUnitIds: z.array(UnitCode),
    status: CampaignStatus,
  })
  .superRefine((campaign, ctx) => {
    // ISO dates compare correctly as strings.
    if (campaign.period.end < campaign.period.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['period', 'end'],
        message: 'must not be before the start',
        params: { code: 'period_reversed' },
      });
    }
    if (new Set(campaign.assignedUnitIds).size !== campaign.assignedUnitIds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['assignedUnitIds'],
        message: 'must not list a unit twice',
        params: { code: 'duplicate_id' },
      });
    }
  });
export type Campaign = z.infer<typeof Campaign>;
