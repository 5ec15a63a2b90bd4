import type { DecisionAction } from '../../../shared/permissions/decisions';
import { EVENT_OF_DECISION } from '../../../shared/permissions/decisions';
import { requiresReason, type WorkflowEvent } from '../../../shared/workflow/state-machine';

/**
 * The decision form's rules, the server's own: a step that `requiresReason` (return, send back,
 * reopen) needs a general reason or at least one indicator's reason, blank text not counting —
 * exactly what applyTransition refuses otherwise.
 */
export interface ReasonDraft {
  general: string;
  perIndicator: ReadonlyMap<string, string>;
}

export function indicatorReasons(draft: ReasonDraft): { indicatorId: string; reason: string }[] {
  return [...draft.perIndicator]
    .map(([indicatorId, reason]) => ({ indicatorId, reason: reason.trim() }))
    .filter((item) => item.reason !== '');
}

export function hasReason(draft: ReasonDraft): boolean {
  return draft.general.trim() !== '' || indicatorReasons(draft).length > 0;
}

export function mayTake(event: WorkflowEvent, draft: ReasonDraft): boolean {
  return !requiresReason(event) || hasReason(draft);
}

export function eventsOf(actions: readonly DecisionAction[]): WorkflowEvent[] {
  return actions.map((action) => EVENT_OF_DECISION[action]);
}

/** Whether any of the allowed steps asks for a reason (so the reason fields are shown). */
export function asksForReason(events: readonly WorkflowEvent[]): boolean {
  return events.some(requiresReason);
}
