import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { explain, type Action, type Actor } from '../../../src/shared/permissions/can';
import { Campaign } from '../../../src/shared/schemas/campaign';
import { OrgUnit } from '../../../src/shared/schemas/org';
import { PillarPoints, SubmissionStatus } from '../../../src/shared/schemas/submission';
import { Template } from '../../../src/shared/schemas/template';
import type { Database } from '../../db/schema';
import { HttpError } from '../../errors';
import { getRecord } from '../records';
import { templateRecordId } from '../seed';

/** What a report reads of a submission record: the figures the server wrote at submit. */
const ReportedSubmission = z.object({
  id: z.string(),
  campaignId: z.string(),
  orgUnitId: z.string(),
  status: SubmissionStatus,
  score: z.number().optional(),
  pillarScores: z.array(PillarPoints).optional(),
  evidenceCount: z.number().optional(),
  submittedAt: z.string().optional(),
  firstSubmittedAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type ReportedSubmission = z.infer<typeof ReportedSubmission>;

export interface ReportScope {
  /** The unit the report is about, and every unit below it (itself first). */
  root: OrgUnit;
  units: OrgUnit[];
  campaign: Campaign;
  template: Template;
  /** The campaign's submissions in the scope, by unit id. */
  submissions: Map<string, ReportedSubmission>;
  /** The database's sequence head when read: the report's version, for ETags and caches. */
  asOfSeq: number;
  /** The campaign before this one (its period ended before this one's began), if any, with its
   * submissions in the scope: what a merged unit is compared with. */
  previous: { campaign: Campaign; submissions: Map<string, ReportedSubmission> } | null;
}

/** One collection's records in a subtree (index: migrations/007_records_collection.ts). */
export async function recordsUnder(
  db: Kysely<Database> | Transaction<Database>,
  collection: string,
  path: string,
) {
  return db
    .selectFrom('records')
    .select(['data', 'seq'])
    .where('collection', '=', collection)
    .where(sql<string>`substr(org_path, 1, ${path.length})`, '=', path)
    .execute();
}

async function loadUnit(db: Kysely<Database>, unitId: string): Promise<OrgUnit> {
  const record = await getRecord(db, 'org_unit', unitId);
  const unit = OrgUnit.safeParse(record?.data);
  if (!unit.success) throw new HttpError('NOT_FOUND', `No unit ${unitId}`);
  return unit.data;
}

async function loadCampaignAndTemplate(db: Kysely<Database>, campaignId: string) {
  const record = await getRecord(db, 'campaign', campaignId);
  const campaign = Campaign.safeParse(record?.data);
  if (!campaign.success) throw new HttpError('NOT_FOUND', `No campaign ${campaignId}`);
  const templateRecord = await getRecord(
    db,
    'template',
    templateRecordId({
      id: campaign.data.templateId,
      version: campaign.data.templateVersion,
    }),
  );
  const template = Template.safeParse(templateRecord?.data.body);
  if (!template.success) throw new HttpError('CONFLICT', 'The campaign’s template is missing');
  return { campaign: campaign.data, template: template.data };
}

/** The latest campaign whose period ended before this one's began: last year's, for this year. */
export function campaignBefore(campaign: Campaign, all: readonly Campaign[]): Campaign | null {
  let best: Campaign | null = null;
  for (const other of all) {
    // ISO dates compare as strings.
    if (other.id === campaign.id || other.period.end >= campaign.period.start) continue;
    if (!best || other.period.end > best.period.end) best = other;
  }
  return best;
}

/**
 * Loads what a report on one unit's subtree for one campaign reads, after checking that the actor
 * may take `action` there (`report.read` for figures, `submission.read` for the answers
 * themselves). Submissions are read from their records only: the figures were fixed at submit.
 */
export async function loadReportScope(
  db: Kysely<Database>,
  actor: Actor,
  request: { campaignId: string; unitId: string; action: Action },
): Promise<ReportScope> {
  const root = await loadUnit(db, request.unitId);
  const decision = explain(actor, request.action, { orgPath: root.path });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
  return loadScopeOf(db, root, request.campaignId);
}

/**
 * The same, with no actor: for what is public by decision (published results). The caller has
 * established that the campaign's results may be shown.
 */
export async function loadPublicScope(db: Kysely<Database>, campaignId: string, rootId: string) {
  return loadScopeOf(db, await loadUnit(db, rootId), campaignId);
}

async function loadScopeOf(
  db: Kysely<Database>,
  root: OrgUnit,
  campaignId: string,
): Promise<ReportScope> {
  const { campaign, template } = await loadCampaignAndTemplate(db, campaignId);
  const [unitRows, submissionRows, campaignRows] = await Promise.all([
    recordsUnder(db, 'org_unit', root.path),
    recordsUnder(db, 'submission', root.path),
    db.selectFrom('records').select('data').where('collection', '=', 'campaign').execute(),
  ]);
  const previousCampaign = campaignBefore(
    campaign,
    campaignRows.flatMap((row) => Campaign.safeParse(JSON.parse(row.data)).data ?? []),
  );
  const previous = previousCampaign
    ? { campaign: previousCampaign, submissions: new Map<string, ReportedSubmission>() }
    : null;
  const units = unitRows
    .map((row) => OrgUnit.safeParse(JSON.parse(row.data)).data)
    .filter((unit): unit is OrgUnit => unit !== undefined)
    .sort((a, b) => a.path.localeCompare(b.path));
  const submissions = new Map<string, ReportedSubmission>();
  let asOfSeq = 0;
  for (const row of [...unitRows, ...submissionRows]) asOfSeq = Math.max(asOfSeq, Number(row.seq));
  for (const row of submissionRows) {
    const parsed = ReportedSubmission.safeParse(JSON.parse(row.data));
    if (!parsed.success) continue;
    if (parsed.data.campaignId === campaign.id) submissions.set(parsed.data.orgUnitId, parsed.data);
    else if (parsed.data.campaignId === previous?.campaign.id)
      previous.submissions.set(parsed.data.orgUnitId, parsed.data);
  }
  return { root, units, campaign, template, submissions, asOfSeq, previous };
}
