import { describe, expect, it } from 'vitest';
import { flattenUnitTree } from '../../../src/shared/hierarchy/paths';
import {
  checkMerge,
  successorOf,
  sumOntoSuccessors,
  type UnitMerge,
} from '../../../src/shared/hierarchy/merge';
import type { UnitTreeNode } from '../../../src/shared/schemas/org';

const commune = (code: string): UnitTreeNode => ({ code, name: `Xã ${code}`, level: 'commune' });

/** Before July 2025: province → district → commune. */
const threeLevel = flattenUnitTree({
  code: '58',
  name: 'Ninh Thuận',
  level: 'province',
  children: [
    {
      code: '584',
      name: 'Bác Ái',
      level: 'district',
      children: ['22783', '22786', '22789'].map(commune),
    },
    {
      code: '582',
      name: 'Phan Rang',
      level: 'district',
      children: ['22738', '22741'].map(commune),
    },
  ],
});

/** After: province → commune. */
const twoLevel = flattenUnitTree({
  code: '56',
  name: 'Khánh Hòa',
  level: 'province',
  children: ['22783', '22786', '22789', '30001'].map(commune),
});

const merge = (sources: string[], target: string): UnitMerge => ({
  effectiveOn: '2025-07-01',
  sources,
  target,
});

describe('checkMerge on a 3-level tree', () => {
  it('accepts communes merged into a commune, across districts too', () => {
    expect(checkMerge(threeLevel, [], merge(['22786', '22789'], '22783'))).toEqual({ ok: true });
    expect(checkMerge(threeLevel, [], merge(['22738'], '22783'))).toEqual({ ok: true });
    expect(checkMerge(threeLevel, [], merge(['582'], '584'))).toEqual({ ok: true });
  });

  it('refuses, saying why', () => {
    expect(checkMerge(threeLevel, [], merge(['584'], '22783'))).toEqual({
      ok: false,
      code: 'into_own_descendant',
      unit: '584',
    });
    expect(checkMerge(threeLevel, [], merge(['99999'], '22783'))).toEqual({
      ok: false,
      code: 'unknown_unit',
      unit: '99999',
    });
    expect(checkMerge(threeLevel, [], merge(['22786'], '00000'))).toMatchObject({
      code: 'unknown_unit',
      unit: '00000',
    });
    expect(checkMerge(threeLevel, [], merge(['22783'], '22783'))).toMatchObject({ code: 'self' });
    expect(checkMerge(threeLevel, [], merge(['22738'], '582'))).toMatchObject({
      code: 'level_mismatch',
      unit: '22738',
    });
    expect(checkMerge(threeLevel, [], merge([], '22783'))).toMatchObject({ code: 'no_sources' });
    expect(checkMerge(threeLevel, [], merge(['22786', '22786'], '22783'))).toMatchObject({
      code: 'no_sources',
    });
  });

  it('refuses a cycle and a unit merged twice', () => {
    const earlier = [merge(['22786'], '22783'), merge(['22783'], '22738')];
    // 22738 now holds 22786's history (through 22783): merging it back into 22786 loops.
    expect(checkMerge(threeLevel, earlier, merge(['22738'], '22786'))).toEqual({
      ok: false,
      code: 'cycle',
      unit: '22786',
    });
    expect(checkMerge(threeLevel, earlier, merge(['22786'], '22741'))).toMatchObject({
      code: 'already_merged',
      unit: '22786',
    });
    expect(checkMerge(threeLevel, earlier, merge(['22741'], '22783'))).toMatchObject({
      code: 'already_merged',
      unit: '22783',
    });
  });
});

describe('checkMerge on a 2-level tree', () => {
  it('accepts communes into a commune and refuses the province into one', () => {
    expect(checkMerge(twoLevel, [], merge(['22783', '22786'], '30001'))).toEqual({ ok: true });
    expect(checkMerge(twoLevel, [], merge(['56'], '30001'))).toMatchObject({
      code: 'into_own_descendant',
      unit: '56',
    });
  });
});

describe('successors and sums', () => {
  const merges = [merge(['22783', '22786'], '30001'), merge(['30001'], '22789')];

  it('follows a unit through every merge, and leaves the others alone', () => {
    expect(successorOf('22783', merges)).toBe('22789');
    expect(successorOf('30001', merges)).toBe('22789');
    expect(successorOf('22789', merges)).toBe('22789');
    expect(successorOf('99999', merges)).toBe('99999');
  });

  it('sums the old units onto the one that exists now', () => {
    const before = new Map([
      ['22783', 500],
      ['22786', 300],
      ['22789', 200],
      ['10000', 50],
    ]);
    expect(sumOntoSuccessors(before, merges)).toEqual(
      new Map([
        ['22789', 1000],
        ['10000', 50],
      ]),
    );
  });
});
