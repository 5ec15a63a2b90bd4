import { describe, expect, it } from 'vitest';
import { formatDate, formatShortDateTime, formatWallClock } from '../../../src/app/ui/format-date';

describe('date formatting', () => {
  it('writes calendar dates as people do, whatever the time zone', () => {
    expect(formatDate('2025-12-31', 'vi')).toBe('31/12/2025');
    expect(formatDate('2025-01-01', 'en')).toBe('01/01/2025');
  });

  it("shows a capture time as the camera's clock read it where the photo was taken", () => {
    // 09:15 in Bác Ái (+07:00) stays 09:15 on a phone set to any other zone.
    expect(formatWallClock('2025-06-03T09:15:00+07:00', 'vi')).toContain('09:15');
    expect(formatWallClock('2025-06-03T09:15:00+07:00', 'vi')).toContain('03/06/2025');
    expect(formatWallClock('2025-06-03T23:50:00-05:00', 'en')).toContain('03/06/2025');
  });
});

describe('short date-times', () => {
  it('leave the year out and keep day/month with slashes', () => {
    const moment = new Date(2026, 11, 2, 7, 40);
    expect(formatShortDateTime(moment.toISOString(), 'vi')).toBe('07:40 02/12');
    expect(formatShortDateTime(moment.toISOString(), 'en')).toBe('02/12, 07:40');
  });
});
