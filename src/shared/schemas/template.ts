import { z } from 'zod';
import { LocalizedText } from '../i18n-text';

/**
 * The checklist template a province issues (versioned). This file describes its *shape*; the
 * cross-field rules (sums, tiers, options) live in template/validate.ts, which reports every
 * problem in plain words. Objects are strict so that a typo in a province's hand-edited file
 * ("maxPoint", "minPhoto") is an error instead of a silently ignored field.
 */

export const IndicatorType = z.enum([
  'boolean',
  'choice',
  'count',
  'ratio',
  'percent',
  'text',
  'date',
]);
export type IndicatorType = z.infer<typeof IndicatorType>;

export const ScoringRuleName = z.enum(['boolean', 'choice', 'tiers', 'ratio', 'presence', 'none']);
export type ScoringRuleName = z.infer<typeof ScoringRuleName>;

const Points = z.number().min(0);

/** A ratio target is a share: 0.8 means "80 % earns full points". */
const ShareTarget = z.number().gt(0).max(1);

export const EvidenceRule = z.strictObject({
  required: z.boolean(),
  minPhotos: z.number().int().min(0),
  hint: LocalizedText.optional(),
});
export type EvidenceRule = z.infer<typeof EvidenceRule>;

/** yes → maxPoints, no → 0. */
export const BooleanScoring = z.strictObject({ rule: z.literal('boolean') });
/** The chosen option's points. */
export const ChoiceScoring = z.strictObject({ rule: z.literal('choice') });
export const Tier = z.strictObject({ min: z.number().min(0), points: Points });
export type Tier = z.infer<typeof Tier>;
/** The highest tier whose `min` the value reaches; tiers are listed from the highest min down. */
export const TiersScoring = z.strictObject({
  rule: z.literal('tiers'),
  tiers: z.array(Tier).min(1),
});
/** For counts: min(count / target, 1) × maxPoints, the target being a number of things. */
export const CountRatioScoring = z.strictObject({
  rule: z.literal('ratio'),
  target: z.number().gt(0),
});
/** For ratios and percents: min(share / target, 1) × maxPoints, the target being a share in (0, 1]. */
export const ShareRatioScoring = z.strictObject({ rule: z.literal('ratio'), target: ShareTarget });
/** Full points once answered. */
export const PresenceScoring = z.strictObject({ rule: z.literal('presence') });
/** Informational: asked but never scored (maxPoints must be 0). */
export const NoneScoring = z.strictObject({ rule: z.literal('none') });

export const ChoiceOption = z.strictObject({
  value: z.string().min(1),
  label: LocalizedText,
  points: Points,
});
export type ChoiceOption = z.infer<typeof ChoiceOption>;

const common = {
  id: z.string().min(1),
  title: LocalizedText,
  maxPoints: Points,
  evidence: EvidenceRule,
  source: z.string().optional(),
  description: LocalizedText.optional(),
};

export const BooleanIndicator = z.strictObject({
  ...common,
  type: z.literal('boolean'),
  scoring: BooleanScoring,
});
export const ChoiceIndicator = z.strictObject({
  ...common,
  type: z.literal('choice'),
  options: z.array(ChoiceOption).min(1),
  scoring: ChoiceScoring,
});
export const CountIndicator = z.strictObject({
  ...common,
  type: z.literal('count'),
  unit: LocalizedText.optional(),
  scoring: z.discriminatedUnion('rule', [TiersScoring, CountRatioScoring]),
});
export const RatioIndicator = z.strictObject({
  ...common,
  type: z.literal('ratio'),
  numerator: LocalizedText,
  denominator: LocalizedText,
  scoring: ShareRatioScoring,
});
export const PercentIndicator = z.strictObject({
  ...common,
  type: z.literal('percent'),
  scoring: ShareRatioScoring,
});
const PresenceOrNone = z.discriminatedUnion('rule', [PresenceScoring, NoneScoring]);
export const TextIndicator = z.strictObject({
  ...common,
  type: z.literal('text'),
  scoring: PresenceOrNone,
});
export const DateIndicator = z.strictObject({
  ...common,
  type: z.literal('date'),
  scoring: PresenceOrNone,
});

export const Indicator = z.discriminatedUnion('type', [
  BooleanIndicator,
  ChoiceIndicator,
  CountIndicator,
  RatioIndicator,
  PercentIndicator,
  TextIndicator,
  DateIndicator,
]);
export type Indicator = z.infer<typeof Indicator>;
export type BooleanIndicator = z.infer<typeof BooleanIndicator>;
export type ChoiceIndicator = z.infer<typeof ChoiceIndicator>;
export type CountIndicator = z.infer<typeof CountIndicator>;
export type RatioIndicator = z.infer<typeof RatioIndicator>;
export type PercentIndicator = z.infer<typeof PercentIndicator>;
export type TextIndicator = z.infer<typeof TextIndicator>;
export type DateIndicator = z.infer<typeof DateIndicator>;
export type IndicatorScoring = Indicator['scoring'];

export const Pillar = z.strictObject({
  id: z.string().min(1),
  title: LocalizedText,
  maxPoints: Points,
  indicators: z.array(Indicator).min(1),
});
export type Pillar = z.infer<typeof Pillar>;

export const TemplateRules = z.strictObject({
  /** When true, a claim whose required evidence is missing earns 0 points. */
  noEvidenceScoresZero: z.boolean(),
  /** The divisor turning a score into the 0–1 index (DTI style: 1000 points → index 1). */
  indexIsScoreOver: z.number().gt(0),
});
export type TemplateRules = z.infer<typeof TemplateRules>;

export const Template = z.strictObject({
  id: z.string().min(1),
  version: z.number().int().min(1),
  locale: z.string().min(2),
  title: LocalizedText,
  note: LocalizedText.optional(),
  maxScore: z.number().gt(0),
  rules: TemplateRules,
  pillars: z.array(Pillar).min(1),
});
export type Template = z.infer<typeof Template>;

/** Every indicator of a template in reading order. */
export function templateIndicators(template: Template): Indicator[] {
  return template.pillars.flatMap((pillar) => pillar.indicators);
}
