import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from './format';

// Dates beside format.ts rather than in it: only screens that load on demand show them, and
// whatever the first route imports is downloaded before anything appears.

/** A moment as day and time (14:05 02/03/2026 in Vietnamese), in this device's time zone. */
export function formatDateTime(iso: string, language: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleString(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A calendar date (`YYYY-MM-DD`, no time zone) as people write it: 31/12/2025. */
export function formatDate(isoDate: string, language: string): string {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  return new Date(ms).toLocaleDateString(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export interface DateFormatters {
  dateTime: (iso: string) => string;
  date: (isoDate: string) => string;
}

/** The date formatters bound to the current language. */
export function useDateFormat(): DateFormatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      dateTime: (iso) => formatDateTime(iso, language),
      date: (isoDate) => formatDate(isoDate, language),
    }),
    [language],
  );
}
