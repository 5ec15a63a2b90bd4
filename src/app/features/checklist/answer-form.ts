import { z } from 'zod';
import { answerValueSchemaFor, type AnswerValue } from '../../../shared/schemas/answer';
import type { Indicator } from '../../../shared/schemas/template';

/**
 * What an indicator's form holds while the officer types: strings, as inputs give them. Converted
 * to the answer value the server expects only when valid, so a half-typed "1," is never saved as
 * something else and never lost either (it stays in the field until it parses).
 */
export interface AnswerFormValues {
  raw: string;
  numerator: string;
  denominator: string;
  note: string;
}

/** i18n keys under `input.` for the messages the officer sees. */
export type InputErrorKey =
  | 'error_integer'
  | 'error_number'
  | 'error_percent'
  | 'error_ratio'
  | 'error_denominator'
  | 'error_date'
  | 'error_text'
  | 'error_too_large';

const wholePattern = /^\s*\d+\s*$/;
/** A number as officers type it, sign included, so "-5" is told "0 to 100" rather than "a number". */
const signedNumberPattern = /^\s*-?\s*\d+([.,]\d+)?\s*$/;
const toNumber = (text: string) => Number(text.trim().replace(/\s/g, '').replace(',', '.'));

export type Conversion =
  | { kind: 'empty' }
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'invalid'; field: 'raw' | 'numerator' | 'denominator'; error: InputErrorKey };

/** Form strings → the answer value (Vietnamese decimal comma accepted). */
function convert(indicator: Indicator, form: AnswerFormValues): Conversion {
  switch (indicator.type) {
    case 'boolean':
      return form.raw === '' ? { kind: 'empty' } : { kind: 'value', value: form.raw === 'yes' };
    case 'choice':
      return form.raw === '' ? { kind: 'empty' } : { kind: 'value', value: form.raw };
    case 'count':
      if (form.raw.trim() === '') return { kind: 'empty' };
      if (!wholePattern.test(form.raw))
        return { kind: 'invalid', field: 'raw', error: 'error_integer' };
      return Number.isSafeInteger(toNumber(form.raw))
        ? { kind: 'value', value: toNumber(form.raw) }
        : { kind: 'invalid', field: 'raw', error: 'error_too_large' };
    case 'percent': {
      if (form.raw.trim() === '') return { kind: 'empty' };
      if (!signedNumberPattern.test(form.raw))
        return { kind: 'invalid', field: 'raw', error: 'error_number' };
      const value = toNumber(form.raw);
      return value >= 0 && value <= 100
        ? { kind: 'value', value }
        : { kind: 'invalid', field: 'raw', error: 'error_percent' };
    }
    case 'ratio': {
      if (form.numerator.trim() === '' && form.denominator.trim() === '') return { kind: 'empty' };
      for (const field of ['numerator', 'denominator'] as const) {
        if (form[field].trim() === '') return { kind: 'invalid', field, error: 'error_number' };
        if (!wholePattern.test(form[field]))
          return { kind: 'invalid', field, error: 'error_integer' };
        if (!Number.isSafeInteger(toNumber(form[field])))
          return { kind: 'invalid', field, error: 'error_too_large' };
      }
      const numerator = toNumber(form.numerator);
      const denominator = toNumber(form.denominator);
      if (denominator <= 0)
        return { kind: 'invalid', field: 'denominator', error: 'error_denominator' };
      if (numerator > denominator)
        return { kind: 'invalid', field: 'numerator', error: 'error_ratio' };
      return { kind: 'value', value: { numerator, denominator } };
    }
    case 'text':
      if (form.raw.trim() === '') return { kind: 'empty' };
      return form.raw.length <= 4000
        ? { kind: 'value', value: form.raw }
        : { kind: 'invalid', field: 'raw', error: 'error_text' };
    case 'date':
      if (form.raw === '') return { kind: 'empty' };
      return z.iso.date().safeParse(form.raw).success
        ? { kind: 'value', value: form.raw }
        : { kind: 'invalid', field: 'raw', error: 'error_date' };
  }
}

/**
 * Form strings → the answer value, accepted only if the server's own schema for this indicator
 * (the shared `answerValueSchemaFor`) accepts it: the form never saves what the server would
 * refuse. The typing rules above give the officer a precise message; the shared schema has the
 * last word (e.g. a count beyond what a number can hold exactly).
 */
export function toAnswerValue(indicator: Indicator, form: AnswerFormValues): Conversion {
  const converted = convert(indicator, form);
  if (converted.kind !== 'value') return converted;
  if (answerValueSchemaFor(indicator).safeParse(converted.value).success) return converted;
  const field = indicator.type === 'ratio' ? 'numerator' : 'raw';
  return {
    kind: 'invalid',
    field,
    error: indicator.type === 'text' ? 'error_text' : 'error_number',
  };
}

/** The stored answer value → form strings. */
export function toFormValues(
  indicator: Indicator,
  value: unknown,
  note: unknown,
): AnswerFormValues {
  const form: AnswerFormValues = {
    raw: '',
    numerator: '',
    denominator: '',
    note: typeof note === 'string' ? note : '',
  };
  if (value === null || value === undefined) return form;
  if (indicator.type === 'boolean')
    return { ...form, raw: value === true ? 'yes' : value === false ? 'no' : '' };
  if (indicator.type === 'ratio' && typeof value === 'object') {
    const ratio = value as { numerator?: unknown; denominator?: unknown };
    const text = (part: unknown) => (typeof part === 'number' ? String(part) : '');
    return { ...form, numerator: text(ratio.numerator), denominator: text(ratio.denominator) };
  }
  return {
    ...form,
    raw: typeof value === 'string' || typeof value === 'number' ? String(value) : '',
  };
}

/** The form schema for react-hook-form: errors carry i18n keys as messages. */
export function answerFormSchema(indicator: Indicator) {
  return z
    .object({
      raw: z.string(),
      numerator: z.string(),
      denominator: z.string(),
      note: z.string().max(4000, 'error_text'),
    })
    .superRefine((form, ctx) => {
      const converted = toAnswerValue(indicator, form);
      if (converted.kind === 'invalid')
        ctx.addIssue({ code: 'custom', path: [converted.field], message: converted.error });
    });
}
