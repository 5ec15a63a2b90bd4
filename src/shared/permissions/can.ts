import { isInSubtree, parentPath } from '../hierarchy/paths';
import type { CampaignStatus } from '../schemas/campaign';
import type { SubmissionStatus } from '../schemas/submission';
import type { Role } from '../schemas/user';
import { isEditableByCommune, nextStatus, type WorkflowEvent } from '../workflow/state-machine';

/**
 * THE permission function: "may actor X do Y to Z". The client calls it to hide buttons, the
 * server calls it to enforce, so the two can never disagree. Every status question is answered
 * by the workflow state machine; nothing here keeps its own transition table.
 */

export const ACTIONS = [
  'submission.read',
  'submission.history',
  'submission.create',
  'answer.write',
  'evidence.write',
  'submission.submit',
  'submission.return',
  'submission.approve',
  'submission.accept',
  'submission.sendBack',
  'submission.reopen',
  'submission.withdraw',
  'review.comment',
  'report.read',
  'campaign.manage',
  'template.manage',
  'user.manage',
  'orgUnit.manage',
  'audit.verify',
  'nomination.manage',
  'results.publish',
  'mutation.relay',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Actor {
  userId: string;
  role: Role;
  /** The materialised path of the actor's unit; the actor acts only inside this subtree. */
  orgPath: string;
}

export interface Target {
  /** The unit the thing belongs to (the submitting commune, the campaign's owner, ...). */
  orgPath: string;
  /** The submission's current status, for status-dependent actions. */
  status?: SubmissionStatus | undefined;
  /** The campaign's status, when known; commune edits need an open campaign. */
  campaignStatus?: CampaignStatus | undefined;
}

export type DenialCode = 'OUT_OF_SCOPE' | 'FORBIDDEN' | 'WORKFLOW_VIOLATION';
export type Explanation = { allowed: true } | { allowed: false; code: DenialCode; reason: string };

/** How each action is decided. */
type Rule =
  /** Reading: anyone whose subtree contains the target. */
  | { kind: 'read' }
  /** Configuration, by the listed roles anywhere in their subtree. */
  | { kind: 'manage'; roles: readonly Role[] }
  /** The commune's own data entry, while the submission is editable and the campaign open. */
  | { kind: 'communeEdit' }
  /** The commune's own workflow step (submit). */
  | { kind: 'communeEvent'; event: WorkflowEvent }
  /** The reviewer directly above the commune: decide (event) or comment (no event). */
  | { kind: 'review'; event: WorkflowEvent | null }
  /** The province's decisions on approved or accepted results. */
  | { kind: 'provinceEvent'; event: WorkflowEvent }
  /** Carrying a lower unit's signed work to the server: any level above that unit. */
  | { kind: 'relay' };

const CONFIGURERS: readonly Role[] = ['admin', 'province_admin'];
/**
 * Who may read a commune's work itself (answers, evidence, decisions, drafts included): the
 * commune and the levels that review or configure it. Not viewers: leaders and the public see
 * results — aggregates of approved and accepted work — never a draft (design.md, "Who sees what").
 */
const WORK_READERS: readonly Role[] = [
  'admin',
  'province_admin',
  'district_reviewer',
  'commune_officer',
];

const RULES: Readonly<Record<Action, Rule>> = {
  'submission.read': { kind: 'manage', roles: WORK_READERS },
  'report.read': { kind: 'read' },
  // A submission's timeline shows drafts and every change, so it has the readers of the work.
  'submission.history': { kind: 'manage', roles: WORK_READERS },
  'submission.create': { kind: 'communeEdit' },
  'answer.write': { kind: 'communeEdit' },
  'evidence.write': { kind: 'communeEdit' },
  'submission.submit': { kind: 'communeEvent', event: 'submit' },
  'submission.return': { kind: 'review', event: 'return' },
  'submission.approve': { kind: 'review', event: 'approve' },
  'submission.withdraw': { kind: 'review', event: 'withdraw' },
  'review.comment': { kind: 'review', event: null },
  'submission.accept': { kind: 'provinceEvent', event: 'accept' },
  'submission.sendBack': { kind: 'provinceEvent', event: 'sendBack' },
  'submission.reopen': { kind: 'provinceEvent', event: 'reopen' },
  'campaign.manage': { kind: 'manage', roles: CONFIGURERS },
  'template.manage': { kind: 'manage', roles: CONFIGURERS },
  'user.manage': { kind: 'manage', roles: CONFIGURERS },
  'orgUnit.manage': { kind: 'manage', roles: CONFIGURERS },
  // Verifying the audit chain is the system administrator's job, not the decision-makers'.
  'audit.verify': { kind: 'manage', roles: ['admin'] },
  'nomination.manage': { kind: 'manage', roles: ['province_admin'] },
  // Publishing a campaign's results makes them public: the province's decision, like accepting.
  'results.publish': { kind: 'manage', roles: ['province_admin'] },
  // Relaying adds no authority: the author's own rights decide the mutation, checked separately.
  // It is still limited to the levels that review, so that the relayer the audit names is
  // accountable for the area it carried work from.
  'mutation.relay': { kind: 'relay' },
};

function rolesFor(rule: Rule): readonly Role[] {
  switch (rule.kind) {
    case 'read':
      return ['admin', 'province_admin', 'district_reviewer', 'commune_officer', 'viewer'];
    case 'manage':
      return rule.roles;
    case 'communeEdit':
    case 'communeEvent':
      return ['commune_officer'];
    case 'review':
      return ['district_reviewer'];
    case 'provinceEvent':
      return ['province_admin'];
    case 'relay':
      return ['district_reviewer', 'province_admin'];
  }
}

const deny = (code: DenialCode, reason: string): Explanation => ({ allowed: false, code, reason });
const ALLOWED: Explanation = { allowed: true };

/** Commune actions need an open campaign when the campaign is known (draft: not started; closed: over). */
function campaignGate(target: Target): Explanation {
  if (target.campaignStatus !== undefined && target.campaignStatus !== 'open') {
    return deny('WORKFLOW_VIOLATION', `the campaign is ${target.campaignStatus}, not open`);
  }
  return ALLOWED;
}

function transitionGate(status: SubmissionStatus | undefined, event: WorkflowEvent): Explanation {
  if (status === undefined) return deny('WORKFLOW_VIOLATION', 'the submission status is unknown');
  if (nextStatus(status, event) === null) {
    return deny(
      'WORKFLOW_VIOLATION',
      `a submission that is ${status} cannot be given the "${event}" step`,
    );
  }
  return ALLOWED;
}

function decideRule(rule: Rule, actor: Actor, target: Target): Explanation {
  switch (rule.kind) {
    case 'read':
    case 'manage':
      return ALLOWED;
    case 'provinceEvent':
      return transitionGate(target.status, rule.event);
    case 'relay':
      return target.orgPath === actor.orgPath
        ? deny('OUT_OF_SCOPE', 'only a unit above may relay this unit’s work')
        : ALLOWED;
    case 'communeEdit': {
      if (target.orgPath !== actor.orgPath)
        return deny('FORBIDDEN', 'commune officers may only work on their own unit');
      if (target.status === undefined)
        return deny('WORKFLOW_VIOLATION', 'the submission status is unknown');
      if (!isEditableByCommune(target.status)) {
        return deny('WORKFLOW_VIOLATION', `a submission that is ${target.status} cannot be edited`);
      }
      return campaignGate(target);
    }
    case 'communeEvent': {
      if (target.orgPath !== actor.orgPath)
        return deny('FORBIDDEN', 'commune officers may only work on their own unit');
      const gate = transitionGate(target.status, rule.event);
      return gate.allowed ? campaignGate(target) : gate;
    }
    case 'review': {
      // "Directly above" is what makes a 2-level tree work: there the province is the reviewer.
      if (parentPath(target.orgPath) !== actor.orgPath) {
        return deny('FORBIDDEN', 'only the unit directly above may review this submission');
      }
      if (rule.event !== null) return transitionGate(target.status, rule.event);
      // Comments belong to the review itself, so they are open while a decision could be made.
      if (target.status === undefined)
        return deny('WORKFLOW_VIOLATION', 'the submission status is unknown');
      const underReview =
        nextStatus(target.status, 'return') !== null ||
        nextStatus(target.status, 'approve') !== null;
      return underReview
        ? ALLOWED
        : deny('WORKFLOW_VIOLATION', `a submission that is ${target.status} is not under review`);
    }
  }
}

/** Whether the actor may perform the action on the target, and if not, why. */
export function explain(actor: Actor, action: Action, target: Target): Explanation {
  // Values may come from the network or the database: an unknown action or role is denied.
  if (!Object.hasOwn(RULES, action)) return deny('FORBIDDEN', `unknown action "${String(action)}"`);
  if (!isInSubtree(target.orgPath, actor.orgPath))
    return deny('OUT_OF_SCOPE', 'the unit is outside your area');
  const rule = RULES[action];
  if (!rolesFor(rule).includes(actor.role))
    return deny('FORBIDDEN', `the role ${String(actor.role)} may not do ${action}`);
  return decideRule(rule, actor, target);
}

export function can(actor: Actor, action: Action, target: Target): boolean {
  return explain(actor, action, target).allowed;
}

/** Every action the actor may perform on the target, e.g. to decide which buttons to show. */
export function allowedActions(actor: Actor, target: Target): Action[] {
  return ACTIONS.filter((action) => can(actor, action, target));
}
