import type { Template } from '../../src/shared/schemas/template';

/**
 * The shipped template with exactly three mistakes an official could make by hand: the first
 * indicator lost its title (required), pillar 3's second indicator repeats the first one's id
 * (duplicate_id), and pillar 3 claims 10 points fewer than its indicators add up to
 * (points_mismatch). maxScore is lowered with it so the template total stays consistent and only
 * those three are reported.
 */
export function threeMistakes(shipped: Template): unknown {
  const copy = structuredClone(shipped) as unknown as {
    maxScore: number;
    pillars: { maxPoints: number; indicators: { id: string; title?: unknown }[] }[];
  };
  const [first, , third] = copy.pillars;
  if (!first?.indicators[0] || !third?.indicators[0] || !third.indicators[1])
    throw new Error('the shipped template no longer has the shape this test file assumes');
  delete first.indicators[0].title;
  third.indicators[1].id = third.indicators[0].id;
  third.maxPoints -= 10;
  copy.maxScore -= 10;
  return copy;
}
