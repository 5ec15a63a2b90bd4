import type { Campaign } from '../schemas/campaign';

/**
 * Things a reviewer should look at twice about a piece of evidence. Pure and shared so that a
 * report on the server can one day say the same as the review screen. Further flags (the same
 * photo used elsewhere) are added here as their own functions.
 */

/**
 * Whether a photo was taken outside the campaign's period. The date compared is the one written
 * in `capturedAt` — the camera's local date, since the phone keeps the offset the photo was taken
 * at (photo-exif.ts) — so a photo taken at 06:00 on 1 January in Vietnam is not "last year" just
 * because it was 23:00 UTC. Unknown capture times are not flagged: absence is shown separately.
 */
export function capturedOutsidePeriod(
  capturedAt: string | undefined,
  period: Campaign['period'],
): boolean {
  if (!capturedAt) return false;
  const day = capturedAt.slice(0, 10);
  // ISO dates compare correctly as strings.
  return day < period.start || day > period.end;
}
