// @vitest-environment node
// The committed district map is exactly what `npm run map` makes from the shared polygons, names
// every district of the shipped unit tree, and stays within its size budget. The polygons live
// in data/sources/ (or SHARED_DATA_DIR): without them this fails, never skips,
// because a check that quietly does not run is no check.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MapData } from '../../src/shared/map/schema';
import { UnitTreeNode } from '../../src/shared/schemas/org';
import { MAP_OUTPUT_PATH, mapSourcePath, readMapSource, renderMap } from '../../scripts/map-build';
import { SHIPPED_UNITS_FILE } from '../../sync-server/services/shipped-data';

/** The budget of issue 10: the map is fetched by every dashboard visitor, on 3G phones too. */
const MAP_BUDGET_BYTES = 40_000;

const unitsFile = path.resolve(import.meta.dirname, '../../data', SHIPPED_UNITS_FILE);

describe('the shipped district map', () => {
  it('is byte for byte what the script makes from the shared polygons', async () => {
    const source = mapSourcePath();
    expect(
      existsSync(source),
      `the district polygons are missing at ${source}: they ship in data/sources/ (or set SHARED_DATA_DIR)`,
    ).toBe(true);
    const made = renderMap(await readMapSource(source));
    expect(await readFile(MAP_OUTPUT_PATH, 'utf8')).toBe(made);
    // Twice in a row, the same bytes: nothing in the output depends on time or order of runs.
    expect(renderMap(await readMapSource(source))).toBe(made);
  });

  it("draws every district of the unit tree's district level, and no other", async () => {
    const map = MapData.parse(JSON.parse(await readFile(MAP_OUTPUT_PATH, 'utf8')));
    const tree = UnitTreeNode.parse(JSON.parse(await readFile(unitsFile, 'utf8')));
    const districtCodes = (tree.children ?? [])
      .filter((unit) => unit.level === 'district')
      .map((unit) => unit.code)
      .sort();
    expect(districtCodes).toHaveLength(7);
    expect(map.province.code).toBe(tree.code);
    expect(map.districts.map((district) => district.code).sort()).toEqual(districtCodes);
    for (const district of map.districts) expect(district.path).toMatch(/^M\d+ \d+L/);
  });

  it(`stays under ${MAP_BUDGET_BYTES.toLocaleString('en')} bytes`, async () => {
    expect((await stat(MAP_OUTPUT_PATH)).size).toBeLessThan(MAP_BUDGET_BYTES);
  });
});
