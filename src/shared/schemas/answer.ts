import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './common';
import type { Indicator } from './template';

/** The value shapes, one per indicator type. */
export const BooleanAnswerValue = z.boolean();
/** The `value` of one of the indicator's options (restricted further by answerValueSchemaFor). */
export const ChoiceAnswerValue = z.string().min(1);
export const CountAnswerValue = z.number().int().min(0);
/**
 * A ratio counts things (people, households, records, officials): both parts are whole numbers.
 * A share that is not a count is a `percent` indicator.
 */
export const RatioAnswerValue = z
  .strictObject({
    numerator: z.number().int().min(0),
    denominator: z.number().int().gt(0),
  })
  .refine((v) => v.numerator <= v.denominator, {
    path: ['numerator'],
    message: 'must not be larger than the denominator',
    params: { code: 'numerator_exceeds_denominator' },
  });
export type RatioAnswerValue = z.infer<typeof RatioAnswerValue>;
export const PercentAnswerValue = z.number().min(0).max(100);
export const TextAnswerValue = z.string().max(4000);
export const DateAnswerValue = IsoDate;

/**
 * Any answer value. Deliberately loose (a date is just a string here): which shape is right
 * depends on the indicator, so records are checked with answerValueSchemaFor(indicator).
 */
export const AnswerValue = z.union([
  z.boolean(),
  z.number().min(0),
  z.string().max(4000),
  RatioAnswerValue,
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answer = z.strictObject({
  id: Id,
  submissionId: Id,
  indicatorId: z.string().min(1),
  value: AnswerValue,
  note: z.string().max(4000).optional(),
  updatedBy: Id,
  updatedAt: IsoDateTime,
});
export type Answer = z.infer<typeof Answer>;

// Choice schemas depend on the indicator's options; cache them per indicator object because
// scoring a whole submission asks for them repeatedly.
const choiceSchemas = new WeakMap<Indicator, z.ZodType<string>>();

function choiceSchemaFor(indicator: Extract<Indicator, { type: 'choice' }>): z.ZodType<string> {
  const cached = choiceSchemas.get(indicator);
  if (cached) return cached;
  const values = indicator.options.map((o) => o.value);
  const [first, ...rest] = values;
  const schema = first === undefined ? z.never() : z.enum([first, ...rest]);
  choiceSchemas.set(indicator, schema);
  return schema;
}

/** The schema an answer to this indicator must satisfy. */
export function answerValueSchemaFor(indicator: Indicator): z.ZodType<AnswerValue> {
  switch (indicator.type) {
    case 'boolean':
      return BooleanAnswerValue;
    case 'choice':
      return choiceSchemaFor(indicator);
    case 'count':
      return CountAnswerValue;
    case 'ratio':
      return RatioAnswerValue;
    case 'percent':
      return PercentAnswerValue;
    case 'text':
      return TextAnswerValue;
    case 'date':
      return DateAnswerValue;
  }
}
