import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateIndicators, type Indicator } from '../../../src/shared/schemas/template';
import { sum2 } from '../../../src/shared/scoring/rounding';
import {
  scoreIndicator,
  scoreSubmission,
  type EvidenceCounts,
} from '../../../src/shared/scoring/score';
import { validateTemplate } from '../../../src/shared/template/validate';
import {
  anyValueArb,
  countRatioIndicatorArb,
  evidenceCountsArb,
  indicatorArb,
  percentIndicatorArb,
  ratioIndicatorArb,
  templateArb,
  tiersIndicatorArb,
} from './arbitraries';

// A fixed seed keeps the suite reproducible; change it locally to explore new cases.
const params = { seed: 20251126, numRuns: 500 };
const enough: EvidenceCounts = { photos: 10, documents: 10 };
const isCents = (n: number) => Math.round(n * 100) / 100 === n;

describe('scoring properties', () => {
  it('the generated templates are valid (so the other properties test real templates)', () => {
    fc.assert(
      fc.property(templateArb, (template) => {
        const result = validateTemplate(template);
        expect(result.ok ? [] : result.problems).toEqual([]);
      }),
      params,
    );
  });

  it('any indicator and any value (even garbage) score within [0, maxPoints], in hundredths', () => {
    fc.assert(
      fc.property(
        indicatorArb,
        anyValueArb,
        evidenceCountsArb,
        fc.boolean(),
        (indicator, value, evidence, strict) => {
          const score = scoreIndicator(indicator, value, evidence, {
            noEvidenceScoresZero: strict,
            indexIsScoreOver: 1000,
          });
          expect(score.points).toBeGreaterThanOrEqual(0);
          expect(score.points).toBeLessThanOrEqual(indicator.maxPoints);
          expect(isCents(score.points)).toBe(true);
        },
      ),
      params,
    );
  });

  it('a submission totals within [0, maxScore] with an index within [0, 1]', () => {
    const submissionArb = templateArb.chain((template) => {
      const ids = templateIndicators(template).map((i) => i.id);
      const answers = fc.dictionary(fc.constantFrom(...ids), anyValueArb);
      const evidence = fc.dictionary(fc.constantFrom(...ids), evidenceCountsArb);
      return fc.tuple(fc.constant(template), answers, evidence);
    });
    fc.assert(
      fc.property(submissionArb, ([template, answers, evidence]) => {
        const score = scoreSubmission(template, answers, evidence);
        expect(score.total).toBeGreaterThanOrEqual(0);
        expect(score.total).toBeLessThanOrEqual(score.maxScore);
        expect(score.index).toBeGreaterThanOrEqual(0);
        expect(score.index).toBeLessThanOrEqual(1);
        expect(score.total).toBe(sum2(score.pillars.map((p) => p.points)));
        for (const pillar of score.pillars)
          expect(pillar.points).toBeLessThanOrEqual(pillar.maxPoints);
      }),
      params,
    );
  });

  const score = (indicator: Indicator, value: unknown) =>
    scoreIndicator(indicator, value, enough, { noEvidenceScoresZero: true, indexIsScoreOver: 1 })
      .points;

  it('ratio: a larger numerator never lowers the score', () => {
    const values = fc
      .integer({ min: 1, max: 10_000 })
      .chain((denominator) =>
        fc.tuple(
          fc.constant(denominator),
          fc.integer({ min: 0, max: denominator }),
          fc.integer({ min: 0, max: denominator }),
        ),
      );
    fc.assert(
      fc.property(ratioIndicatorArb, values, (indicator, [denominator, a, b]) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(score(indicator, { numerator: low, denominator })).toBeLessThanOrEqual(
          score(indicator, { numerator: high, denominator }),
        );
      }),
      params,
    );
  });

  it('percent: a larger percentage never lowers the score', () => {
    const pct = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(percentIndicatorArb, pct, pct, (indicator, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(score(indicator, low)).toBeLessThanOrEqual(score(indicator, high));
      }),
      params,
    );
  });

  it('count: more never scores less, with tiers or with a target', () => {
    const n = fc.integer({ min: 0, max: 2_000 });
    fc.assert(
      fc.property(fc.oneof(tiersIndicatorArb, countRatioIndicatorArb), n, n, (indicator, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(score(indicator, low)).toBeLessThanOrEqual(score(indicator, high));
      }),
      params,
    );
  });
});
