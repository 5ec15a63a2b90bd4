import { addWorkingDays, isIsoDate } from '../calendar/working-days';
import type { SubmissionStatus } from '../schemas/submission';
import type { Nomination, NominationDecision, NominationState } from './schemas';

/**
 * The nomination lifecycle, the single source of truth for its transitions (like the submission
 * workflow in workflow/state-machine.ts). The server's gates and the UI's buttons both ask here.
 *
 *   draft ──publish──▶ published ──close──▶ closed ──decide──▶ decided (approved | rejected)
 *     │                   │ (only once the comment period has ended)
 *     └──withdraw──▶ withdrawn ◀──withdraw──┘
 *
 * Publishing posts the nomination for public comment for `periodDays` working days (Decree
 * 98/2023/NĐ-CP, art. 46: at least 10) counted from the day after publication; the council may
 * only take it up once that period is over, which is why `close` is refused until then.
 */

export const NOMINATION_EVENTS = ['publish', 'close', 'decide', 'withdraw'] as const;
export type NominationEventType = (typeof NOMINATION_EVENTS)[number];

/** The legal minimum and the province's practice. */
export const DEFAULT_COMMENT_PERIOD_DAYS = 10;

const TRANSITIONS: Readonly<
  Record<NominationEventType, { from: readonly NominationState[]; to: NominationState }>
> = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  decide: { from: ['closed'], to: 'decided' },
  // Once closed the public has commented and the council is seized of it: it decides, even if
  // the decision is a rejection, so the record of what was posted ends in a decision.
  withdraw: { from: ['draft', 'published'], to: 'withdrawn' },
};

export function isNominationEvent(value: unknown): value is NominationEventType {
  return typeof value === 'string' && (NOMINATION_EVENTS as readonly string[]).includes(value);
}

/** The state after `event`, or null when the event is not allowed from `state`. */
export function nextNominationState(
  state: NominationState,
  event: NominationEventType,
): NominationState | null {
  // hasOwn: the event may be a string from the network such as "toString".
  if (!Object.hasOwn(TRANSITIONS, event)) return null;
  const transition = TRANSITIONS[event];
  return transition.from.includes(state) ? transition.to : null;
}

/** The events that may happen next, in NOMINATION_EVENTS order. */
export function allowedNominationEvents(state: NominationState): NominationEventType[] {
  return NOMINATION_EVENTS.filter((event) => nextNominationState(state, event) !== null);
}

/** An event with what it needs to know; every date is a day in the province's calendar. */
export type NominationEvent =
  | {
      type: 'publish';
      /** The day of publication (YYYY-MM-DD). */
      on: string;
      /** Working days of public comment; DEFAULT_COMMENT_PERIOD_DAYS when omitted. */
      periodDays?: number | undefined;
      holidays: readonly string[];
    }
  | { type: 'close'; on: string }
  | { type: 'decide'; decision: NominationDecision; on: string }
  | { type: 'withdraw' };

/** The part of a nomination the lifecycle reads and writes. */
export type NominationLifecycle = Pick<
  Nomination,
  'state' | 'publishedAt' | 'commentUntil' | 'decision' | 'decidedOn'
>;

export type NominationRefusalCode =
  /** The event is not allowed from the current state. */
  | 'WRONG_STATE'
  /** `close` before the comment period has ended. */
  | 'COMMENT_PERIOD_OPEN'
  /** A date that is not a real YYYY-MM-DD (the event's or a holiday's). */
  | 'INVALID_DATE'
  /** A comment period that is not a positive whole number of working days. */
  | 'INVALID_PERIOD';

export type NominationTransitionResult =
  | { ok: true; next: NominationLifecycle }
  | { ok: false; code: NominationRefusalCode; reason: string };

const refuse = (code: NominationRefusalCode, reason: string): NominationTransitionResult => ({
  ok: false,
  code,
  reason,
});

/**
 * Applies `event` to a nomination's lifecycle fields and returns the new ones (a fresh object;
 * the input is not touched), or a typed refusal. Pure: "today" is the event's `on`, never a
 * clock read here.
 */
export function nominationTransition(
  current: NominationLifecycle,
  event: NominationEvent,
): NominationTransitionResult {
  const to = nextNominationState(current.state, event.type);
  if (to === null) {
    return refuse('WRONG_STATE', `a ${current.state} nomination cannot ${event.type}`);
  }
  switch (event.type) {
    case 'publish': {
      const periodDays = event.periodDays ?? DEFAULT_COMMENT_PERIOD_DAYS;
      if (!Number.isSafeInteger(periodDays) || periodDays < 1) {
        return refuse('INVALID_PERIOD', 'the comment period must be a whole number of days ≥ 1');
      }
      if (!isIsoDate(event.on) || !event.holidays.every(isIsoDate)) {
        return refuse('INVALID_DATE', 'the publication day and holidays must be YYYY-MM-DD');
      }
      const commentUntil = addWorkingDays(event.on, periodDays, event.holidays);
      return { ok: true, next: { state: to, publishedAt: event.on, commentUntil } };
    }
    case 'close': {
      if (!isIsoDate(event.on)) return refuse('INVALID_DATE', 'the day must be YYYY-MM-DD');
      // commentUntil is the last day comments are taken, so the period is over only the day
      // after. A record without one cannot prove its period ended: refused, not guessed.
      if (current.commentUntil === undefined || event.on <= current.commentUntil) {
        return refuse(
          'COMMENT_PERIOD_OPEN',
          `comments are taken until ${current.commentUntil ?? 'an unknown day'}`,
        );
      }
      return { ok: true, next: { ...current, state: to } };
    }
    case 'decide':
      if (!isIsoDate(event.on)) return refuse('INVALID_DATE', 'the day must be YYYY-MM-DD');
      return {
        ok: true,
        next: { ...current, state: to, decision: event.decision, decidedOn: event.on },
      };
    case 'withdraw':
      // The publication dates stay: the public saw it, and the record must say so.
      return { ok: true, next: { ...current, state: to } };
  }
}

export type NominationEligibility =
  { ok: true } | { ok: false; code: 'NO_SUBMISSION' | 'SUBMISSION_NOT_ACCEPTED'; reason: string };

/**
 * A unit may be nominated only on a result the province has accepted (locked): commendation
 * starts from verified results, never from figures still under review. `status` is the unit's
 * submission status in the campaign, or null when it has none.
 */
export function nominationEligibility(status: SubmissionStatus | null): NominationEligibility {
  if (status === null) {
    return { ok: false, code: 'NO_SUBMISSION', reason: 'the unit has not reported' };
  }
  if (status !== 'accepted') {
    return {
      ok: false,
      code: 'SUBMISSION_NOT_ACCEPTED',
      reason: `the unit's result is ${status}, not yet accepted by the province`,
    };
  }
  return { ok: true };
}

/**
 * Whether a public comment received on `day` (the province's calendar, see vietnamDateOf) may be
 * taken: only while the nomination is published, from its publication day to commentUntil
 * inclusive. A comment on the day of publication is taken although that day does not count
 * towards the period.
 */
export function acceptsComments(
  nomination: Pick<Nomination, 'state' | 'publishedAt' | 'commentUntil'>,
  day: string,
): boolean {
  const { state, publishedAt, commentUntil } = nomination;
  if (state !== 'published' || publishedAt === undefined || commentUntil === undefined) {
    return false;
  }
  return isIsoDate(day) && publishedAt <= day && day <= commentUntil;
}
