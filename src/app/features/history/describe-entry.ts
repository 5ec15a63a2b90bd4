import type { TFunction } from 'i18next';
import type { FieldChange, TimelineEntry } from '../../../shared/history/timeline';
import type { Indicator } from '../../../shared/schemas/template';
import { displayAnswer } from '../checklist/refusal';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "02/03/2026 08:05" (vi) or "02/03/2026, 08:05" (en-GB): when a change reached the server. */
export function formatWhen(iso: string, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}

/** A value as the officer reads it, or "(trống)" when there was none. */
export function valueText(
  t: TFunction,
  indicator: Indicator | undefined,
  value: unknown,
  language: string,
): string {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (!indicator) return typeof value === 'string' ? value : JSON.stringify(value);
  return displayAnswer(t, indicator, value, language) ?? t('history.empty');
}

export function changeText(
  t: TFunction,
  indicator: Indicator | undefined,
  change: FieldChange,
  language: string,
): string {
  return t('history.change', {
    before: valueText(t, indicator, change.before, language),
    after: valueText(t, indicator, change.after, language),
  });
}

/** One timeline entry as a sentence: what happened (who and when are shown beside it). */
export function describeEntry(
  t: TFunction,
  entry: TimelineEntry,
  indicatorOf: (id: string) => Indicator | undefined,
  language: string,
): string {
  switch (entry.kind) {
    case 'answer': {
      const indicator = indicatorOf(entry.indicatorId);
      const parts = [
        entry.value &&
          t('history.valueChange', { change: changeText(t, indicator, entry.value, language) }),
        entry.note &&
          t('history.noteChange', { change: changeText(t, undefined, entry.note, language) }),
      ].filter(Boolean);
      return t('history.answer', { indicator: entry.indicatorId, what: parts.join('; ') });
    }
    case 'evidence':
      return t(`history.evidence_${entry.change}`, { indicator: entry.indicatorId ?? '?' });
    case 'decision': {
      const reasons = entry.indicatorReasons.map((item) =>
        t('history.indicatorReason', { indicator: item.indicatorId, reason: item.reason }),
      );
      const why = [entry.reason, ...reasons].filter(Boolean).join(' · ');
      const step = t(`history.event_${entry.event}`);
      return why ? t('history.decisionWithReason', { step, why }) : step;
    }
    case 'comment':
      return entry.indicatorId
        ? t('history.commentOn', { indicator: entry.indicatorId, text: entry.text })
        : t('history.comment', { text: entry.text });
  }
}
