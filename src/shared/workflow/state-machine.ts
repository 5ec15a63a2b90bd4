import type { SubmissionStatus } from '../schemas/submission';

/**
 * The submission workflow, the single source of truth for transitions. Permissions, the server's
 * gates and the UI's buttons all ask this module instead of keeping their own tables.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──accept──▶ accepted
 *                      ▲   │ return             │ sendBack, withdraw  │ reopen
 *   returned ◀─────────┼───┘                    ▼                     │
 *      │  └──submit────┘                   submitted                  │
 *      ◀──────────────────────────────────────────────────────────────┘
 */
export const SUBMISSION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'accepted',
] as const satisfies readonly SubmissionStatus[];

export const WORKFLOW_EVENTS = [
  'submit',
  'return',
  'approve',
  'accept',
  'sendBack',
  'reopen',
  'withdraw',
] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

interface Transition {
  from: readonly SubmissionStatus[];
  to: SubmissionStatus;
  /** Events that take work away from someone must carry a reason they can act on. */
  needsReason: boolean;
}

const TRANSITIONS: Readonly<Record<WorkflowEvent, Transition>> = {
  // The commune hands its answers to the reviewer (first time, or after fixing a return).
  submit: { from: ['draft', 'returned'], to: 'submitted', needsReason: false },
  // The reviewer directly above the commune (district, or province in a 2-level tree).
  return: { from: ['submitted'], to: 'returned', needsReason: true },
  approve: { from: ['submitted'], to: 'approved', needsReason: false },
  // The province: accept locks the result; sendBack gives it back to the reviewer.
  accept: { from: ['approved'], to: 'accepted', needsReason: false },
  sendBack: { from: ['approved'], to: 'submitted', needsReason: true },
  // The province unlocks an accepted result straight to the commune for correction.
  reopen: { from: ['accepted'], to: 'returned', needsReason: true },
  // The reviewer takes an approval back (a mistake found later) while the province has not yet
  // accepted it; the submission is under the reviewer's review again. Nothing is taken from the
  // commune, so no reason is required.
  withdraw: { from: ['approved'], to: 'submitted', needsReason: false },
};

export function isWorkflowEvent(value: unknown): value is WorkflowEvent {
  return typeof value === 'string' && (WORKFLOW_EVENTS as readonly string[]).includes(value);
}

/** The status after `event`, or null when the event is not allowed from `status`. */
export function nextStatus(
  status: SubmissionStatus,
  event: WorkflowEvent,
): SubmissionStatus | null {
  // Guard with hasOwn: callers may pass strings from the network that are not real events.
  if (!Object.hasOwn(TRANSITIONS, event)) return null;
  const transition = TRANSITIONS[event];
  return transition.from.includes(status) ? transition.to : null;
}

/** The events that may happen next, in WORKFLOW_EVENTS order. */
export function allowedEvents(status: SubmissionStatus): WorkflowEvent[] {
  return WORKFLOW_EVENTS.filter((event) => nextStatus(status, event) !== null);
}

/** The commune may change answers and evidence only before submitting or after a return. */
export function isEditableByCommune(status: SubmissionStatus): boolean {
  return status === 'draft' || status === 'returned';
}

export function requiresReason(event: WorkflowEvent): boolean {
  return Object.hasOwn(TRANSITIONS, event) && TRANSITIONS[event].needsReason;
}
