/**
 * DATA, NOT LOGIC: the days off of Vietnamese state offices in 2025 and 2026, the default holiday
 * list for working-day periods (calendar/working-days.ts). A deployment may replace or extend it;
 * nothing may assume this list is complete or final.
 *
 * Sources and caveats:
 * - Statutory holidays: Labour Code 2019, art. 112 (1/1; Tết 5 days; Hùng Kings 10/3 lunar; 30/4;
 *   1/5; National Day 2/9 plus one day before or after). A holiday that falls on a weekend is
 *   made up on the next working day (art. 111(3)).
 * - Which five days of Tết, which day next to 2/9 and any swap of a working day are decided by the
 *   Prime Minister each year (announced by the Ministry of Home Affairs, formerly the Ministry of
 *   Labour, Invalids and Social Affairs). Check each year's announcement and edit this list.
 * - Only weekdays are listed: weekends are never working days, so listing them would change no
 *   count. The announced breaks, weekends included, are given in the comments.
 * - Swaps move a day off onto a weekday and make a Saturday a working day ("làm bù"). The
 *   weekday off is listed; the make-up Saturday is not modelled, so a period that spans it comes
 *   out one working day longer than the office calendar. That errs on the safe side for a
 *   "at least N working days" rule.
 */

export interface PublicHoliday {
  /** YYYY-MM-DD, a weekday. */
  date: string;
  /** The Vietnamese name, as announced. */
  name: string;
}

export const VN_PUBLIC_HOLIDAYS: readonly PublicHoliday[] = [
  // 2025
  { date: '2025-01-01', name: 'Tết Dương lịch' },
  // Tết Ất Tỵ: break Sat 25/1 to Sun 2/2/2025 (26 tháng Chạp to mùng 5; lunar new year's day
  // Wed 29/1), so every weekday from 27/1 to 31/1.
  { date: '2025-01-27', name: 'Tết Nguyên đán' },
  { date: '2025-01-28', name: 'Tết Nguyên đán' },
  { date: '2025-01-29', name: 'Tết Nguyên đán' },
  { date: '2025-01-30', name: 'Tết Nguyên đán' },
  { date: '2025-01-31', name: 'Tết Nguyên đán' },
  // 10/3 Ất Tỵ.
  { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2025-04-30', name: 'Ngày Chiến thắng' },
  { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
  // Break 30/4 to 4/5/2025 for state offices: Fri 2/5 swapped with the make-up Saturday 26/4.
  { date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4 – 1/5' },
  // Break Sat 30/8 to Tue 2/9/2025; the second day was 1/9.
  { date: '2025-09-01', name: 'Quốc khánh' },
  { date: '2025-09-02', name: 'Quốc khánh' },

  // 2026 — derived from the statutes and the lunar calendar; confirm against the announcements.
  { date: '2026-01-01', name: 'Tết Dương lịch' },
  // Tết Bính Ngọ: lunar new year's day is Tue 17/2/2026. The five weekdays 16/2 (29 tháng Chạp)
  // to 20/2 (mùng 4) make a break from Sat 14/2 to Sun 22/2 with the weekends. The official
  // break is decided by the government each year: replace these when it is announced.
  { date: '2026-02-16', name: 'Tết Nguyên đán' },
  { date: '2026-02-17', name: 'Tết Nguyên đán' },
  { date: '2026-02-18', name: 'Tết Nguyên đán' },
  { date: '2026-02-19', name: 'Tết Nguyên đán' },
  { date: '2026-02-20', name: 'Tết Nguyên đán' },
  // 10/3 Bính Ngọ is Sunday 26/4/2026, made up on Monday 27/4.
  { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (nghỉ bù)' },
  { date: '2026-04-30', name: 'Ngày Chiến thắng' },
  { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
  // Wed 2/9/2026. The second day (Tue 1/9 or Thu 3/9) is chosen by the Prime Minister: add it
  // once announced.
  { date: '2026-09-02', name: 'Quốc khánh' },
];

/** The dates alone, the form addWorkingDays and friends take. */
export const VN_HOLIDAY_DATES: readonly string[] = VN_PUBLIC_HOLIDAYS.map((h) => h.date);
