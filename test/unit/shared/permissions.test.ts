import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  allowedActions,
  can,
  explain,
  type Action,
  type Actor,
} from '../../../src/shared/permissions/can';
import type { CampaignStatus } from '../../../src/shared/schemas/campaign';
import type { SubmissionStatus } from '../../../src/shared/schemas/submission';
import type { Role } from '../../../src/shared/schemas/user';
import { threeLevelUnits, twoLevelUnits } from './shipped-data';

const ROLES: readonly Role[] = [
  'admin',
  'province_admin',
  'district_reviewer',
  'commune_officer',
  'viewer',
];
const STATUSES: readonly (SubmissionStatus | undefined)[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'accepted',
  undefined,
];
const CAMPAIGNS: readonly (CampaignStatus | undefined)[] = [undefined, 'draft', 'open', 'closed'];

/** Where the target sits relative to the actor's unit. */
type Relation = 'own' | 'child' | 'grandchild' | 'sibling' | 'cousin' | 'parent' | 'outside';

/**
 * The rules of the brief, written out plainly and independently of `can` and of the workflow
 * module, so that the table below really checks one against the other.
 */
function expected(
  role: Role,
  action: Action,
  status: SubmissionStatus | undefined,
  campaign: CampaignStatus | undefined,
  relation: Relation,
): boolean {
  const inScope = relation === 'own' || relation === 'child' || relation === 'grandchild';
  if (!inScope) return false;
  const campaignOpen = campaign === undefined || campaign === 'open';
  switch (action) {
    case 'report.read':
      return true;
    case 'submission.read':
    case 'submission.history':
      return role !== 'viewer';
    case 'campaign.manage':
    case 'template.manage':
    case 'user.manage':
    case 'orgUnit.manage':
      return role === 'admin' || role === 'province_admin';
    case 'audit.verify':
      return role === 'admin';
    case 'nomination.manage':
    case 'results.publish':
      return role === 'province_admin';
    case 'submission.create':
    case 'answer.write':
    case 'evidence.write':
    case 'submission.submit':
      return (
        role === 'commune_officer' &&
        relation === 'own' &&
        (status === 'draft' || status === 'returned') &&
        campaignOpen
      );
    case 'submission.return':
    case 'submission.approve':
    case 'review.comment':
      return role === 'district_reviewer' && relation === 'child' && status === 'submitted';
    case 'submission.withdraw':
      return role === 'district_reviewer' && relation === 'child' && status === 'approved';
    case 'submission.accept':
    case 'submission.sendBack':
      return role === 'province_admin' && status === 'approved';
    case 'submission.reopen':
      return role === 'province_admin' && status === 'accepted';
    case 'mutation.relay':
      // Any level above the author's unit, never the unit itself; status plays no part (the
      // author's own rights decide the relayed mutation).
      return (role === 'district_reviewer' || role === 'province_admin') && relation !== 'own';
  }
}

interface Position {
  name: string;
  path: string;
  targets: Partial<Record<Relation, string>>;
}

function pathOf(units: typeof threeLevelUnits, id: string): string {
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new Error(`unit ${id} missing from the shipped data`);
  return unit.path;
}

// 3-level: province 58 → district 584 (Bác Ái) → communes 22783, 22786; district 585 → 22810.
const three = {
  province: pathOf(threeLevelUnits, '58'),
  district: pathOf(threeLevelUnits, '584'),
  otherDistrict: pathOf(threeLevelUnits, '585'),
  commune: pathOf(threeLevelUnits, '22783'),
  siblingCommune: pathOf(threeLevelUnits, '22786'),
  cousinCommune: pathOf(threeLevelUnits, '22810'),
};
const threeLevelPositions: Position[] = [
  {
    name: 'province',
    path: three.province,
    targets: {
      own: three.province,
      child: three.district,
      grandchild: three.commune,
      sibling: '/56/',
      outside: '/56/568/',
    },
  },
  {
    name: 'district',
    path: three.district,
    targets: {
      own: three.district,
      child: three.commune,
      grandchild: `${three.commune}T01/`,
      sibling: three.otherDistrict,
      cousin: three.cousinCommune,
      parent: three.province,
      outside: '/56/568/',
    },
  },
  {
    name: 'commune',
    path: three.commune,
    targets: {
      own: three.commune,
      child: `${three.commune}T01/`,
      sibling: three.siblingCommune,
      cousin: three.cousinCommune,
      parent: three.district,
      outside: '/56/568/22500/',
    },
  },
];

