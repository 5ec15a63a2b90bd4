// The province map's geometry on fixtures small enough to check with pencil and paper.
import { describe, expect, it } from 'vitest';
import {
  buildDistrictMap,
  MapBuildError,
  type MapBuildOptions,
} from '../../../src/shared/map/build';
import {
  douglasPeucker,
  openRing,
  roundRing,
  simplifyRing,
  type Point,
} from '../../../src/shared/map/geometry';
import { labelPoint } from '../../../src/shared/map/label';
import { ringsToPath } from '../../../src/shared/map/svg-path';
import { equirectangular } from '../../../src/shared/map/projection';
import { MapData } from '../../../src/shared/map/schema';
import { GisProvince } from '../../../src/shared/map/source';
import { simplifyShared } from '../../../src/shared/map/topology';

/** A 10 × 10 square whose top edge has a spike: its tip 3 above the edge, its base 2 wide. */
const SQUARE_WITH_SPIKE: Point[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [6, 10],
  [5, 13],
  [4, 10],
  [0, 10],
  [0, 0],
];

describe('simplifying one ring (Douglas–Peucker)', () => {
  it('keeps the spike while the tolerance is under its height, and the ring closed', () => {
    // (6,10) and (4,10) lie 12/√34 ≈ 2.06 from the chords to the tip, the tip 3 from the edge.
    expect(simplifyRing(SQUARE_WITH_SPIKE, 0.5)).toEqual(SQUARE_WITH_SPIKE);
    expect(simplifyRing(SQUARE_WITH_SPIKE, 2.5)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [5, 13],
      [0, 10],
      [0, 0],
    ]);
  });

  it('cuts the spike off once the tolerance is over its height', () => {
    expect(simplifyRing(SQUARE_WITH_SPIKE, 4)).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ]);
  });

  it('drops the points of a collinear run, whatever the tolerance', () => {
    const ring: Point[] = [
      [0, 0],
      [2, 0],
      [5, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    expect(simplifyRing(ring, 0)).toEqual(square);
    expect(douglasPeucker(ring.slice(0, 4), 0)).toEqual([
      [0, 0],
      [10, 0],
    ]);
  });

  it('drops a ring that collapses below 4 points instead of drawing a line', () => {
    // The apex is 0.4 from the base: with a tolerance of 1 only the base's two ends are left.
    expect(
      simplifyRing(
        [
          [0, 0],
          [10, 0],
          [5, 0.4],
          [0, 0],
        ],
        1,
      ),
    ).toBeNull();
    // Rounded to whole units, a ring smaller than one unit is a single point.
    expect(
      roundRing(
        [
          [0, 0],
          [0.2, 0.1],
          [0.4, 0],
          [0, 0],
        ],
        0,
      ),
    ).toBeNull();
    expect(
      roundRing(
        [
          [0.04, 0],
          [10.04, 0.06],
          [5, 8.96],
          [0.04, 0],
        ],
        1,
      ),
    ).toEqual([
      [0, 0],
      [10, 0.1],
      [5, 9],
      [0, 0],
    ]);
  });
});

describe('simplifying neighbours together', () => {
  // Two unit squares side by side, their common border a zigzag at most 0.3 off x = 10, walked
  // upwards by the left square and downwards by the right one, as in the GIS file.
  const border: Point[] = [
    [10, 0],
    [10.3, 2],
    [9.8, 4],
    [10.2, 6],
    [9.9, 8],
    [10, 10],
  ];
  const left: Point[] = [[0, 0], ...border, [0, 10], [0, 0]];
  const right: Point[] = [[10, 0], [20, 0], [20, 10], ...border.slice().reverse()];

  it('gives both rings the same border vertices where ring by ring they would differ', () => {
    // A bulge east of x = 10. Simplified on its own (tolerance 1), the left ring keeps (12,3) and
    // the right one (12,5): a gap and an overlap between them. Together both keep (12,3).
    const bulge: Point[] = [
      [10, 0],
      [12, 3],
      [12, 5],
      [11, 8],
      [10, 10],
    ];
    const west: Point[] = [[0, 0], ...bulge, [0, 10], [0, 0]];
    const east: Point[] = [[20, 0], [20, 10], ...bulge.slice().reverse(), [20, 0]];
    const onBorder = (ring: Point[] | null | undefined) =>
      openRing(ring ?? [])
        .filter(([x, y]) => bulge.some(([bx, by]) => bx === x && by === y))
        .map(([x, y]) => `${x},${y}`)
        .sort();
    expect(onBorder(simplifyRing(west, 1))).not.toEqual(onBorder(simplifyRing(east, 1)));
    const [a, b] = simplifyShared([west, east], 1);
    expect(onBorder(a)).toEqual(['10,0', '10,10', '12,3']);
    expect(onBorder(b)).toEqual(onBorder(a));
    for (const ring of [a, b]) expect(ring?.[0]).toEqual(ring?.[ring.length - 1]);
  });

  it('straightens the shared border once the tolerance is over its wiggle', () => {
    const [a, b] = simplifyShared([left, right], 0.5);
    expect(a).toEqual([
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ]);
    expect(b).toEqual([
      [10, 0],
      [20, 0],
      [20, 10],
      [10, 10],
      [10, 0],
    ]);
  });
});

