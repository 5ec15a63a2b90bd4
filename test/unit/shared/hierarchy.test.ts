import { describe, expect, it } from 'vitest';
import {
  ancestorPaths,
  depth,
  flattenUnitTree,
  isInSubtree,
  isStrictDescendant,
  isValidPath,
  lastSegment,
  levelAboveCommune,
  makePath,
  parentPath,
  pathSegments,
  reviewerUnitOf,
} from '../../../src/shared/hierarchy/paths';
import type { OrgUnit } from '../../../src/shared/schemas/org';
import { threeLevelUnits, twoLevelUnits } from './shipped-data';

const byId = (units: OrgUnit[]) => new Map(units.map((u) => [u.id, u]));
const count = (units: OrgUnit[], level: string) => units.filter((u) => u.level === level).length;

describe('path helpers', () => {
  it('build and take apart materialised paths', () => {
    expect(makePath(null, '58')).toBe('/58/');
    expect(makePath('/58/', '584')).toBe('/58/584/');
    expect(makePath('/58/584/', '22783')).toBe('/58/584/22783/');
    expect(() => makePath('/58/', 'a/b')).toThrow(RangeError);
    expect(() => makePath('58', '584')).toThrow(RangeError);
    expect(pathSegments('/58/584/22783/')).toEqual(['58', '584', '22783']);
    expect(lastSegment('/58/584/22783/')).toBe('22783');
    expect(depth('/58/')).toBe(1);
    expect(depth('/58/584/22783/')).toBe(3);
  });

  it('find parents and ancestors, root first', () => {
    expect(parentPath('/58/584/22783/')).toBe('/58/584/');
    expect(parentPath('/58/22783/')).toBe('/58/');
    expect(parentPath('/58/')).toBeNull();
    expect(ancestorPaths('/58/584/22783/')).toEqual(['/58/', '/58/584/']);
    expect(ancestorPaths('/58/22783/')).toEqual(['/58/']);
    expect(ancestorPaths('/58/')).toEqual([]);
  });

  it('test subtrees inclusively, and strict descendants exclusively', () => {
    expect(isInSubtree('/58/584/22783/', '/58/')).toBe(true);
    expect(isInSubtree('/58/584/22783/', '/58/584/')).toBe(true);
    expect(isInSubtree('/58/584/', '/58/584/')).toBe(true);
    expect(isInSubtree('/58/585/22800/', '/58/584/')).toBe(false);
    expect(isInSubtree('/58/', '/58/584/')).toBe(false);
    // A code that merely starts with the same digits is not a child.
    expect(isInSubtree('/581/', '/58/')).toBe(false);
    expect(isStrictDescendant('/58/584/', '/58/')).toBe(true);
    expect(isStrictDescendant('/58/', '/58/')).toBe(false);
  });

  it('never treat a malformed root as matching everything', () => {
    for (const root of ['', '/', '58', '/58']) expect(isInSubtree('/58/584/', root)).toBe(false);
    expect(isInSubtree('', '/58/')).toBe(false);
    expect(isValidPath('/58/584/')).toBe(true);
    expect(isValidPath('/58//584/')).toBe(false);
  });
});

describe('the Ninh Thuận tree', () => {
  for (const [name, units, unitLevels] of [
    ['3-level', threeLevelUnits, { province: 1, district: 7, commune: 62 }],
    ['2-level', twoLevelUnits, { province: 1, district: 0, commune: 62 }],
  ] as const) {
    describe(name, () => {
      it('flattens to the expected units with unique ids', () => {
        expect(count(units, 'province')).toBe(unitLevels.province);
        expect(count(units, 'district')).toBe(unitLevels.district);
        expect(count(units, 'commune')).toBe(unitLevels.commune);
        expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
      });

      it('gives each unit a path ending with its own code, under its parent', () => {
        const map = byId(units);
        for (const unit of units) {
          expect(unit.id).toBe(unit.code);
          expect(unit.path.endsWith(`/${unit.code}/`)).toBe(true);
          if (unit.parentId === null) {
            expect(unit.path).toBe('/58/');
          } else {
            expect(parentPath(unit.path)).toBe(map.get(unit.parentId)?.path);
            expect(isStrictDescendant(unit.path, '/58/')).toBe(true);
          }
        }
        // Parents come before their children.
        const seen = new Set<string>();
        for (const unit of units) {
          if (unit.parentId !== null) expect(seen.has(unit.parentId)).toBe(true);
          seen.add(unit.id);
        }
      });
    });
  }

  it('3-level: districts review communes', () => {
    expect(levelAboveCommune(threeLevelUnits)).toBe('district');
    const map = byId(threeLevelUnits);
    const doVinh = map.get('22738');
    expect(doVinh?.path).toBe('/58/582/22738/');
    expect(doVinh && reviewerUnitOf(doVinh, map)?.id).toBe('582');
    expect(ancestorPaths(doVinh?.path ?? '')).toEqual(['/58/', '/58/582/']);
    const bacAi = threeLevelUnits.filter((u) => isStrictDescendant(u.path, '/58/584/'));
    expect(bacAi.length).toBeGreaterThan(0);
    expect(bacAi.every((u) => u.level === 'commune' && u.parentId === '584')).toBe(true);
  });

  it('2-level: the province reviews communes', () => {
    expect(levelAboveCommune(twoLevelUnits)).toBe('province');
    const map = byId(twoLevelUnits);
    const doVinh = map.get('22738');
    expect(doVinh?.path).toBe('/58/22738/');
    expect(doVinh && reviewerUnitOf(doVinh, map)?.id).toBe('58');
    // A plain record works as a lookup too.
    expect(doVinh && reviewerUnitOf(doVinh, Object.fromEntries(map))?.id).toBe('58');
  });

  it('has no reviewer above the root, and no commune level in a tree without communes', () => {
    const province = threeLevelUnits[0];
    expect(province && reviewerUnitOf(province, byId(threeLevelUnits))).toBeNull();
    expect(levelAboveCommune(threeLevelUnits.filter((u) => u.level !== 'commune'))).toBeNull();
  });

  it('flattens a tree with villages below communes', () => {
    const units = flattenUnitTree({
      code: '58',
      name: 'Ninh Thuận',
      level: 'province',
      children: [
        {
          code: '22783',
          name: 'Phước Bình',
          level: 'commune',
          children: [{ code: 'T01', name: 'Thôn Bố Lang', level: 'village' }],
        },
      ],
    });
    expect(units.map((u) => [u.path, u.parentId, u.level])).toEqual([
      ['/58/', null, 'province'],
      ['/58/22783/', '58', 'commune'],
      ['/58/22783/T01/', '22783', 'village'],
    ]);
    expect(levelAboveCommune(units)).toBe('province');
  });
});
