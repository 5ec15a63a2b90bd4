// fast-check generators of valid templates and of arbitrary (often invalid) answer values.
import fc from 'fast-check';
import type { Indicator, Pillar, Template } from '../../../src/shared/schemas/template';

/** Points in hundredths, as a province would write them (25, 12.5, 6.25). */
const cents = (maxCents: number) => fc.integer({ min: 0, max: maxCents }).map((c) => c / 100);
const title = fc.string({ minLength: 1, maxLength: 12 }).map((s) => ({ vi: `Tiêu chí ${s}` }));
const evidence = fc.record({ required: fc.boolean(), minPhotos: fc.integer({ min: 0, max: 3 }) });
const shareTarget = fc.integer({ min: 1, max: 100 }).map((n) => n / 100);

type Common = Pick<Indicator, 'id' | 'title' | 'maxPoints' | 'evidence'>;
const common = (maxPoints: fc.Arbitrary<number>): fc.Arbitrary<Common> =>
  fc.record({ id: fc.constant('?'), title, maxPoints, evidence });

const booleanArb: fc.Arbitrary<Indicator> = common(cents(10000)).map((c) => ({
  ...c,
  type: 'boolean',
  scoring: { rule: 'boolean' },
}));

const choiceArb: fc.Arbitrary<Indicator> = common(cents(10000)).chain((c) =>
  fc
    .array(cents(Math.round(c.maxPoints * 100)), { minLength: 1, maxLength: 5 })
    .map((points): Indicator => ({
      ...c,
      type: 'choice',
      // One option always gives the full points, as validation requires.
      options: [c.maxPoints, ...points].map((p, i) => ({
        value: `o${i}`,
        label: { vi: `Lựa chọn ${i}` },
        points: p,
      })),
      scoring: { rule: 'choice' },
    })),
);

const tiersArb: fc.Arbitrary<Indicator> = common(cents(10000)).chain((c) =>
  fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 5 }).chain((mins) =>
    fc
      .array(cents(Math.round(c.maxPoints * 100)), {
        minLength: mins.length,
        maxLength: mins.length,
      })
      .map((points): Indicator => {
        const descendingMins = [...mins].sort((a, b) => b - a);
        const descendingPoints = [...points].sort((a, b) => b - a);
        descendingPoints[0] = c.maxPoints;
        return {
          ...c,
          type: 'count',
          scoring: {
            rule: 'tiers',
            tiers: descendingMins.map((min, i) => ({ min, points: descendingPoints[i] ?? 0 })),
          },
        };
      }),
  ),
);

const countRatioArb: fc.Arbitrary<Indicator> = fc
  .tuple(common(cents(10000)), fc.integer({ min: 1, max: 500 }))
  .map(([c, target]) => ({ ...c, type: 'count', scoring: { rule: 'ratio', target } }));

const ratioArb: fc.Arbitrary<Indicator> = fc
  .tuple(common(cents(10000)), shareTarget)
  .map(([c, target]) => ({
    ...c,
    type: 'ratio',
    numerator: { vi: 'Tử số' },
    denominator: { vi: 'Mẫu số' },
    scoring: { rule: 'ratio', target },
  }));

const percentArb: fc.Arbitrary<Indicator> = fc
  .tuple(common(cents(10000)), shareTarget)
  .map(([c, target]) => ({ ...c, type: 'percent', scoring: { rule: 'ratio', target } }));

const presenceArb: fc.Arbitrary<Indicator> = fc
  .tuple(common(cents(10000)), fc.constantFrom('text' as const, 'date' as const), fc.boolean())
  .map(([c, type, informational]) =>
    informational
      ? { ...c, type, maxPoints: 0, scoring: { rule: 'none' } }
      : { ...c, type, scoring: { rule: 'presence' } },
  );

export const indicatorArb: fc.Arbitrary<Indicator> = fc.oneof(
  booleanArb,
  choiceArb,
  tiersArb,
  countRatioArb,
  ratioArb,
  percentArb,
  presenceArb,
);
export const ratioIndicatorArb = ratioArb;
export const percentIndicatorArb = percentArb;
export const tiersIndicatorArb = tiersArb;
export const countRatioIndicatorArb = countRatioArb;

const sumCents = (values: number[]): number =>
  values.reduce((sum, v) => sum + Math.round(v * 100), 0) / 100;

/** A template that passes validateTemplate: unique ids, consistent sums, sane tiers and options. */
export const templateArb: fc.Arbitrary<Template> = fc
  .tuple(
    fc.array(fc.array(indicatorArb, { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(([pillarIndicators, noEvidenceScoresZero]): Template => {
    const pillars: Pillar[] = pillarIndicators.map((indicators, p) => ({
      id: `p${p}`,
      title: { vi: `Trụ cột ${p + 1}` },
      maxPoints: sumCents(indicators.map((i) => i.maxPoints)),
      indicators: indicators.map((indicator, i) => ({ ...indicator, id: `${p + 1}.${i + 1}` })),
    }));
    const maxScore = sumCents(pillars.map((p) => p.maxPoints));
    return {
      id: 'generated',
      version: 1,
      locale: 'vi',
      title: { vi: 'Bộ tiêu chí sinh ngẫu nhiên' },
      maxScore,
      rules: { noEvidenceScoresZero, indexIsScoreOver: maxScore },
      pillars,
    };
  })
  .filter((template) => template.maxScore > 0);

/** Values an answer could hold: right shapes, wrong shapes and plain garbage. */
export const anyValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.boolean(),
  fc.double(),
  fc.integer({ min: -5, max: 2000 }),
  fc.constantFrom('o0', 'o1', 'o2', '2025-03-01', '2025-02-30', '', '   ', 'Có'),
  fc.string(),
  fc.record({ numerator: fc.double(), denominator: fc.double() }),
  fc.record({
    numerator: fc.integer({ min: 0, max: 100 }),
    denominator: fc.integer({ min: 0, max: 100 }),
  }),
  fc.anything(),
);

export const evidenceCountsArb = fc.record({
  photos: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.double()),
  documents: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.double()),
});
