import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one place numbers become text. Every point, score, count, size and percent the officer
 * sees goes through here, so "1.000" and "37,5" (Vietnamese) never sit next to "0/1000" or
 * "37.5" on the same screen. English uses en-GB: 1,000 and 37.5.
 */
export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}

// Intl.NumberFormat is costly to build and the checklist formats hundreds of numbers per render.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(language: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${localeOf(language)}:${fractionDigits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(localeOf(language), {
      maximumFractionDigits: fractionDigits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Points and plain numbers: up to 2 decimals, as the scoring keeps them (12,5 · 6,25). */
export function formatNumber(value: number, language: string, fractionDigits = 2): string {
  return numberFormat(language, fractionDigits).format(value);
}

/** A percent given as 0–100 (not 0–1), to at most one decimal: 37,5% (vi), 37.5% (en). */
export function formatPercent(percent: number, language: string): string {
  return `${formatNumber(percent, language, 1)}%`;
}

/** Bytes as people read them. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, language, 1)} ${units[unit]}`;
}

/** A clock time (14:05) in the app's language. */
export function formatTime(ms: number, language: string): string {
  return new Date(ms).toLocaleTimeString(localeOf(language), {
    hour: '2-digit',
    minute: '2-digit',
  });
}

export interface Formatters {
  number: (value: number, fractionDigits?: number) => string;
  percent: (percent: number) => string;
  bytes: (bytes: number) => string;
  time: (ms: number) => string;
}

/** The formatters bound to the current language; re-rendered when the language changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      number: (value, fractionDigits) => formatNumber(value, language, fractionDigits),
      percent: (percent) => formatPercent(percent, language),
      bytes: (bytes) => formatBytes(bytes, language),
      time: (ms) => formatTime(ms, language),
    }),
    [language],
  );
}
