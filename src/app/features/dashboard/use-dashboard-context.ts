import { useLiveQuery } from 'dexie-react-hooks';
import type { Campaign } from '../../../shared/schemas/campaign';
import type { OrgUnit } from '../../../shared/schemas/org';
import type { Template } from '../../../shared/schemas/template';
import type { MinhChungDb } from '../../db/database';
import { parsedTemplate } from '../checklist/use-checklist';
import { parseCampaign, parseUnit } from '../review/records';

export interface DashboardContext {
  campaign: Campaign | null;
  /** Every campaign involving the scope, open ones first, then the latest period first. */
  campaigns: readonly Campaign[];
  template: Template | null;
  unitsById: ReadonlyMap<string, OrgUnit>;
}

/** The campaigns that involve the actor's subtree: open ones first, then the latest period. */
function campaignsFor(
  campaigns: readonly Campaign[],
  root: OrgUnit | undefined,
  unitsById: ReadonlyMap<string, OrgUnit>,
): Campaign[] {
  if (!root) return [];
  return campaigns
    .filter((campaign) =>
      campaign.assignedUnitIds.some((id) => unitsById.get(id)?.path.startsWith(root.path)),
    )
    .sort(
      (a, b) =>
        Number(b.status === 'open') - Number(a.status === 'open') ||
        b.period.start.localeCompare(a.period.start) ||
        a.id.localeCompare(b.id),
    );
}

async function readContext(
  db: MinhChungDb,
  orgUnitId: string,
  chosenId: string | null,
): Promise<DashboardContext> {
  const [campaignRecords, unitRecords] = await Promise.all([
    db.records.where('collection').equals('campaign').toArray(),
    db.records.where('collection').equals('org_unit').toArray(),
  ]);
  const units = unitRecords.flatMap((record) => parseUnit(record) ?? []);
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const campaigns = campaignsFor(
    campaignRecords.flatMap((record) => parseCampaign(record) ?? []),
    unitsById.get(orgUnitId),
    unitsById,
  );
  // The one in the address (`?campaign=`), else the first: an open one, the latest.
  const campaign = campaigns.find((c) => c.id === chosenId) ?? campaigns[0] ?? null;
  const template = campaign
    ? parsedTemplate(
        await db.records.get(['template', `${campaign.templateId}.v${campaign.templateVersion}`]),
      )
    : null;
  return { campaign, campaigns, template, unitsById };
}

/** What the phone holds that the figures do not carry: campaign, pillar titles, English names. */
export function useDashboardContext(db: MinhChungDb, orgUnitId: string, chosenId: string | null) {
  return useLiveQuery(() => readContext(db, orgUnitId, chosenId), [db, orgUnitId, chosenId]);
}
