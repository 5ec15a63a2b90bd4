import type { Kysely } from 'kysely';
import { computeDashboard } from '../../src/shared/reports/dashboard';
import type { DashboardFigures } from '../../src/shared/reports/figures';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { OrgUnit } from '../../src/shared/schemas/org';
import { scoreSubmission } from '../../src/shared/scoring/score';
import type { Template } from '../../src/shared/schemas/template';
import type { Campaign } from '../../src/shared/schemas/campaign';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { getRecord } from './records';
import { loadPublicScope } from './reports/scope';
import { recordedMerges } from './unit-merges';

export interface Publication {
  campaignId: string;
  rootId: string;
  publishedAt: string;
}

/**
 * The province publishes a campaign's results: from then on its public pages and open data show
 * them (accepted work only). Publishing again changes nothing; it is audited once.
 */
export async function publishResults(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  now: () => Date = () => new Date(),
): Promise<Publication> {
  const root = OrgUnit.safeParse(
    (await getRecord(db, 'org_unit', actor.orgPath.split('/')[1] ?? ''))?.data,
  );
  if (!root.success) throw new HttpError('NOT_FOUND', 'No unit');
  const decision = explain(actor, 'results.publish', { orgPath: root.data.path });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
  if (!(await getRecord(db, 'campaign', campaignId)))
    throw new HttpError('NOT_FOUND', `No campaign ${campaignId}`);
  const existing = await findPublication(db, campaignId);
  if (existing) return existing;
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('result_publications')
      .values({
        campaign_id: campaignId,
        root_id: root.data.id,
        published_at: at,
        published_by: actor.userId,
      })
      .execute();
    await appendAudit(trx, {
      actor: actor.userId,
      action: 'results.publish',
      target: `campaign:${campaignId}`,
      data: { rootId: root.data.id },
      at,
    });
  });
  return { campaignId, rootId: root.data.id, publishedAt: at };
}

export async function findPublication(
  db: Kysely<Database>,
  campaignId: string,
): Promise<Publication | null> {
  const row = await db
    .selectFrom('result_publications')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return row
    ? { campaignId: row.campaign_id, rootId: row.root_id, publishedAt: row.published_at }
    : null;
}

export async function listPublications(db: Kysely<Database>): Promise<Publication[]> {
  const rows = await db
    .selectFrom('result_publications')
    .selectAll()
    .orderBy('published_at', 'desc')
    .execute();
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    rootId: row.root_id,
    publishedAt: row.published_at,
  }));
}

export interface PublicResults {
  publication: Publication;
  campaign: Campaign;
  template: Template;
  figures: DashboardFigures;
}

/**
 * A published campaign's results as the public sees them: computed like a dashboard, but from
 * submissions the province ACCEPTED only — an approval the province may still send back is not a
 * public result. Unpublished campaigns are "not found", so their existence does not leak either.
 */
export async function publicResults(
  db: Kysely<Database>,
  campaignId: string,
): Promise<PublicResults> {
  const publication = await findPublication(db, campaignId);
  if (!publication) throw new HttpError('NOT_FOUND', 'No published results for this campaign');
  const scope = await loadPublicScope(db, campaignId, publication.rootId);
  const accepted = new Map(
    [...scope.submissions].filter(([, submission]) => submission.status === 'accepted'),
  );
  const empty = scoreSubmission(scope.template, new Map(), new Map());
  const merges = await recordedMerges(db);
  const figures = computeDashboard({
    campaign: scope.campaign,
    rootId: scope.root.id,
    units: scope.units,
    submissions: accepted,
    pillars: empty.pillars.map(({ pillarId, maxPoints }) => ({ pillarId, maxPoints })),
    maxScore: empty.maxScore,
    asOfSeq: scope.asOfSeq,
    computedAt: publication.publishedAt,
    retiredUnitIds: new Set(merges.flatMap((merge) => merge.sources)),
  });
  return { publication, campaign: scope.campaign, template: scope.template, figures };
}
