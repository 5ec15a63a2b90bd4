// The form and the server judge an answer by the same shared schema: whatever the form is willing
// to save, `answerValueSchemaFor` (the server's check) accepts — and each kind of mistake an
// officer makes gets a message that says what to type instead.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  toAnswerValue,
  type AnswerFormValues,
  type Conversion,
} from '../../../src/app/features/checklist/answer-form';
import { answerValueSchemaFor } from '../../../src/shared/schemas/answer';
import type { Indicator } from '../../../src/shared/schemas/template';
import {
  everyIndicator,
  percentIndicator,
  ratioIndicator,
  tiersIndicator,
} from '../shared/sample-indicators';

const form = (fields: Partial<AnswerFormValues>): AnswerFormValues => ({
  raw: '',
  numerator: '',
  denominator: '',
  note: '',
  ...fields,
});

const cases: [string, Indicator, Partial<AnswerFormValues>, Conversion][] = [
  [
    'a count beyond exact numbers',
    tiersIndicator,
    { raw: '99999999999999999999' },
    { kind: 'invalid', field: 'raw', error: 'error_too_large' },
  ],
  [
    'a count in exponent notation',
    tiersIndicator,
    { raw: '1e3' },
    { kind: 'invalid', field: 'raw', error: 'error_integer' },
  ],
  [
    'a count with a decimal',
    tiersIndicator,
    { raw: '2,5' },
    { kind: 'invalid', field: 'raw', error: 'error_integer' },
  ],
  ['a count', tiersIndicator, { raw: ' 12 ' }, { kind: 'value', value: 12 }],
  [
    'a negative percent',
    percentIndicator,
    { raw: '-5' },
    { kind: 'invalid', field: 'raw', error: 'error_percent' },
  ],
  [
    'a percent over 100',
    percentIndicator,
    { raw: '100,5' },
    { kind: 'invalid', field: 'raw', error: 'error_percent' },
  ],
  [
    'a percent with a decimal comma',
    percentIndicator,
    { raw: '92,5' },
    { kind: 'value', value: 92.5 },
  ],
  [
    'a percent that is not a number',
    percentIndicator,
    { raw: '9x' },
    { kind: 'invalid', field: 'raw', error: 'error_number' },
  ],
  [
    '2.5 people',
    ratioIndicator,
    { numerator: '2,5', denominator: '10' },
    { kind: 'invalid', field: 'numerator', error: 'error_integer' },
  ],
  [
    'a ratio without its denominator',
    ratioIndicator,
    { numerator: '3' },
    { kind: 'invalid', field: 'denominator', error: 'error_number' },
  ],
  [
    'a ratio',
    ratioIndicator,
    { numerator: '30', denominator: '40' },
    { kind: 'value', value: { numerator: 30, denominator: 40 } },
  ],
];

describe('the form converts what the officer typed', () => {
  it.each(cases)('%s', (_, indicator, fields, expected) => {
    expect(toAnswerValue(indicator, form(fields))).toEqual(expected);
  });
});

describe('the form never saves what the server refuses', () => {
  const typed = fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.stringMatching(/^-?\d{0,22}([.,]\d{0,4})?$/),
    fc.constantFrom('yes', 'no', 'chairman', '2025-02-30', '2025-12-01', '1e3', '0x10', ' 7 '),
  );
  it.each(everyIndicator.map((indicator) => [indicator.type, indicator] as const))(
    '%s: every value the form accepts passes the shared schema',
    (_, indicator) => {
      fc.assert(
        fc.property(typed, typed, typed, (raw, numerator, denominator) => {
          const converted = toAnswerValue(indicator, form({ raw, numerator, denominator }));
          if (converted.kind === 'value')
            expect(answerValueSchemaFor(indicator).safeParse(converted.value).success).toBe(true);
        }),
        { seed: 20261202, numRuns: 400 },
      );
    },
  );
});