// 2-level: the same communes directly under the province.
const two = {
  province: pathOf(twoLevelUnits, '58'),
  commune: pathOf(twoLevelUnits, '22783'),
  siblingCommune: pathOf(twoLevelUnits, '22810'),
};
const twoLevelPositions: Position[] = [
  {
    name: 'province',
    path: two.province,
    targets: {
      own: two.province,
      child: two.commune,
      grandchild: `${two.commune}T01/`,
      sibling: '/56/',
      outside: '/56/22500/',
    },
  },
  {
    name: 'commune',
    path: two.commune,
    targets: {
      own: two.commune,
      child: `${two.commune}T01/`,
      sibling: two.siblingCommune,
      parent: two.province,
      outside: '/56/22500/',
    },
  },
];

describe('can: every role × action × status × campaign × scope', () => {
  for (const [tree, positions] of [
    ['3-level', threeLevelPositions],
    ['2-level', twoLevelPositions],
  ] as const) {
    for (const role of ROLES) {
      it(`${tree} tree, ${role}`, () => {
        const mismatches: string[] = [];
        let checked = 0;
        for (const position of positions) {
          const actor: Actor = { userId: 'u1', role, orgPath: position.path };
          for (const [relation, orgPath] of Object.entries(position.targets) as [
            Relation,
            string,
          ][]) {
            for (const action of ACTIONS) {
              for (const status of STATUSES) {
                for (const campaignStatus of CAMPAIGNS) {
                  checked++;
                  const actual = can(actor, action, { orgPath, status, campaignStatus });
                  const want = expected(role, action, status, campaignStatus, relation);
                  if (actual !== want) {
                    mismatches.push(
                      `${position.name} ${relation} ${action} status=${String(status)} campaign=${String(campaignStatus)}: got ${actual}`,
                    );
                  }
                }
              }
            }
          }
        }
        expect(mismatches).toEqual([]);
        const relations = positions.reduce((n, p) => n + Object.keys(p.targets).length, 0);
        expect(checked).toBe(relations * ACTIONS.length * STATUSES.length * CAMPAIGNS.length);
      });
    }
  }

  it('covers all 22 actions', () => {
    expect(ACTIONS).toHaveLength(22);
  });
});

