import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VN_HOLIDAY_DATES, VN_PUBLIC_HOLIDAYS } from '../../../src/shared/calendar/vn-holidays';
import {
  addWorkingDays,
  isIsoDate,
  isWorkingDay,
  vietnamDateOf,
  workingDaysBetween,
} from '../../../src/shared/calendar/working-days';

// The example of the brief: the 30/4 and 1/5 holidays fall on Wednesday and Thursday.
const MAY_DAY = ['2025-04-30', '2025-05-01'];

describe('addWorkingDays', () => {
  it('counts 10 working days from the day after publication, across 30/4 – 1/5', () => {
    // Published Mon 28/4. Day 1 Tue 29/4; 30/4 and 1/5 off; 2 Fri 2/5; weekend; 3–7 Mon 5/5 –
    // Fri 9/5; weekend; 8–10 Mon 12/5 – Wed 14/5.
    expect(addWorkingDays('2025-04-28', 10, MAY_DAY)).toBe('2025-05-14');
    // The shipped list also has the swapped Friday 2/5/2025 off: one day later.
    expect(addWorkingDays('2025-04-28', 10, VN_HOLIDAY_DATES)).toBe('2025-05-15');
  });

  it('never counts the start day', () => {
    expect(addWorkingDays('2025-04-28', 1, [])).toBe('2025-04-29');
    // Published on a holiday or a Saturday: the period still gets its full length.
    expect(addWorkingDays('2025-04-30', 1, MAY_DAY)).toBe('2025-05-02');
    expect(addWorkingDays('2025-05-03', 1, [])).toBe('2025-05-05');
  });

  it('skips weekends', () => {
    expect(addWorkingDays('2025-05-02', 1, [])).toBe('2025-05-05'); // Friday → Monday
    expect(addWorkingDays('2025-05-05', 5, [])).toBe('2025-05-12');
    expect(addWorkingDays('2025-05-05', 10, [])).toBe('2025-05-19');
  });

  it('skips Tết', () => {
    // Mon 20/1/2025: 21–24/1 are days 1–4, 27–31/1 are Tết, 3–7/2 days 5–9, 10/2 day 10.
    expect(addWorkingDays('2025-01-20', 10, VN_HOLIDAY_DATES)).toBe('2025-02-10');
    expect(addWorkingDays('2025-01-24', 1, VN_HOLIDAY_DATES)).toBe('2025-02-03');
    // Tết Bính Ngọ: the week of 16–20/2/2026.
    expect(addWorkingDays('2026-02-13', 1, VN_HOLIDAY_DATES)).toBe('2026-02-23');
  });

  it('crosses months and years, leap day included', () => {
    expect(addWorkingDays('2024-02-28', 1, [])).toBe('2024-02-29');
    expect(addWorkingDays('2025-12-31', 1, VN_HOLIDAY_DATES)).toBe('2026-01-02');
  });

  it('gives the start date back for 0 days, whatever day it is', () => {
    expect(addWorkingDays('2025-05-03', 0, [])).toBe('2025-05-03');
    expect(addWorkingDays('2025-04-30', 0, MAY_DAY)).toBe('2025-04-30');
  });

  it('refuses malformed dates, holidays and day counts', () => {
    for (const bad of ['2025-02-30', '2025-2-3', '20250203', '', '2025-13-01', '0099-01-01']) {
      expect(() => addWorkingDays(bad, 1, [])).toThrow(RangeError);
    }
    expect(() => addWorkingDays('2025-04-28', 1, ['30/4/2025'])).toThrow(RangeError);
    for (const days of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays('2025-04-28', days, [])).toThrow(RangeError);
    }
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh']) {
        process.env.TZ = zone;
        expect(addWorkingDays('2025-04-28', 10, MAY_DAY)).toBe('2025-05-14');
        expect(isWorkingDay('2025-05-03', [])).toBe(false);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('workingDaysBetween and isWorkingDay', () => {
  it('counts working days after the first date up to the second', () => {
    expect(workingDaysBetween('2025-04-28', '2025-05-14', MAY_DAY)).toBe(10);
    expect(workingDaysBetween('2025-05-14', '2025-04-28', MAY_DAY)).toBe(-10);
    expect(workingDaysBetween('2025-04-28', '2025-04-28', MAY_DAY)).toBe(0);
    expect(workingDaysBetween('2025-05-02', '2025-05-04', [])).toBe(0); // Fri → Sun
  });

  it('undoes addWorkingDays', () => {
    const start = fc
      .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 60 }), (date, days) => {
        const end = addWorkingDays(date, days, VN_HOLIDAY_DATES);
        expect(workingDaysBetween(date, end, VN_HOLIDAY_DATES)).toBe(days);
        // The last day of a non-empty period is itself a working day.
        if (days > 0) expect(isWorkingDay(end, VN_HOLIDAY_DATES)).toBe(true);
      }),
    );
  });

  it('knows weekends and holidays', () => {
    expect(isWorkingDay('2025-04-28', MAY_DAY)).toBe(true); // Monday
    expect(isWorkingDay('2025-04-30', MAY_DAY)).toBe(false); // holiday
    expect(isWorkingDay('2025-05-03', MAY_DAY)).toBe(false); // Saturday
    expect(isWorkingDay('2025-05-04', MAY_DAY)).toBe(false); // Sunday
    expect(() => isWorkingDay('2025-04-31', [])).toThrow(RangeError);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
  });
});

describe('vietnamDateOf', () => {
  it('gives the day in Vietnam (UTC+7) at an instant', () => {
    expect(vietnamDateOf('2025-05-14T16:59:59Z')).toBe('2025-05-14');
    expect(vietnamDateOf('2025-05-14T17:00:00Z')).toBe('2025-05-15');
    expect(vietnamDateOf('2025-05-14T23:59:00+07:00')).toBe('2025-05-14');
    expect(vietnamDateOf('2025-05-14T08:00:00-05:00')).toBe('2025-05-14');
  });

  it('refuses an instant without a zone (it would be read as local time)', () => {
    expect(() => vietnamDateOf('2025-05-14T10:00:00')).toThrow(RangeError);
    expect(() => vietnamDateOf('not a date')).toThrow(RangeError);
  });
});

describe('the shipped Vietnamese holidays (configurable data)', () => {
  it('lists real weekdays, in order, each once', () => {
    expect(VN_HOLIDAY_DATES.every((d) => isIsoDate(d) && isWorkingDay(d, []))).toBe(true);
    expect([...VN_HOLIDAY_DATES].sort()).toEqual([...VN_HOLIDAY_DATES]);
    expect(new Set(VN_HOLIDAY_DATES).size).toBe(VN_HOLIDAY_DATES.length);
    expect(VN_PUBLIC_HOLIDAYS.every((h) => h.name.trim().length > 0)).toBe(true);
  });

  it('has the announced 2025 days off and the derived 2026 ones', () => {
    for (const date of ['2025-01-01', '2025-01-29', '2025-04-07', '2025-04-30', '2025-05-01']) {
      expect(VN_HOLIDAY_DATES).toContain(date);
    }
    expect(VN_HOLIDAY_DATES).toContain('2025-09-01');
    expect(VN_HOLIDAY_DATES).toContain('2025-09-02');
    expect(VN_HOLIDAY_DATES).toContain('2026-02-17'); // lunar new year's day, Bính Ngọ
    // Tết Ất Tỵ: the break of 25/1 – 2/2/2025 has these weekdays.
    expect(VN_HOLIDAY_DATES.filter((d) => d > '2025-01-01' && d < '2025-03-01')).toEqual([
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
  });
});
