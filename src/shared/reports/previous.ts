import { z } from 'zod';
import { successorOf, type UnitMerge } from '../hierarchy/merge';
import { round2 } from '../scoring/rounding';
import { isScored, type SubmissionFacts } from './dashboard';

/**
 * A campaign's communes beside the campaign before it. After a merge the old communes' figures
 * are summed onto the unit that took them over (merge.ts), so a merged commune is compared with
 * the old ones together: how many were expected and scored, their points summed and averaged.
 * Only approved and accepted work counts, as everywhere in the results.
 */
export const PreviousUnit = z.object({
  unitId: z.string(),
  /** The previous campaign's communes this unit stands for: itself, or the units merged into it. */
  fromUnitIds: z.array(z.string()),
  expected: z.number().int().min(0),
  scored: z.number().int().min(0),
  scoreSum: z.number(),
  averageScore: z.number().nullable(),
});
export type PreviousUnit = z.infer<typeof PreviousUnit>;

export const PreviousFigures = z.object({
  campaignId: z.string(),
  units: z.array(PreviousUnit),
});
export type PreviousFigures = z.infer<typeof PreviousFigures>;

export interface PreviousInput {
  campaignId: string;
  assignedUnitIds: readonly string[];
  /** The previous campaign's submissions, by commune. */
  submissions: ReadonlyMap<string, SubmissionFacts>;
  merges: readonly UnitMerge[];
  /** The communes of the current dashboard. */
  currentCommuneIds: ReadonlySet<string>;
}

export function compareWithPrevious(input: PreviousInput): PreviousFigures {
  const byUnit = new Map<string, PreviousUnit>();
  for (const code of input.assignedUnitIds) {
    const unitId = successorOf(code, input.merges);
    if (!input.currentCommuneIds.has(unitId)) continue;
    const entry = byUnit.get(unitId) ?? {
      unitId,
      fromUnitIds: [],
      expected: 0,
      scored: 0,
      scoreSum: 0,
      averageScore: null,
    };
    entry.fromUnitIds.push(code);
    entry.expected += 1;
    const facts = input.submissions.get(code);
    if (facts && isScored(facts.status)) {
      entry.scored += 1;
      entry.scoreSum = round2(entry.scoreSum + (facts.score ?? 0));
    }
    entry.averageScore = entry.scored === 0 ? null : round2(entry.scoreSum / entry.scored);
    byUnit.set(unitId, entry);
  }
  const units = [...byUnit.values()]
    .map((entry) => ({ ...entry, fromUnitIds: entry.fromUnitIds.sort() }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
  return { campaignId: input.campaignId, units };
}
