/**
 * Points are kept to 2 decimals (12.5, 6.25). Rounding goes through toPrecision(15) first so
 * that binary noise such as 1.005 × 100 = 100.49999999999999 rounds the way a person expects.
 */
export function round2(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Number((value * 100).toPrecision(15))) / 100;
}

/**
 * Adds 2-decimal numbers exactly by summing integer hundredths, so a total of many indicators
 * never drifts (0.1 + 0.2 is 0.3 here, not 0.30000000000000004).
 */
export function sum2(values: Iterable<number>): number {
  let cents = 0;
  for (const value of values) cents += Math.round(round2(value) * 100);
  return cents / 100;
}

/** Clamps into [min, max]; NaN becomes min so that garbage can never score. */
export function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, value));
}