describe('the projection', () => {
  it('maps the bbox to the viewBox at the equator, north up', () => {
    const { viewBox, project } = equirectangular([0, -1, 2, 1], { width: 1000, padding: 0 });
    expect(viewBox).toEqual([0, 0, 1000, 1000]);
    expect(project([0, 1])).toEqual([0, 0]);
    expect(project([2, -1])).toEqual([1000, 1000]);
    expect(project([1, 0])).toEqual([500, 500]);
  });

  it('shrinks longitude by cos(mid-latitude): at 60° a degree east is half a degree north', () => {
    const { viewBox, project } = equirectangular([10, 59, 12, 61], { width: 1020, padding: 10 });
    // 2° of longitude × cos 60° = 1 latitude degree fills the 1000 units inside the padding.
    expect(viewBox).toEqual([0, 0, 1020, 2020]);
    const [x, y] = project([11, 60]);
    expect(x).toBeCloseTo(510, 9);
    expect(y).toBeCloseTo(1010, 9);
    const [east, south] = project([12, 59]);
    expect(east).toBeCloseTo(1010, 9);
    expect(south).toBeCloseTo(2010, 9);
  });
});

describe('paths and labels', () => {
  it('writes M…L…Z per ring, the closing point left to Z', () => {
    expect(
      ringsToPath([
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 0],
        ],
        [
          [2, 2],
          [3.5, 2],
          [3, 3],
          [2, 2],
        ],
      ]),
    ).toBe('M0 0L10 0L10 10ZM2 2L3.5 2L3 3Z');
  });

  it("puts a U-shaped district's label inside the U, not in its notch", () => {
    const u: Point[] = [
      [0, 0],
      [30, 0],
      [30, 30],
      [20, 30],
      [20, 10],
      [10, 10],
      [10, 30],
      [0, 30],
      [0, 0],
    ];
    // The centroid, (15, 13.6), lies in the notch.
    const [x, y] = labelPoint([[u]]);
    expect(x > 10 && x < 20 && y > 10).toBe(false);
    expect(x > 0 && x < 30 && y > 0 && y < 30).toBe(true);
  });
});

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

function province(districts: { code: string; rings: number[][][] }[]): GisProvince {
  return GisProvince.parse({
    level1_id: '99',
    name: 'Tỉnh Thử',
    level2s: districts.map(({ code, rings }) => ({
      level2_id: code,
      name: `Huyện ${code}`,
      type: 'MultiPolygon',
      coordinates: [rings],
    })),
  });
}

const OPTIONS: MapBuildOptions = {
  sourceName: 'test.json',
  width: 1000,
  padding: 0,
  tolerance: 1,
  decimals: 0,
};

describe('building the map', () => {
  it('sorts districts by code, projects, and validates as MapData', () => {
    const map = buildDistrictMap(
      province([
        { code: '992', rings: [square(1, -0.5, 1)] },
        { code: '991', rings: [square(0, -0.5, 1)] },
      ]),
      OPTIONS,
    );
    expect(MapData.parse(map)).toEqual(map);
    // At the equator cos = 1: 500 units a degree both ways.
    expect(map.viewBox).toEqual([0, 0, 1000, 500]);
    expect(map.districts.map((d) => [d.code, d.path])).toEqual([
      ['991', 'M0 500L500 500L500 0L0 0Z'],
      ['992', 'M500 500L1000 500L1000 0L500 0Z'],
    ]);
  });

  it('never leaves a district without a shape: a sliver under tolerance keeps its corners', () => {
    // The triangle rises 0.0004° (0.2 units) over its base: simplified, it would be a line.
    const sliver = [
      [0.5, 0],
      [1.5, 0],
      [1, 0.0004],
      [0.5, 0],
    ];
    const map = buildDistrictMap(
      province([
        { code: '991', rings: [square(0, -1, 2)] },
        { code: '992', rings: [sliver] },
      ]),
      { ...OPTIONS, decimals: 1 },
    );
    expect(map.districts[1]?.path).toBe('M250 500L750 500L500 499.8Z');
  });

  it('stops when a district is smaller than the map can draw', () => {
    // 0.05 units across: rounded to whole units, one point.
    const speck = [
      [1, 0],
      [1.0001, 0],
      [1, 0.0001],
      [1, 0],
    ];
    const source = province([
      { code: '991', rings: [square(0, -1, 2)] },
      { code: '992', rings: [speck] },
    ]);
    expect(() => buildDistrictMap(source, OPTIONS)).toThrow(MapBuildError);
  });

  it('refuses a source ring that does not close', () => {
    const open = square(0, 0, 1)
      .slice(0, -1)
      .concat([[0, 0.5]]);
    expect(() => province([{ code: '991', rings: [open] }])).toThrow(/end where it starts/);
  });
});
