import { pathSegments } from '../hierarchy/paths';
import type { OrgUnit } from '../schemas/org';
import type { PillarPoints, SubmissionStatus } from '../schemas/submission';
import { round2 } from '../scoring/rounding';
import type { DashboardFigures, ScoreBin, StatusCounts, UnitFigures } from './figures';

/** What a dashboard reads of one commune's submission: the figures the server fixed at submit. */
export interface SubmissionFacts {
  status: SubmissionStatus;
  score?: number | undefined;
  pillarScores?: readonly PillarPoints[] | undefined;
  evidenceCount?: number | undefined;
  firstSubmittedAt?: string | undefined;
}

export interface DashboardInput {
  campaign: { id: string; deadline: string; assignedUnitIds: readonly string[] };
  /** The unit the dashboard is about; `units` holds it and every unit below it. */
  rootId: string;
  units: readonly OrgUnit[];
  submissions: ReadonlyMap<string, SubmissionFacts>;
  pillars: readonly { pillarId: string; maxPoints: number }[];
  maxScore: number;
  asOfSeq: number;
  computedAt: string;
  /** Units merged away (merge.ts): shown only where this campaign still involves them. */
  retiredUnitIds?: ReadonlySet<string> | undefined;
}

const BINS = 10;

/** Results count only once a reviewer approved them: drafts and pending work never rank. */
export const isScored = (status: SubmissionStatus | undefined) =>
  status === 'approved' || status === 'accepted';

const average = (values: readonly number[]) =>
  values.length === 0 ? null : round2(values.reduce((sum, v) => sum + v, 0) / values.length);

function emptyCounts(): StatusCounts {
  return { notStarted: 0, draft: 0, submitted: 0, returned: 0, approved: 0, accepted: 0 };
}

interface CommuneFacts {
  unit: OrgUnit;
  facts: SubmissionFacts | undefined;
  expected: boolean;
}

/** The figures of one unit from the communes of its subtree. */
function figuresOf(
  unit: OrgUnit,
  mine: readonly CommuneFacts[],
  input: DashboardInput,
): Omit<UnitFigures, 'rank' | 'childIds'> {
  const expected = mine.filter((c) => c.expected);
  const statusCounts = emptyCounts();
  for (const commune of expected) statusCounts[commune.facts?.status ?? 'notStarted'] += 1;
  const sent = expected.filter((c) => c.facts?.firstSubmittedAt !== undefined);
  // ISO timestamps in UTC compare as strings.
  const onTime = sent.filter((c) => (c.facts?.firstSubmittedAt ?? '') <= input.campaign.deadline);
  const scored = expected.filter((c) => isScored(c.facts?.status));
  const own = unit.level === 'commune' ? mine[0]?.facts : undefined;
  return {
    unitId: unit.id,
    name: unit.fullName ?? unit.name,
    level: unit.level,
    parentId: unit.parentId,
    expected: expected.length,
    submitted: sent.length,
    onTime: onTime.length,
    statusCounts,
    scored: scored.length,
    averageScore: average(scored.map((c) => c.facts?.score ?? 0)),
    pillarAverages: input.pillars.map(({ pillarId }) => ({
      pillarId,
      average: average(
        scored.map((c) => c.facts?.pillarScores?.find((p) => p.pillarId === pillarId)?.points ?? 0),
      ),
    })),
    score: own && isScored(own.status) ? (own.score ?? 0) : null,
    evidenceCount: own && isScored(own.status) ? (own.evidenceCount ?? 0) : null,
  };
}

/**
 * Standard competition ranking ("1, 2, 2, 4"): equal values share the better rank and the next
 * rank skips. Ties are listed by unit code so that the order is the same on every screen.
 */
export function competitionRanks(
  entries: readonly { unitId: string; code: string; value: number | null }[],
): Map<string, number> {
  const ranked = entries
    .filter(
      (entry): entry is { unitId: string; code: string; value: number } => entry.value !== null,
    )
    .sort((a, b) => b.value - a.value || a.code.localeCompare(b.code));
  const ranks = new Map<string, number>();
  ranked.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const rank =
      previous && previous.value === entry.value ? (ranks.get(previous.unitId) ?? 1) : index + 1;
    ranks.set(entry.unitId, rank);
  });
  return ranks;
}

function distributionOf(scores: readonly number[], maxScore: number): ScoreBin[] {
  const width = maxScore / BINS;
  return Array.from({ length: BINS }, (_, index) => {
    const from = round2(index * width);
    const to = round2((index + 1) * width);
    // The last bin is closed, so a perfect score is counted.
    const count = scores.filter((s) =>
      index === BINS - 1 ? s >= from && s <= to : s >= from && s < to,
    ).length;
    return { from, to, count };
  });
}

