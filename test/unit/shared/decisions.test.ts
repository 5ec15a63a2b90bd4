import { describe, expect, it } from 'vitest';
import { decidesOn, decisionsAt, reviewsDirectly } from '../../../src/shared/permissions/decisions';
import type { Actor } from '../../../src/shared/permissions/can';

const district: Actor = { userId: 'd', role: 'district_reviewer', orgPath: '/58/584/' };
const provinceReviewer: Actor = { userId: 'p2', role: 'district_reviewer', orgPath: '/58/' };
const province: Actor = { userId: 'p', role: 'province_admin', orgPath: '/58/' };
const officer: Actor = { userId: 'c', role: 'commune_officer', orgPath: '/58/584/22783/' };
const admin: Actor = { userId: 'a', role: 'admin', orgPath: '/58/' };

describe('decisions from can()', () => {
  it('a reviewer decides on the communes directly below its unit, whatever the depth', () => {
    expect(decidesOn(district, '/58/584/22783/')).toBe(true);
    expect(decidesOn(district, '/58/585/22801/')).toBe(false);
    expect(decidesOn(district, '/58/584/22783/900/')).toBe(false);
    // A 2-level tree: the reviewer sits at the province, communes directly below it.
    expect(decidesOn(provinceReviewer, '/58/22783/')).toBe(true);
    expect(reviewsDirectly(provinceReviewer, '/58/22783/')).toBe(true);
    expect(reviewsDirectly(district, '/58/584/22783/')).toBe(true);
    expect(reviewsDirectly(province, '/58/584/22783/')).toBe(false);
  });

  it('offers return and approve only while submitted', () => {
    const target = (status: 'submitted' | 'approved' | 'draft') => ({
      orgPath: '/58/584/22783/',
      status,
    });
    expect(decisionsAt(district, target('submitted'))).toEqual([
      'submission.return',
      'submission.approve',
    ]);
    expect(decisionsAt(district, target('approved'))).toEqual([]);
    expect(decisionsAt(district, target('draft'))).toEqual([]);
  });

  it('the province accepts or sends back approved results and reopens accepted ones', () => {
    const path = '/58/584/22783/';
    expect(decisionsAt(province, { orgPath: path, status: 'approved' })).toEqual([
      'submission.accept',
      'submission.sendBack',
    ]);
    expect(decisionsAt(province, { orgPath: path, status: 'accepted' })).toEqual([
      'submission.reopen',
    ]);
    expect(decisionsAt(province, { orgPath: path, status: 'submitted' })).toEqual([]);
  });

  it('the commune, the administrator and outsiders decide nothing', () => {
    expect(decidesOn(officer, '/58/584/22783/')).toBe(false);
    expect(decidesOn(admin, '/58/584/22783/')).toBe(false);
  });
});
