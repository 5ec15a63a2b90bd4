import { describe, expect, it } from 'vitest';
import { capturedOutsidePeriod } from '../../../src/shared/review/flags';

const period = { start: '2025-01-01', end: '2025-12-31' };

describe('capturedOutsidePeriod', () => {
  it('flags photos taken before the start or after the end of the campaign period', () => {
    expect(capturedOutsidePeriod('2024-12-31T23:59:00+07:00', period)).toBe(true);
    expect(capturedOutsidePeriod('2026-01-01T00:00:00+07:00', period)).toBe(true);
  });

  it('does not flag photos inside the period, its first and last days included', () => {
    expect(capturedOutsidePeriod('2025-01-01T06:00:00+07:00', period)).toBe(false);
    expect(capturedOutsidePeriod('2025-12-31T22:00:00+07:00', period)).toBe(false);
    expect(capturedOutsidePeriod('2025-06-15T10:00:00Z', period)).toBe(false);
  });

  it('reads the local date the camera wrote, not the UTC one', () => {
    // 06:00 on 1 January in Vietnam is 23:00 on 31 December in UTC: still inside the period.
    expect(capturedOutsidePeriod('2025-01-01T06:00:00+07:00', period)).toBe(false);
  });

  it('does not flag a photo whose capture time is unknown', () => {
    expect(capturedOutsidePeriod(undefined, period)).toBe(false);
  });
});
