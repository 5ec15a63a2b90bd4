import { z } from 'zod';
import type { AnswerValue } from '../../../shared/schemas/answer';
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
  | 'error_text';

const numberPattern = /^\s*\d+([.,]\d+)?\s*$/;
const toNumber = (text: string) => Number(text.trim().replace(',', '.'));

export type Conversion =
  | { kind: 'empty' }
  | { kind: 'value'; value: AnswerValue }
  | { kind: 'invalid'; field: 'raw' | 'numerator' | 'denominator'; error: InputErrorKey };

/** Form strings → the answer value (Vietnamese decimal comma accepted). */
export function toAnswerValue(indicator: Indicator, form: AnswerFormValues): Conversion {
  switch (indicator.type) {
    case 'boolean':
      return form.raw === '' ? { kind: 'empty' } : { kind: 'value', value: form.raw === 'yes' };
    case 'choice':
      return form.raw === '' ? { kind: 'empty' } : { kind: 'value', value: form.raw };
    case 'count':
      if (form.raw.trim() === '') return { kind: 'empty' };
      return /^\s*\d+\s*$/.test(form.raw)
        ? { kind: 'value', value: Number(form.raw.trim()) }
        : { kind: 'invalid', field: 'raw', error: 'error_integer' };
    case 'percent': {
      if (form.raw.trim() === '') return { kind: 'empty' };
      if (!numberPattern.test(form.raw))
        return { kind: 'invalid', field: 'raw', error: 'error_number' };
      const value = toNumber(form.raw);
      return value <= 100
        ? { kind: 'value', value }
        : { kind: 'invalid', field: 'raw', error: 'error_percent' };
    }
    case 'ratio': {
      if (form.numerator.trim() === '' && form.denominator.trim() === '') return { kind: 'empty' };
      if (!numberPattern.test(form.numerator))
        return { kind: 'invalid', field: 'numerator', error: 'error_number' };
      if (!numberPattern.test(form.denominator))
        return { kind: 'invalid', field: 'denominator', error: 'error_number' };
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
