// The district map's scale: five fixed steps, values binned at their edges as the legend says,
// and every label colour readable on its fill (WCAG AA, 4.5:1).
import { describe, expect, it } from 'vitest';
import {
  binOf,
  contrastRatio,
  labelColour,
  mapBins,
  NO_DATA_FILL,
  NO_DATA_TEXT,
  SEQUENTIAL_FILLS,
} from '../../../src/shared/map/colours';
import { labelLines, shortDistrictName } from '../../../src/app/features/dashboard/map-labels';

describe('the map colour scale', () => {
  it('cuts a score into five equal steps of the maximum, a percent into steps of 20', () => {
    expect(mapBins('score', 1000).map((bin) => [bin.from, bin.to])).toEqual([
      [0, 200],
      [200, 400],
      [400, 600],
      [600, 800],
      [800, 1000],
    ]);
    expect(mapBins('completeness', 1000).map((bin) => bin.to)).toEqual([20, 40, 60, 80, 100]);
    expect(mapBins('score', 1000).map((bin) => bin.fill)).toEqual([...SEQUENTIAL_FILLS]);
  });

  it('puts a value on a step edge into the upper step, the maximum into the last', () => {
    const bins = mapBins('score', 1000);
    const step = (value: number | null | undefined) => {
      const bin = binOf(value, bins);
      return bin ? bins.indexOf(bin) : null;
    };
    expect([0, 199.99, 200, 799, 800, 1000].map(step)).toEqual([0, 0, 1, 3, 4, 4]);
    // Out of range goes to the nearest end; no value is no data.
    expect([-5, 1200].map(step)).toEqual([0, 4]);
    expect([null, undefined, Number.NaN].map(step)).toEqual([null, null, null]);
  });

  it('gets darker step by step, so it reads in greyscale too', () => {
    const contrastWithWhite = SEQUENTIAL_FILLS.map((fill) => contrastRatio(fill, '#ffffff'));
    for (let i = 1; i < contrastWithWhite.length; i++)
      expect(contrastWithWhite[i]).toBeGreaterThan(contrastWithWhite[i - 1] ?? Infinity);
  });

  it('labels every step, and no data, in a colour with at least 4.5:1 contrast', () => {
    for (const bin of mapBins('score', 1000))
      expect(contrastRatio(bin.fill, bin.text)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(NO_DATA_FILL, NO_DATA_TEXT)).toBeGreaterThanOrEqual(4.5);
    expect(labelColour('#ffffcc')).toBe('#111827');
    expect(labelColour('#0c2c84')).toBe('#ffffff');
  });

  it('computes WCAG contrast: black on white is 21, a colour on itself 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#41b6c4', '#41b6c4')).toBe(1);
    expect(() => contrastRatio('red', '#fff')).toThrow(RangeError);
  });
});

describe('district labels', () => {
  it('drops the kind of unit and breaks a long name after the space or hyphen nearest its middle', () => {
    expect(shortDistrictName('Thành phố Phan Rang-Tháp Chàm')).toBe('Phan Rang-Tháp Chàm');
    expect(shortDistrictName('Huyện Bác Ái')).toBe('Bác Ái');
    expect(shortDistrictName('Huyện')).toBe('Huyện');
    expect(labelLines('Phan Rang-Tháp Chàm')).toEqual(['Phan Rang-', 'Tháp Chàm']);
    expect(labelLines('Ninh Phước')).toEqual(['Ninh Phước']);
    expect(labelLines('Krông Pắc Đông Nam')).toEqual(['Krông Pắc', 'Đông Nam']);
  });
});