describe('explain', () => {
  const communeOfficer: Actor = { userId: 'c', role: 'commune_officer', orgPath: three.commune };
  const districtReviewer: Actor = {
    userId: 'd',
    role: 'district_reviewer',
    orgPath: three.district,
  };
  const provinceAdmin: Actor = { userId: 'p', role: 'province_admin', orgPath: three.province };
  const admin: Actor = { userId: 'a', role: 'admin', orgPath: three.province };
  const codeOf = (actor: Actor, action: Action, target: Parameters<typeof explain>[2]) => {
    const result = explain(actor, action, target);
    return result.allowed ? 'ALLOWED' : result.code;
  };

  it('allows with no code', () => {
    expect(
      explain(districtReviewer, 'submission.approve', {
        orgPath: three.commune,
        status: 'submitted',
      }),
    ).toEqual({ allowed: true });
  });

  it('OUT_OF_SCOPE outside the actor’s subtree', () => {
    expect(
      codeOf(communeOfficer, 'answer.write', { orgPath: three.siblingCommune, status: 'draft' }),
    ).toBe('OUT_OF_SCOPE');
    expect(
      codeOf(districtReviewer, 'submission.approve', {
        orgPath: three.cousinCommune,
        status: 'submitted',
      }),
    ).toBe('OUT_OF_SCOPE');
    expect(codeOf(provinceAdmin, 'submission.read', { orgPath: '/56/' })).toBe('OUT_OF_SCOPE');
    // A malformed actor path must not match everything.
    expect(
      codeOf({ ...provinceAdmin, orgPath: '' }, 'submission.read', { orgPath: three.commune }),
    ).toBe('OUT_OF_SCOPE');
  });

  it('FORBIDDEN for the wrong role or the wrong unit inside the scope', () => {
    expect(codeOf(admin, 'submission.accept', { orgPath: three.commune, status: 'approved' })).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf({ ...admin, role: 'viewer' }, 'answer.write', {
        orgPath: three.province,
        status: 'draft',
      }),
    ).toBe('FORBIDDEN');
    expect(codeOf(provinceAdmin, 'audit.verify', { orgPath: three.province })).toBe('FORBIDDEN');
    // A 3-level province-level reviewer is not directly above a commune.
    expect(
      codeOf({ ...districtReviewer, orgPath: three.province }, 'submission.approve', {
        orgPath: three.commune,
        status: 'submitted',
      }),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(districtReviewer, 'submission.approve', {
        orgPath: three.district,
        status: 'submitted',
      }),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(communeOfficer, 'answer.write', { orgPath: `${three.commune}T01/`, status: 'draft' }),
    ).toBe('FORBIDDEN');
    expect(codeOf(provinceAdmin, 'nonsense' as Action, { orgPath: three.province })).toBe(
      'FORBIDDEN',
    );
  });

  it('WORKFLOW_VIOLATION when the status or campaign does not permit it', () => {
    expect(
      codeOf(communeOfficer, 'answer.write', { orgPath: three.commune, status: 'submitted' }),
    ).toBe('WORKFLOW_VIOLATION');
    expect(
      codeOf(communeOfficer, 'answer.write', {
        orgPath: three.commune,
        status: 'draft',
        campaignStatus: 'closed',
      }),
    ).toBe('WORKFLOW_VIOLATION');
    expect(codeOf(communeOfficer, 'submission.submit', { orgPath: three.commune })).toBe(
      'WORKFLOW_VIOLATION',
    );
    expect(
      codeOf(districtReviewer, 'submission.approve', { orgPath: three.commune, status: 'draft' }),
    ).toBe('WORKFLOW_VIOLATION');
    expect(
      codeOf(districtReviewer, 'review.comment', { orgPath: three.commune, status: 'approved' }),
    ).toBe('WORKFLOW_VIOLATION');
    expect(
      codeOf(provinceAdmin, 'submission.reopen', { orgPath: three.commune, status: 'approved' }),
    ).toBe('WORKFLOW_VIOLATION');
    expect(codeOf(provinceAdmin, 'submission.accept', { orgPath: three.commune })).toBe(
      'WORKFLOW_VIOLATION',
    );
    const denial = explain(communeOfficer, 'answer.write', {
      orgPath: three.commune,
      status: 'accepted',
    });
    expect(denial.allowed ? '' : denial.reason).toBe(
      'a submission that is accepted cannot be edited',
    );
  });

  it('2-level tree: the province-level reviewer decides on communes', () => {
    const reviewer: Actor = { userId: 'r', role: 'district_reviewer', orgPath: two.province };
    expect(
      codeOf(reviewer, 'submission.return', { orgPath: two.commune, status: 'submitted' }),
    ).toBe('ALLOWED');
    expect(
      codeOf(reviewer, 'submission.accept', { orgPath: two.commune, status: 'approved' }),
    ).toBe('FORBIDDEN');
  });

  it('lets only a level above relay a unit’s work, never the unit itself', () => {
    expect(codeOf(districtReviewer, 'mutation.relay', { orgPath: three.commune })).toBe('ALLOWED');
    expect(codeOf(provinceAdmin, 'mutation.relay', { orgPath: three.commune })).toBe('ALLOWED');
    expect(codeOf(districtReviewer, 'mutation.relay', { orgPath: three.cousinCommune })).toBe(
      'OUT_OF_SCOPE',
    );
    expect(codeOf(districtReviewer, 'mutation.relay', { orgPath: three.district })).toBe(
      'OUT_OF_SCOPE',
    );
    expect(codeOf(communeOfficer, 'mutation.relay', { orgPath: three.siblingCommune })).toBe(
      'OUT_OF_SCOPE',
    );
    expect(codeOf(communeOfficer, 'mutation.relay', { orgPath: three.commune })).toBe('FORBIDDEN');
    expect(codeOf(admin, 'mutation.relay', { orgPath: three.commune })).toBe('FORBIDDEN');
  });

  it('lists the allowed actions for showing buttons', () => {
    expect(
      allowedActions(districtReviewer, { orgPath: three.commune, status: 'submitted' }),
    ).toEqual([
      'submission.read',
      'submission.history',
      'submission.return',
      'submission.approve',
      'review.comment',
      'report.read',
      'mutation.relay',
    ]);
    expect(
      allowedActions(communeOfficer, {
        orgPath: three.commune,
        status: 'returned',
        campaignStatus: 'open',
      }),
    ).toEqual([
      'submission.read',
      'submission.history',
      'submission.create',
      'answer.write',
      'evidence.write',
      'submission.submit',
      'report.read',
    ]);
  });
});
