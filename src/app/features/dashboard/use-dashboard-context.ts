import { useLiveQuery } from 'dexie-react-hooks';
import type { Campaign } from '../../../shared/schemas/campaign';
import type { OrgUnit } from '../../../shared/schemas/org';
import type { Template } from '../../../shared/schemas/template';
import type { MinhChungDb } from '../../db/database';
import { parsedTemplate } from '../checklist/use-checklist';
import { parseCampaign, parseUnit } from '../review/records';

export interface DashboardContext {
  campaign: Campaign | null;
  template: Template | null;
  unitsById: ReadonlyMap<string, OrgUnit>;
}

/** The open campaign that involves the actor's subtree (else the latest one that does). */
function campaignFor(
  campaigns: readonly Campaign[],
  root: OrgUnit | undefined,
  unitsById: ReadonlyMap<string, OrgUnit>,
) {
  if (!root) return null;
  const involved = campaigns.filter((campaign) =>
    campaign.assignedUnitIds.some((id) => unitsById.get(id)?.path.startsWith(root.path)),
  );
  return involved.find((campaign) => campaign.status === 'open') ?? involved.at(-1) ?? null;
}

async function readContext(db: MinhChungDb, orgUnitId: string): Promise<DashboardContext> {
  const [campaignRecords, unitRecords] = await Promise.all([
    db.records.where('collection').equals('campaign').toArray(),
    db.records.where('collection').equals('org_unit').toArray(),
  ]);
  const units = unitRecords.flatMap((record) => parseUnit(record) ?? []);
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const campaign = campaignFor(
    campaignRecords.flatMap((record) => parseCampaign(record) ?? []),
    unitsById.get(orgUnitId),
    unitsById,
  );
  const template = campaign
    ? parsedTemplate(
        await db.records.get(['template', `${campaign.templateId}.v${campaign.templateVersion}`]),
      )
    : null;
  return { campaign, template, unitsById };
}

/** What the phone holds that the figures do not carry: campaign, pillar titles, English names. */
export function useDashboardContext(db: MinhChungDb, orgUnitId: string) {
  return useLiveQuery(() => readContext(db, orgUnitId), [db, orgUnitId]);
}
