import { describe, expect, it } from 'vitest';
import { computeDashboard, type SubmissionFacts } from '../../../src/shared/reports/dashboard';
import { compareWithPrevious } from '../../../src/shared/reports/previous';
import type { OrgLevel, OrgUnit } from '../../../src/shared/schemas/org';

/**
 * Dashboards across a merge: 22786 and 22792 were merged into 22783 (Bác Ái), and district 582
 * was abolished with its only commune merged into a new commune under the province. The 2025
 * campaign keeps the old communes; the 2026 one lists the merged ones, compared with the sum.
 */
function unit(code: string, level: OrgLevel, parent: OrgUnit | null): OrgUnit {
  return {
    id: code,
    code,
    name: code,
    level,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${code}/`,
  };
}
const province = unit('58', 'province', null);
const bacAi = unit('584', 'district', province);
const phanRang = unit('582', 'district', province);
const units = [
  province,
  bacAi,
  unit('22783', 'commune', bacAi),
  unit('22786', 'commune', bacAi),
  unit('22792', 'commune', bacAi),
  phanRang,
  unit('22738', 'commune', phanRang),
  unit('99001', 'commune', province),
];
const merges = [
  { effectiveOn: '2025-07-01', sources: ['22786', '22792'], target: '22783' },
  { effectiveOn: '2025-07-01', sources: ['22738'], target: '99001' },
];
const retired = new Set(merges.flatMap((m) => m.sources));
const approved = (score: number): SubmissionFacts => ({ status: 'approved', score });

function dashboardOf(assignedUnitIds: string[], submissions: Record<string, SubmissionFacts>) {
  return computeDashboard({
    campaign: { id: 'c', deadline: '2026-12-31T10:00:00.000Z', assignedUnitIds },
    rootId: '58',
    units,
    submissions: new Map(Object.entries(submissions)),
    pillars: [],
    maxScore: 1000,
    asOfSeq: 1,
    computedAt: '2026-12-01T00:00:00.000Z',
    retiredUnitIds: retired,
  });
}

describe('a dashboard after a merge', () => {
  it('keeps the old communes in the campaign run before the merge', () => {
    const before = dashboardOf(['22783', '22786', '22792', '22738'], {
      '22783': approved(700),
      '22786': approved(500),
    });
    expect(before.units.map((u) => u.unitId)).toEqual([
      '58',
      '582',
      '22738',
      '584',
      '22783',
      '22786',
      '22792',
      '99001',
    ]);
    expect(before.units[0]).toMatchObject({ expected: 4, scored: 2 });
  });

  it('lists the merged unit, not the old ones, in a later campaign; an emptied district goes', () => {
    const after = dashboardOf(['22783', '99001'], { '22783': approved(800) });
    expect(after.units.map((u) => u.unitId)).toEqual(['58', '584', '22783', '99001']);
    expect(after.units.find((u) => u.unitId === '584')?.childIds).toEqual(['22783']);
  });

  it('compares each merged commune with the old ones summed', () => {
    const previous = compareWithPrevious({
      campaignId: 'cds-2025',
      assignedUnitIds: ['22783', '22786', '22792', '22738'],
      submissions: new Map([
        ['22783', approved(700)],
        ['22786', approved(500.5)],
        ['22792', { status: 'submitted', score: 900 }],
      ]),
      merges,
      currentCommuneIds: new Set(['22783', '99001']),
    });
    expect(previous).toEqual({
      campaignId: 'cds-2025',
      units: [
        {
          unitId: '22783',
          fromUnitIds: ['22783', '22786', '22792'],
          expected: 3,
          scored: 2,
          scoreSum: 1200.5,
          averageScore: 600.25,
        },
        {
          unitId: '99001',
          fromUnitIds: ['22738'],
          expected: 1,
          scored: 0,
          scoreSum: 0,
          averageScore: null,
        },
      ],
    });
  });
});
