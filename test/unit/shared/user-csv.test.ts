import { describe, expect, it } from 'vitest';
import { parseUserCsv } from '../../../src/shared/users/user-csv';

describe('parseUserCsv', () => {
  it('reads a sheet with a header, a BOM, semicolons and a quoted name', () => {
    const sheet =
      '\uFEFFusername;unit;role;name\r\n' +
      'xa-phuoc-binh;22783;commune_officer;"Nguyễn Văn A; cán bộ"\r\n' +
      '\r\n' +
      'XA-PHUOC-HOA;22786;commune_officer\r\n';
    expect(parseUserCsv(sheet)).toEqual({
      ok: true,
      users: [
        {
          username: 'xa-phuoc-binh',
          orgUnitId: '22783',
          role: 'commune_officer',
          displayName: 'Nguyễn Văn A; cán bộ',
        },
        {
          username: 'xa-phuoc-hoa',
          orgUnitId: '22786',
          role: 'commune_officer',
          displayName: 'xa-phuoc-hoa',
        },
      ],
    });
  });

  it('names every problem by its line and field, and creates nothing', () => {
    const sheet = [
      'a1,22783,commune_officer',
      'ok-user,22786,mayor',
      'only,two',
      'bad/unit-user,22/83,viewer',
      'ok-user,22789,viewer',
    ].join('\n');
    const result = parseUserCsv(sheet);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 1, field: 'username', code: 'too_small' },
      { line: 2, field: 'role', code: 'invalid_value' },
      { line: 3, field: '', code: 'columns' },
      { line: 4, field: 'username', code: 'invalid_format' },
      { line: 4, field: 'orgUnitId', code: 'invalid_format' },
    ]);
  });

  it('refuses the same username twice', () => {
    const result = parseUserCsv('same,22783,viewer\nsame,22786,viewer\n');
    expect(result).toEqual({
      ok: false,
      problems: [{ line: 2, field: 'username', code: 'duplicate' }],
    });
  });
});
