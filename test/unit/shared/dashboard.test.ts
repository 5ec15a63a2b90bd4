import { describe, expect, it } from 'vitest';
import {
  competitionRanks,
  computeDashboard,
  type SubmissionFacts,
} from '../../../src/shared/reports/dashboard';
import { DashboardFigures, type UnitFigures } from '../../../src/shared/reports/figures';
import type { OrgLevel, OrgUnit } from '../../../src/shared/schemas/org';

const DEADLINE = '2026-03-31T16:59:59.000Z';
const PILLARS = [
  { pillarId: 'P1', maxPoints: 600 },
  { pillarId: 'P2', maxPoints: 400 },
];

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

const facts = (
  status: SubmissionFacts['status'],
  score?: number,
  p1?: number,
  firstSubmittedAt?: string,
): SubmissionFacts => ({
  status,
  score,
  pillarScores:
    score === undefined || p1 === undefined
      ? undefined
      : [
          { pillarId: 'P1', points: p1, maxPoints: 600 },
          { pillarId: 'P2', points: score - p1, maxPoints: 400 },
        ],
  evidenceCount: score === undefined ? undefined : 10,
  firstSubmittedAt,
});

function dashboard(units: OrgUnit[], submissions: Record<string, SubmissionFacts>) {
  const root = units[0];
  if (!root) throw new Error('no units');
  const figures = computeDashboard({
    campaign: {
      id: 'c',
      deadline: DEADLINE,
      assignedUnitIds: units.filter((u) => u.level === 'commune').map((u) => u.id),
    },
    rootId: root.id,
    units,
    submissions: new Map(Object.entries(submissions)),
    pillars: PILLARS,
    maxScore: 1000,
    asOfSeq: 42,
    computedAt: '2026-04-10T00:00:00.000Z',
  });
  // What goes over the wire and into the phone's cache is valid by the shared schema.
  expect(DashboardFigures.parse(figures)).toEqual(figures);
  const byId = new Map(figures.units.map((f) => [f.unitId, f]));
  return { figures, of: (id: string) => byId.get(id) as UnitFigures };
}

