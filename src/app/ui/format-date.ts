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

/** A recent moment, the year left out (an inbox line on a 360-px phone): 07:40 02/12. */
export function formatShortDateTime(iso: string, language: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const moment = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  // Written out: some engines give Vietnamese day and month as "02-12" without the year.
  const day = `${two(moment.getDate())}/${two(moment.getMonth() + 1)}`;
  const time = `${two(moment.getHours())}:${two(moment.getMinutes())}`;
  return language === 'en' ? `${day}, ${time}` : `${time} ${day}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/**
 * A photo's capture time as the camera's clock read it where it was taken: the phone keeps the
 * offset (photo-exif.ts), and 09:15 in Bác Ái is what the officer saw, whatever this device's
 * time zone is.
 */
export function formatWallClock(iso: string, language: string): string {
  const match = WALL_CLOCK.exec(iso);
  if (!match) return formatDateTime(iso, language);
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(ms).toLocaleString(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
}

export interface DateFormatters {
  dateTime: (iso: string) => string;
  shortDateTime: (iso: string) => string;
  wallClock: (iso: string) => string;
  date: (isoDate: string) => string;
}

/** The date formatters bound to the current language. */
export function useDateFormat(): DateFormatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      dateTime: (iso) => formatDateTime(iso, language),
      shortDateTime: (iso) => formatShortDateTime(iso, language),
      wallClock: (iso) => formatWallClock(iso, language),
      date: (isoDate) => formatDate(isoDate, language),
    }),
    [language],
  );
}
