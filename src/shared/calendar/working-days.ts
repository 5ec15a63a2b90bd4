/**
 * Working-day arithmetic on calendar dates ("YYYY-MM-DD"), for legal periods such as the public
 * comment period on nominations (Decree 98/2023/NĐ-CP, art. 46: posted at least 10 working days).
 *
 * Dates are days, not instants: each is turned into a day number (days since 1970-01-01) with
 * Date.UTC and back with the getUTC* methods, so the machine's time zone can never shift a day.
 * A working day is Monday to Friday and not in the holiday list. Make-up working Saturdays (the
 * government sometimes swaps a Friday off for a Saturday worked) are not modelled.
 *
 * The counting rule, shared by every function here: **the start day never counts**. A period of
 * N working days that begins with a publication on day S runs over the N working days after S,
 * and ends on the N-th of them. This follows the Civil Code 2015, art. 147(1): for a period in
 * days the first day is not counted, counting starts the next day. A publication on a Saturday or
 * a holiday therefore still gives the full period, starting with the next working day.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a valid "YYYY-MM-DD", or null when it is malformed or not a real day. */
function dayNumberOrNull(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to 2 March; a real day survives the round trip unchanged.
  // Years below 100 are excluded because Date.UTC maps them to 19xx.
  if (
    year < 100 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return null;
  }
  return ms / MS_PER_DAY;
}

function dayNumber(date: string, what: string): number {
  const n = dayNumberOrNull(date);
  if (n === null)
    throw new RangeError(`${what} is not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return n;
}

function isoDateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True for a well-formed "YYYY-MM-DD" that names a real calendar day. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && dayNumberOrNull(value) !== null;
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 (day 0) was a Thursday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function holidaySet(holidays: readonly string[]): Set<number> {
  // A malformed holiday is a configuration error: refusing it beats silently working that day.
  return new Set(holidays.map((holiday) => dayNumber(holiday, 'holiday')));
}

function isWorking(day: number, holidays: ReadonlySet<number>): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !holidays.has(day);
}

/** Monday to Friday and not a holiday. Throws RangeError on a malformed date. */
export function isWorkingDay(date: string, holidays: readonly string[]): boolean {
  return isWorking(dayNumber(date, 'date'), holidaySet(holidays));
}

/**
 * The date of the `days`-th working day after `startDate` (the start day itself never counts).
 * `days` = 0 gives `startDate` back unchanged, whatever day it is.
 * Example: published Monday 2025-04-28, 10 working days, holidays 30/4 and 1/5 → 2025-05-14.
 * Throws RangeError on a malformed date or a `days` that is not a non-negative safe integer.
 */
export function addWorkingDays(
  startDate: string,
  days: number,
  holidays: readonly string[],
): string {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`days must be a non-negative integer, got ${String(days)}`);
  }
  const off = holidaySet(holidays);
  let day = dayNumber(startDate, 'start date');
  for (let left = days; left > 0;) {
    day++;
    if (isWorking(day, off)) left--;
  }
  return isoDateOf(day);
}

/**
 * The number of working days d with a < d ≤ b (the same start-day rule as addWorkingDays, so
 * `workingDaysBetween(a, addWorkingDays(a, n, h), h) === n`). Negative when b is before a: minus
 * the working days in (b, a]. Throws RangeError on a malformed date.
 */
export function workingDaysBetween(a: string, b: string, holidays: readonly string[]): number {
  const from = dayNumber(a, 'first date');
  const to = dayNumber(b, 'second date');
  if (to < from) return -workingDaysBetween(b, a, holidays);
  const off = holidaySet(holidays);
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorking(day, off)) count++;
  return count;
}

/** Vietnam has kept UTC+7 all year since 1975: no daylight saving to account for. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar date in Vietnam at an instant given as an ISO date-time with `Z` or an offset,
 * e.g. "2025-05-14T18:30:00Z" → "2025-05-15". Legal periods are counted in the province's
 * days, whatever the zone of the server or the phone. Throws RangeError on a malformed instant.
 */
export function vietnamDateOf(instant: string): string {
  // Date.parse is only trusted for strings that state their zone: without one it uses local time.
  const ms = /(?:Z|[+-]\d{2}:\d{2})$/.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${JSON.stringify(instant)}`);
  return isoDateOf(Math.floor((ms + VIETNAM_OFFSET_MS) / MS_PER_DAY));
}
