import type { Campaign } from '../../../shared/schemas/campaign';
import type { MinhChungDb } from '../../db/database';

/** The campaign the officer chose on this device (syncState, so a live query re-reads it). */
export const CAMPAIGN_CHOICE_KEY = 'checklist.campaignChoice';

/**
 * The campaigns an officer can work on, in the chooser's order: open ones first (those it can
 * still answer), then by the newest deadline. Drafts are left out: the administrator is still
 * preparing them and the server refuses every answer to one.
 */
export function officerCampaigns(campaigns: readonly Campaign[], orgUnitId: string): Campaign[] {
  return campaigns
    .filter((c) => c.status !== 'draft' && c.assignedUnitIds.includes(orgUnitId))
    .sort(
      (a, b) =>
        Number(b.status === 'open') - Number(a.status === 'open') ||
        b.deadline.localeCompare(a.deadline),
    );
}

/** The chosen campaign while it is still offered, else the first one in the chooser's order. */
export function chosenCampaign(
  ordered: readonly Campaign[],
  choice: unknown,
): Campaign | undefined {
  return ordered.find((c) => c.id === choice) ?? ordered[0];
}

export async function rememberCampaignChoice(db: MinhChungDb, campaignId: string): Promise<void> {
  await db.syncState.put({ key: CAMPAIGN_CHOICE_KEY, value: campaignId });
}
