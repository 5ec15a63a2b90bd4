/**
 * "15 phút" / "15 minutes": a wait the server asked for, in the largest unit that reads
 * naturally, rounded up so the user never retries too early. Intl knows each language's plural
 * forms, which i18n keys per unit would have to repeat.
 */
export function formatWait(seconds: number, language: string): string {
  const [value, unit] =
    seconds < 60
      ? [Math.max(1, Math.ceil(seconds)), 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(
    value,
  );
}