/**
 * The units a campaign's dashboard lists. A unit merged away still belongs to the campaigns that
 * involved it — a campaign run before the merge keeps its figures under the old units — but not
 * to later ones, which list the merged unit instead: a retired commune stays while the campaign
 * expects it or holds its submission. A unit above that is left with no listed commune at all
 * (a district the reform abolished) goes too.
 */
function unitsOfCampaign(input: DashboardInput, assigned: ReadonlySet<string>): readonly OrgUnit[] {
  const retired = input.retiredUnitIds;
  if (!retired || retired.size === 0) return input.units;
  const communesBelow = new Map<string, { listed: number; hidden: number }>();
  const hidden = new Set<string>();
  for (const unit of input.units) {
    if (unit.level !== 'commune') continue;
    const gone = retired.has(unit.id) && !assigned.has(unit.id) && !input.submissions.has(unit.id);
    if (gone) hidden.add(unit.id);
    for (const code of pathSegments(unit.path)) {
      const counts = communesBelow.get(code) ?? { listed: 0, hidden: 0 };
      if (gone) counts.hidden += 1;
      else counts.listed += 1;
      communesBelow.set(code, counts);
    }
  }
  return input.units.filter((unit) => {
    if (unit.id === input.rootId) return true;
    if (unit.level === 'commune') return !hidden.has(unit.id);
    const counts = communesBelow.get(unit.id);
    return !counts || counts.listed > 0 || counts.hidden === 0;
  });
}

/**
 * A dashboard of one unit's subtree: completeness and timeliness of the expected communes, status
 * counts, average scores by pillar, the distribution of totals, and ranks of communes (by total)
 * and of each level above them (by average), from approved and accepted submissions only. The
 * depth of the tree is data: in a 2-level tree the root is the only unit above the communes.
 */
export function computeDashboard(dashboard: DashboardInput): DashboardFigures {
  const assigned = new Set(dashboard.campaign.assignedUnitIds);
  const input = { ...dashboard, units: unitsOfCampaign(dashboard, assigned) };
  const communes: CommuneFacts[] = input.units
    .filter((unit) => unit.level === 'commune')
    .map((unit) => ({
      unit,
      facts: input.submissions.get(unit.id),
      expected: assigned.has(unit.id),
    }));
  // Each commune counts for every unit on its path: one pass, not a subtree scan per unit (a
  // country holds about 10,000 communes under 700 districts).
  const below = new Map<string, CommuneFacts[]>();
  for (const commune of communes) {
    for (const code of pathSegments(commune.unit.path)) {
      const bucket = below.get(code);
      if (bucket) bucket.push(commune);
      else below.set(code, [commune]);
    }
  }
  const partial = [...input.units]
    .sort((a, b) =>
      a.id === input.rootId ? -1 : b.id === input.rootId ? 1 : a.path.localeCompare(b.path),
    )
    .map((unit) => figuresOf(unit, below.get(unit.id) ?? [], input));
  const childIds = new Map<string, string[]>();
  for (const unit of input.units) {
    if (unit.parentId === null) continue;
    const siblings = childIds.get(unit.parentId);
    if (siblings) siblings.push(unit.id);
    else childIds.set(unit.parentId, [unit.id]);
  }

  // Each level below the root ranks on its own: communes by their total, others by their average.
  const rankByUnit = new Map<string, number>();
  for (const level of new Set(input.units.map((unit) => unit.level))) {
    const entries = partial
      .filter((f) => f.level === level && f.unitId !== input.rootId)
      .map((f) => ({
        unitId: f.unitId,
        code: f.unitId,
        value: level === 'commune' ? f.score : f.averageScore,
      }));
    for (const [unitId, rank] of competitionRanks(entries)) rankByUnit.set(unitId, rank);
  }

  const units = partial.map((figures) => ({
    ...figures,
    childIds: childIds.get(figures.unitId) ?? [],
    rank: rankByUnit.get(figures.unitId) ?? null,
  }));
  const scores = communes
    .filter((c) => c.expected && isScored(c.facts?.status))
    .map((c) => c.facts?.score ?? 0);
  return {
    campaignId: input.campaign.id,
    rootId: input.rootId,
    deadline: input.campaign.deadline,
    maxScore: input.maxScore,
    pillars: input.pillars.map(({ pillarId, maxPoints }) => ({ pillarId, maxPoints })),
    distribution: distributionOf(scores, input.maxScore),
    units,
    asOfSeq: input.asOfSeq,
    computedAt: input.computedAt,
  };
}
