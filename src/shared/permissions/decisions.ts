import type { SubmissionStatus } from '../schemas/submission';
import { SUBMISSION_STATUSES, type WorkflowEvent } from '../workflow/state-machine';
import { allowedActions, can, type Action, type Actor, type Target } from './can';

/**
 * The decisions taken on a submission by the levels above the commune, as permission actions, and
 * the questions the review screens ask of them. Everything is answered by `can()`, so "which
 * communes do I review" follows the same rule the server enforces — the unit directly above for
 * return/approve, the province for accept/sendBack/reopen — and never a role name or a level.
 */
export const DECISION_ACTIONS = [
  'submission.return',
  'submission.approve',
  'submission.accept',
  'submission.sendBack',
  'submission.reopen',
] as const satisfies readonly Action[];
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** The workflow steps taken above the commune (every step but the commune's own submit). */
export type DecisionEvent = Exclude<WorkflowEvent, 'submit'>;

export const EVENT_OF_DECISION: Readonly<Record<DecisionAction, DecisionEvent>> = {
  'submission.return': 'return',
  'submission.approve': 'approve',
  'submission.accept': 'accept',
  'submission.sendBack': 'sendBack',
  'submission.reopen': 'reopen',
};

/** The decisions the actor may take on the target now, in DECISION_ACTIONS order. */
export function decisionsAt(actor: Actor, target: Target): DecisionAction[] {
  const allowed = new Set(allowedActions(actor, target));
  return DECISION_ACTIONS.filter((action) => allowed.has(action));
}

/** Whether the actor takes some decision on this unit's submissions, at some status. */
export function decidesOn(actor: Actor, orgPath: string): boolean {
  return SUBMISSION_STATUSES.some(
    (status: SubmissionStatus) => decisionsAt(actor, { orgPath, status }).length > 0,
  );
}

/** Whether the actor is this unit's reviewer (the unit directly above it, whatever its level). */
export function reviewsDirectly(actor: Actor, orgPath: string): boolean {
  return can(actor, 'submission.approve', { orgPath, status: 'submitted' });
}
