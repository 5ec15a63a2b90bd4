import { describe, expect, it } from 'vitest';
import type { IssuedCredential } from '../../../src/shared/api/users';
import type { OrgUnit } from '../../../src/shared/schemas/org';
import { checkSheet, groupCredentials } from '../../../src/app/features/admin-users/sheet';

const unit = (path: string, name: string, level: OrgUnit['level']): OrgUnit => {
  const codes = path.split('/').filter(Boolean);
  const code = codes.at(-1) ?? '';
  return { id: code, code, name, level, parentId: codes.at(-2) ?? null, path };
};
const UNITS = new Map(
  [
    unit('/58/', 'Ninh Thuận', 'province'),
    unit('/58/584/', 'Bác Ái', 'district'),
    unit('/58/584/22783/', 'Phước Bình', 'commune'),
    unit('/58/584/22786/', 'Phước Hòa', 'commune'),
    unit('/58/582/', 'Phan Rang', 'district'),
    unit('/58/582/22738/', 'Đô Vinh', 'commune'),
    unit('/59/', 'Khánh Hòa', 'province'),
  ].map((u) => [u.id, u]),
);
const admin = { userId: 'a', role: 'admin' as const, orgPath: '/58/' };
const province = { userId: 'p', role: 'province_admin' as const, orgPath: '/58/' };

describe('checkSheet', () => {
  it('maps a clean sheet to the request', () => {
    const result = checkSheet('xa-a,22783,commune_officer,Nguyễn A\nxa-b;22786;viewer', {
      actor: admin,
      units: UNITS,
      taken: new Set(),
    });
    // One separator per sheet: the first line's comma splits the second at none.
    expect(result).toEqual({ ok: false, problems: [{ line: 2, field: '', code: 'columns' }] });
    expect(
      checkSheet('xa-a,22783,commune_officer,Nguyễn A\nxa-b,22786,viewer', {
        actor: admin,
        units: UNITS,
        taken: new Set(),
      }),
    ).toEqual({
      ok: true,
      users: [
        { username: 'xa-a', orgUnitId: '22783', role: 'commune_officer', displayName: 'Nguyễn A' },
        { username: 'xa-b', orgUnitId: '22786', role: 'viewer', displayName: 'xa-b' },
      ],
    });
  });

  it('adds what the phone knows to the schema’s problems, all by line', () => {
    const sheet = [
      'username,unit,role',
      'xa-a,99999,commune_officer',
      'xa-b,22786,mayor',
      'xa-c,59,viewer',
      'boss,58,admin',
      'commune-22783,22783,commune_officer',
    ].join('\n');
    const result = checkSheet(sheet, {
      actor: province,
      units: UNITS,
      taken: new Set(['commune-22783']),
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 2, field: 'orgUnitId', code: 'unknownUnit', value: '99999' },
        { line: 3, field: 'role', code: 'invalid_value' },
        { line: 4, field: 'orgUnitId', code: 'outOfScope', value: '59' },
        { line: 5, field: 'role', code: 'roleNotAllowed', value: 'admin' },
        { line: 6, field: 'username', code: 'taken', value: 'commune-22783' },
      ],
    });
  });

  it('refuses an empty sheet', () => {
    expect(
      checkSheet('username,unit,role\n\n', { actor: admin, units: UNITS, taken: new Set() }),
    ).toEqual({ ok: false, problems: [{ line: 0, field: '', code: 'empty' }] });
  });
});

const issued = (username: string, orgUnitId: string): IssuedCredential => ({
  user: {
    id: username,
    username,
    displayName: `Cán bộ ${username}`,
    role: 'commune_officer',
    orgUnitId,
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    activeDevices: 0,
  },
  password: `pw-${username}`,
});

describe('groupCredentials', () => {
  it('puts a district’s communes on one sheet, in tree order, then by username', () => {
    const groups = groupCredentials(
      [
        issued('z-hoa', '22786'),
        issued('do-vinh', '22738'),
        issued('b-binh', '22783'),
        issued('a-binh', '22783'),
        issued('huyen', '584'),
      ],
      UNITS,
      (u) => u.name,
    );
    expect(
      groups.map((g) => [g.groupName, g.lines.map((l) => `${l.unitName}:${l.username}`)]),
    ).toEqual([
      ['Ninh Thuận', ['Bác Ái:huyen']],
      ['Phan Rang', ['Đô Vinh:do-vinh']],
      ['Bác Ái', ['Phước Bình:a-binh', 'Phước Bình:b-binh', 'Phước Hòa:z-hoa']],
    ]);
    expect(groups[2]?.lines[0]).toEqual({
      unitName: 'Phước Bình',
      displayName: 'Cán bộ a-binh',
      username: 'a-binh',
      password: 'pw-a-binh',
    });
  });

  it('keeps an account whose unit the phone does not know, under its code', () => {
    expect(groupCredentials([issued('x', '77777')], UNITS, (u) => u.name)).toEqual([
      {
        groupId: '77777',
        groupName: '77777',
        lines: [{ unitName: '77777', displayName: 'Cán bộ x', username: 'x', password: 'pw-x' }],
      },
    ]);
  });
});