describe('dashboard figures on a 3-level tree (hand-computed)', () => {
  const province = unit('58', 'province', null);
  const d1 = unit('D1', 'district', province);
  const d2 = unit('D2', 'district', province);
  const [a1, a2, a3, a4] = ['A1', 'A2', 'A3', 'A4'].map((c) => unit(c, 'commune', d1)) as [
    OrgUnit,
    OrgUnit,
    OrgUnit,
    OrgUnit,
  ];
  const [b1, b2, b3] = ['B1', 'B2', 'B3'].map((c) => unit(c, 'commune', d2)) as [
    OrgUnit,
    OrgUnit,
    OrgUnit,
  ];
  const { figures, of } = dashboard([province, d1, a1, a2, a3, a4, d2, b1, b2, b3], {
    A1: facts('accepted', 800, 500, '2026-03-01T02:00:00.000Z'), // on time, scored
    A2: facts('approved', 600, 400, '2026-04-02T02:00:00.000Z'), // late, scored
    A3: facts('submitted', 900, 600, '2026-03-10T02:00:00.000Z'), // on time, NOT scored
    // A4: not started
    B1: facts('approved', 800, 450, DEADLINE), // exactly at the deadline: on time
    B2: facts('returned', 700, 400, '2026-03-05T02:00:00.000Z'), // on time, NOT scored
    B3: facts('draft'), // never sent
  });

  it('completeness and timeliness count the expected communes', () => {
    expect(of('58')).toMatchObject({ expected: 7, submitted: 5, onTime: 4 });
    expect(of('D1')).toMatchObject({ expected: 4, submitted: 3, onTime: 2 });
    expect(of('D2')).toMatchObject({ expected: 3, submitted: 2, onTime: 2 });
    expect(of('A4')).toMatchObject({ expected: 1, submitted: 0, onTime: 0 });
  });

  it('counts every status, "not started" included', () => {
    expect(of('58').statusCounts).toEqual({
      notStarted: 1,
      draft: 1,
      submitted: 1,
      returned: 1,
      approved: 2,
      accepted: 1,
    });
  });

  it('averages totals and pillars over approved and accepted communes only', () => {
    // (800 + 600 + 800) / 3; P1 (500 + 400 + 450) / 3; P2 (300 + 200 + 350) / 3.
    expect(of('58')).toMatchObject({ scored: 3, averageScore: 733.33 });
    expect(of('58').pillarAverages).toEqual([
      { pillarId: 'P1', average: 450 },
      { pillarId: 'P2', average: 283.33 },
    ]);
    // District 1: A1 and A2 (A3's 900 is only submitted). District 2: B1 (B2 was returned).
    expect(of('D1')).toMatchObject({ scored: 2, averageScore: 700 });
    expect(of('D2')).toMatchObject({ scored: 1, averageScore: 800 });
    expect(of('A3')).toMatchObject({ score: null, evidenceCount: null });
    expect(of('A1')).toMatchObject({ score: 800, evidenceCount: 10 });
  });

  it('ranks communes by total with ties ("1, 1, 3") and districts by their average', () => {
    expect(['A1', 'B1', 'A2', 'A3', 'A4', 'B2', 'B3'].map((id) => of(id).rank)).toEqual([
      1,
      1,
      3,
      null,
      null,
      null,
      null,
    ]);
    expect([of('D2').rank, of('D1').rank, of('58').rank]).toEqual([1, 2, null]);
  });

  it('bins the scored totals in tenths of the maximum', () => {
    expect(figures.distribution).toHaveLength(10);
    expect(figures.distribution.filter((bin) => bin.count > 0)).toEqual([
      { from: 600, to: 700, count: 1 },
      { from: 800, to: 900, count: 2 },
    ]);
  });

  it('lists the root first, then the tree in path order, with children for drill-down', () => {
    expect(figures.units.map((f) => f.unitId)).toEqual([
      '58',
      'D1',
      'A1',
      'A2',
      'A3',
      'A4',
      'D2',
      'B1',
      'B2',
      'B3',
    ]);
    expect(of('58').childIds).toEqual(['D1', 'D2']);
    expect(of('D2').childIds).toEqual(['B1', 'B2', 'B3']);
  });
});

describe('dashboard figures on a 2-level tree', () => {
  const province = unit('58', 'province', null);
  const communes = ['C1', 'C2', 'C3', 'C4'].map((c) => unit(c, 'commune', province));
  const { of } = dashboard([province, ...communes], {
    C1: facts('approved', 500, 300, '2026-03-01T00:00:00.000Z'),
    C2: facts('accepted', 500, 250, '2026-03-02T00:00:00.000Z'),
    C3: facts('approved', 400, 200, '2026-04-01T00:00:00.000Z'),
  });

  it('has no level between: the province holds the communes, which rank among themselves', () => {
    expect(of('58')).toMatchObject({ expected: 4, submitted: 3, onTime: 2, averageScore: 466.67 });
    expect(['C1', 'C2', 'C3', 'C4', '58'].map((id) => of(id).rank)).toEqual([1, 1, 3, null, null]);
  });
});

describe('competitionRanks', () => {
  it('shares a rank between equal values and skips the next, ordering ties by code', () => {
    const ranks = competitionRanks([
      { unitId: 'x', code: '3', value: 10 },
      { unitId: 'y', code: '1', value: 20 },
      { unitId: 'z', code: '2', value: 10 },
      { unitId: 'w', code: '4', value: 5 },
      { unitId: 'v', code: '5', value: null },
    ]);
    expect([...ranks]).toEqual([
      ['y', 1],
      ['z', 2],
      ['x', 2],
      ['w', 4],
    ]);
  });
});
