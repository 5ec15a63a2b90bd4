import type { Kysely } from 'kysely';
import { computeDashboard } from '../../../src/shared/reports/dashboard';
import { compareWithPrevious } from '../../../src/shared/reports/previous';
import type { DashboardFigures } from '../../../src/shared/reports/figures';
import type { Actor } from '../../../src/shared/permissions/can';
import { scoreSubmission } from '../../../src/shared/scoring/score';
import type { Template } from '../../../src/shared/schemas/template';
import type { Database } from '../../db/schema';
import { recordedMerges } from '../unit-merges';
import { loadReportScope } from './scope';

/**
 * A unit's dashboard for one campaign, for anyone who may read reports there (viewers included:
 * the figures come from approved and accepted work only, never from drafts).
 */
export async function dashboardFigures(
  db: Kysely<Database>,
  actor: Actor,
  request: { campaignId: string; unitId: string },
  now: () => Date = () => new Date(),
): Promise<DashboardFigures> {
  return (await dashboardWithTemplate(db, actor, request, now)).figures;
}

/** The figures and the template they were scored with (exports name the pillars). */
export async function dashboardWithTemplate(
  db: Kysely<Database>,
  actor: Actor,
  request: { campaignId: string; unitId: string },
  now: () => Date = () => new Date(),
): Promise<{ figures: DashboardFigures; template: Template }> {
  const scope = await loadReportScope(db, actor, { ...request, action: 'report.read' });
  // The template's maxima, from scoring nothing: one source for them, the shared scoring.
  const empty = scoreSubmission(scope.template, new Map(), new Map());
  const merges = await recordedMerges(db);
  const figures = computeDashboard({
    campaign: scope.campaign,
    rootId: scope.root.id,
    units: scope.units,
    submissions: scope.submissions,
    pillars: empty.pillars.map(({ pillarId, maxPoints }) => ({ pillarId, maxPoints })),
    maxScore: empty.maxScore,
    asOfSeq: scope.asOfSeq,
    computedAt: now().toISOString(),
    retiredUnitIds: new Set(merges.flatMap((merge) => merge.sources)),
  });
  if (!scope.previous) return { figures, template: scope.template };
  const previous = compareWithPrevious({
    campaignId: scope.previous.campaign.id,
    assignedUnitIds: scope.previous.campaign.assignedUnitIds,
    submissions: scope.previous.submissions,
    merges,
    currentCommuneIds: new Set(
      figures.units.filter((unit) => unit.level === 'commune').map((unit) => unit.unitId),
    ),
  });
  return { figures: { ...figures, previous }, template: scope.template };
}
