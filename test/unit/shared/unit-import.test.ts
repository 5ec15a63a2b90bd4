import { describe, expect, it } from 'vitest';
import { flattenUnitTree } from '../../../src/shared/hierarchy/paths';
import {
  planUnitImport,
  readUnitCsv,
  readUnitJson,
} from '../../../src/shared/hierarchy/unit-import';

/** Province → district → commune, as shipped before July 2025. */
const recorded = flattenUnitTree({
  code: '58',
  name: 'Ninh Thuận',
  level: 'province',
  children: [
    {
      code: '584',
      name: 'Bác Ái',
      level: 'district',
      children: [
        { code: '22783', name: 'Phước Bình', level: 'commune' },
        { code: '22786', name: 'Phước Hòa', level: 'commune' },
      ],
    },
  ],
});

describe('reading a unit file', () => {
  it('reads a nested JSON tree with each node at its path', () => {
    const read = readUnitJson(
      JSON.stringify({
        code: '584',
        name: 'Bác Ái',
        level: 'district',
        children: [
          { code: '99001', name: 'Xã Mới', level: 'commune' },
          { code: 'x/y', level: 'tỉnh' },
        ],
      }),
    );
    expect(read.rows.map((row) => [row.code, row.parentCode, row.at])).toEqual([
      ['584', null, '$'],
      ['99001', '584', '$.children[0]'],
    ]);
    expect(read.problems).toEqual([
      { at: '$.children[1]', code: 'bad_code', unit: 'x/y' },
      { at: '$.children[1]', code: 'empty_name', unit: 'x/y' },
      { at: '$.children[1]', code: 'bad_level', unit: 'x/y' },
    ]);
    expect(readUnitJson('[1,').problems).toEqual([{ at: '$', code: 'not_json' }]);
    expect(readUnitJson('[]').problems).toEqual([{ at: '$', code: 'not_json' }]);
  });

  it('reads a CSV sheet with a BOM, semicolons, quotes and a header, by line', () => {
    const read = readUnitCsv(
      '\uFEFFcode;name;level;parentCode;fullName\n99001;"Bình, Mới";Commune;58;Xã Bình Mới\n\n99002;Xã;commune\n',
    );
    expect(read.rows).toEqual([
      {
        code: '99001',
        name: 'Bình, Mới',
        fullName: 'Xã Bình Mới',
        level: 'commune',
        parentCode: '58',
        at: 'line 2',
      },
    ]);
    expect(read.problems).toEqual([{ at: 'line 4', code: 'columns' }]);
    expect(readUnitCsv('\n\n').problems).toEqual([{ at: '$', code: 'empty' }]);
  });
});

describe('planning an import against the recorded units', () => {
  it('adds a 2-level unit under the province and a 3-level one under a district, parents first', () => {
    const { rows } = readUnitCsv(
      '99011,Xã Con,commune,99010\n99010,Huyện Mới,district,58\n99020,Xã Trực Thuộc,commune,58\n',
    );
    const check = planUnitImport(recorded, rows, '/58/');
    expect(check.ok && check.plan.add.map((unit) => unit.path)).toEqual([
      '/58/99010/',
      '/58/99020/',
      '/58/99010/99011/',
    ]);
  });

  it('renames an existing unit and counts the unchanged', () => {
    const { rows } = readUnitCsv('22783,Phước Bình Mới,commune,584\n22786,Phước Hòa,commune,584\n');
    const check = planUnitImport(recorded, rows, '/58/');
    expect(check.ok && check.plan.rename.map((r) => [r.unit.code, r.name])).toEqual([
      ['22783', 'Phước Bình Mới'],
    ]);
    expect(check.ok && check.plan.unchanged).toBe(1);
  });

  it('names every mistake: duplicates, unknown parents, moves, level changes and order, scope', () => {
    const { rows } = readUnitCsv(
      [
        '99001,A,commune,584',
        '99001,A again,commune,584',
        '99002,B,commune,77',
        '22783,Phước Bình,commune,58',
        '22786,Phước Hòa,district,584',
        '99003,C,district,22783',
        '99004,D,commune,99005',
        '99005,E,commune,99004',
      ].join('\n'),
    );
    const check = planUnitImport(recorded, rows, '/58/');
    expect(check.ok ? [] : check.problems.map((p) => `${p.at} ${p.code} ${p.unit ?? ''}`)).toEqual([
      'line 2 duplicate 99001',
      'line 3 unknown_parent 99002',
      'line 4 moved 22783',
      'line 5 level_changed 22786',
      'line 6 level_order 99003',
      'line 7 unknown_parent 99004',
      'line 8 unknown_parent 99005',
    ]);
    const district = planUnitImport(recorded, readUnitCsv('99009,F,commune,58').rows, '/58/584/');
    expect(district.ok ? [] : district.problems.map((p) => p.code)).toEqual(['out_of_scope']);
  });
});
