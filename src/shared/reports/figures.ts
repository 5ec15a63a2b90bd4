import { z } from 'zod';
import { OrgLevel } from '../schemas/org';
import { PreviousFigures } from './previous';

/**
 * The figures of a dashboard, as the server computes them and the app keeps for offline reading.
 * Response schemas are plain `z.object`s (unknown fields dropped), like the sync protocol's, so a
 * field a newer server adds never breaks an older phone.
 */
export const StatusCounts = z.object({
  notStarted: z.number().int().min(0),
  draft: z.number().int().min(0),
  submitted: z.number().int().min(0),
  returned: z.number().int().min(0),
  approved: z.number().int().min(0),
  accepted: z.number().int().min(0),
});
export type StatusCounts = z.infer<typeof StatusCounts>;
export type StatusKey = keyof StatusCounts;

export const PillarAverage = z.object({
  pillarId: z.string(),
  /** Average points of the unit's approved and accepted communes; null when there is none. */
  average: z.number().nullable(),
});

export const UnitFigures = z.object({
  unitId: z.string(),
  name: z.string(),
  level: OrgLevel,
  parentId: z.string().nullable(),
  childIds: z.array(z.string()),
  /** Communes of the subtree the campaign expects a submission from. */
  expected: z.number().int().min(0),
  /** Of those, how many have sent at least once (any status but draft or not started). */
  submitted: z.number().int().min(0),
  /** Of those, how many first sent at or before the deadline. */
  onTime: z.number().int().min(0),
  statusCounts: StatusCounts,
  /** Communes whose figures count: approved or accepted. */
  scored: z.number().int().min(0),
  averageScore: z.number().nullable(),
  pillarAverages: z.array(PillarAverage),
  /** A commune's own total, when approved or accepted. */
  score: z.number().nullable(),
  evidenceCount: z.number().int().min(0).nullable(),
  /** Rank among the scope's units of the same level (1 = best; ties share a rank); null: unranked. */
  rank: z.number().int().min(1).nullable(),
});
export type UnitFigures = z.infer<typeof UnitFigures>;

export const ScoreBin = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int().min(0),
});
export type ScoreBin = z.infer<typeof ScoreBin>;

export const DashboardFigures = z.object({
  campaignId: z.string(),
  rootId: z.string(),
  deadline: z.string(),
  maxScore: z.number(),
  pillars: z.array(z.object({ pillarId: z.string(), maxPoints: z.number() })),
  /** Totals of the scored communes in ten equal bins from 0 to maxScore. */
  distribution: z.array(ScoreBin),
  /** Root first, then every unit of the subtree in path order. */
  units: z.array(UnitFigures),
  /** The server's sequence head when computed: figures with the same value are the same. */
  asOfSeq: z.number().int().min(0),
  computedAt: z.string(),
  /** The communes beside the campaign before this one, merged units summed (previous.ts). */
  previous: PreviousFigures.optional(),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;
