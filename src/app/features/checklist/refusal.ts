import type { TFunction } from 'i18next';
import type { RejectionCode } from '../../../shared/protocol/sync';
import type { Indicator } from '../../../shared/schemas/template';
import type { OutboxEntry } from '../../db/database';
import { localized } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { toAnswerValue, toFormValues } from './answer-form';

type RefusalCode = RejectionCode | 'VALIDATION_FAILED';

/**
 * Why the server refused a change, as a sentence in the officer's language. The server's own
 * message is for logs and developers (it is English and technical); the phone derives the words
 * from the stable code — and, for a refused answer, from the same shared schema the server used,
 * so "the number is too large" is said exactly as the form would say it.
 */
export function refusalReason(t: TFunction, entry: OutboxEntry, indicator?: Indicator): string {
  const code: RefusalCode = entry.rejection?.code ?? 'VALIDATION_FAILED';
  const mutation = entry.mutation;
  if (code === 'VALIDATION_FAILED' && indicator && mutation.type === 'answer.set') {
    const typed = toAnswerValue(indicator, toFormValues(indicator, mutation.fields.value, ''));
    if (typed.kind === 'invalid') return t(`input.${typed.error}`);
  }
  return t(`refused.reason_${code}`);
}

/** An answer value as the officer reads it: "7", "92,5", "30/40", "Có", an option's label. */
export function displayAnswer(
  t: TFunction,
  indicator: Indicator,
  value: unknown,
  language: string,
): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return formatNumber(value, language);
  if (typeof value === 'boolean') return value ? t('input.yes') : t('input.no');
  if (typeof value === 'string') {
    const option =
      indicator.type === 'choice' ? indicator.options.find((o) => o.value === value) : undefined;
    return option ? localized(option.label, language) : value;
  }
  const ratio = toFormValues(indicator, value, '');
  return indicator.type === 'ratio'
    ? `${ratio.numerator}/${ratio.denominator}`
    : JSON.stringify(value);
}
