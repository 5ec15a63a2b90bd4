import { z } from 'zod';
import { Id, IsoDateTime } from '../schemas/common';
import { TransitionEvent, type Mutation } from '../protocol/sync';

/**
 * A submission's history, derived from the audit trail (the applied mutations, in the order the
 * server applied them) rather than kept as a second copy of the data: the audit chain is already
 * written in the same transaction as every change, and it is tamper-evident.
 *
 * The timeline answers three questions with one list: what happened to this submission (who, when,
 * which step, why), what each answer was before and after each change, and what changed since the
 * reviewer last returned it. Pure functions over plain data, so they are tested without I/O.
 */

/** Who did it; a relayed change names the author and, apart, the unit that carried it in. */
export const TimelineActor = z.object({ id: z.string(), name: z.string() });
export type TimelineActor = z.infer<typeof TimelineActor>;

// Absent `before`: the field had no value yet (JSON drops undefined, so both may be missing).
const FieldChange = z.object({ before: z.unknown().optional(), after: z.unknown().optional() });
export type FieldChange = z.infer<typeof FieldChange>;

const entryBase = {
  /** The audit sequence number: the server's order, the only order that decides anything. */
  seq: z.number().int().positive(),
  at: IsoDateTime,
  by: TimelineActor,
  relayedBy: TimelineActor.optional(),
};

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({
    ...entryBase,
    kind: z.literal('answer'),
    indicatorId: z.string(),
    /** Only the fields this change touched; `before` is undefined for the first answer. */
    value: FieldChange.optional(),
    note: FieldChange.optional(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('evidence'),
    change: z.enum(['added', 'captioned', 'removed']),
    evidenceId: Id,
    /** Unknown only for an update of evidence added before the audit trail began. */
    indicatorId: z.string().optional(),
    caption: FieldChange.optional(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('decision'),
    event: TransitionEvent,
    reason: z.string().optional(),
    indicatorReasons: z.array(z.object({ indicatorId: z.string(), reason: z.string() })),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('comment'),
    indicatorId: z.string().optional(),
    text: z.string(),
  }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type AnswerEntry = Extract<TimelineEntry, { kind: 'answer' }>;
export type EvidenceEntry = Extract<TimelineEntry, { kind: 'evidence' }>;
export type DecisionEntry = Extract<TimelineEntry, { kind: 'decision' }>;

/** `GET /api/submissions/:id/timeline`. */
export const TimelineResponse = z.object({
  submissionId: Id,
  entries: z.array(TimelineEntry),
});
export type TimelineResponse = z.infer<typeof TimelineResponse>;

/** One applied mutation as the audit trail holds it. */
export interface AuditedMutation {
  seq: number;
  at: string;
  /** The author: the user the mutation was applied as. */
  actor: string;
  /** Set when another user's device carried the mutation to the server (the signed relay). */
  relayedBy?: string | undefined;
  mutation: Mutation;
}

type Names = (userId: string) => string;

/** Walks the submission's applied mutations in server order, carrying each field's last value. */
export function buildTimeline(events: readonly AuditedMutation[], nameOf: Names): TimelineEntry[] {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const answers = new Map<string, { value?: unknown; note?: unknown }>();
  const evidence = new Map<string, { indicatorId?: string; caption?: unknown }>();
  const entries: TimelineEntry[] = [];
  for (const event of ordered) {
    const base = {
      seq: event.seq,
      at: event.at,
      by: { id: event.actor, name: nameOf(event.actor) },
      ...(event.relayedBy
        ? { relayedBy: { id: event.relayedBy, name: nameOf(event.relayedBy) } }
        : {}),
    };
    const entry = entryFor(event.mutation, base, answers, evidence);
    if (entry) entries.push(entry);
  }
  return entries;
}

type Base = Pick<TimelineEntry, 'seq' | 'at' | 'by' | 'relayedBy'>;

function change(before: unknown, after: unknown): FieldChange {
  return { before, after };
}

function entryFor(
  mutation: Mutation,
  base: Base,
  answers: Map<string, { value?: unknown; note?: unknown }>,
  evidence: Map<string, { indicatorId?: string; caption?: unknown }>,
): TimelineEntry | null {
  switch (mutation.type) {
    case 'answer.set': {
      const known = answers.get(mutation.indicatorId) ?? {};
      const { fields } = mutation;
      const entry: AnswerEntry = { ...base, kind: 'answer', indicatorId: mutation.indicatorId };
      if ('value' in fields) entry.value = change(known.value, fields.value);
      if ('note' in fields) entry.note = change(known.note, fields.note);
      answers.set(mutation.indicatorId, { ...known, ...fields });
      return entry;
    }
    case 'evidence.add': {
      const { id, indicatorId, caption } = mutation.evidence;
      evidence.set(id, { indicatorId, caption });
      return { ...base, kind: 'evidence', change: 'added', evidenceId: id, indicatorId };
    }
    case 'evidence.update': {
      const known = evidence.get(mutation.evidenceId) ?? {};
      evidence.set(mutation.evidenceId, { ...known, caption: mutation.fields.caption });
      return {
        ...base,
        kind: 'evidence',
        change: 'captioned',
        evidenceId: mutation.evidenceId,
        ...(known.indicatorId ? { indicatorId: known.indicatorId } : {}),
        caption: change(known.caption, mutation.fields.caption),
      };
    }
    case 'evidence.delete': {
      const known = evidence.get(mutation.evidenceId) ?? {};
      return {
        ...base,
        kind: 'evidence',
        change: 'removed',
        evidenceId: mutation.evidenceId,
        ...(known.indicatorId ? { indicatorId: known.indicatorId } : {}),
      };
    }
    case 'submission.transition':
      return {
        ...base,
        kind: 'decision',
        event: mutation.event,
        ...(mutation.reason?.trim() ? { reason: mutation.reason.trim() } : {}),
        indicatorReasons: mutation.indicatorReasons ?? [],
      };
    case 'review.comment':
      return {
        ...base,
        kind: 'comment',
        ...(mutation.indicatorId ? { indicatorId: mutation.indicatorId } : {}),
        text: mutation.text,
      };
  }
}

/** The changes to one indicator's answer, oldest first (the "history" under an answer). */
export function answerHistory(
  timeline: readonly TimelineEntry[],
  indicatorId: string,
): AnswerEntry[] {
  return timeline.filter(
    (entry): entry is AnswerEntry => entry.kind === 'answer' && entry.indicatorId === indicatorId,
  );
}

/** What one indicator went through since the return: the net answer change and the evidence. */
export interface IndicatorChanges {
  indicatorId: string;
  /** Net change: the value at the return → the latest value; absent when it ends where it began. */
  value?: FieldChange;
  note?: FieldChange;
  evidenceAdded: string[];
  evidenceRemoved: string[];
  evidenceCaptioned: string[];
}

export interface ChangesSinceReturn {
  /** The return this is measured from. */
  returned: DecisionEntry;
  /** Indicators in template-independent order: the order they were first changed. */
  indicators: IndicatorChanges[];
}

/** One indicator's changes while walking the entries after the return. */
interface Slot extends Pick<
  IndicatorChanges,
  'evidenceAdded' | 'evidenceRemoved' | 'evidenceCaptioned'
> {
  first: Partial<Record<'value' | 'note', FieldChange>>;
  last: Partial<Record<'value' | 'note', FieldChange>>;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function netChange(first: FieldChange | undefined, last: FieldChange | undefined) {
  if (!first || !last || sameValue(first.before, last.after)) return undefined;
  return change(first.before, last.after);
}

/**
 * What changed since the submission was last returned (or reopened) for correction: null when it
 * never was. Evidence added and then removed again in the same round cancels out.
 */
export function changesSinceLastReturn(
  timeline: readonly TimelineEntry[],
): ChangesSinceReturn | null {
  let returnedAt = -1;
  timeline.forEach((entry, index) => {
    if (entry.kind === 'decision' && (entry.event === 'return' || entry.event === 'reopen'))
      returnedAt = index;
  });
  const returned = timeline[returnedAt];
  if (!returned || returned.kind !== 'decision') return null;
  const byIndicator = new Map<string, Slot>();
  const slot = (indicatorId: string): Slot => {
    let found = byIndicator.get(indicatorId);
    if (!found) {
      found = {
        first: {},
        last: {},
        evidenceAdded: [],
        evidenceRemoved: [],
        evidenceCaptioned: [],
      };
      byIndicator.set(indicatorId, found);
    }
    return found;
  };
  for (const entry of timeline.slice(returnedAt + 1)) {
    if (entry.kind === 'answer') {
      const target = slot(entry.indicatorId);
      for (const field of ['value', 'note'] as const) {
        const fieldChange = entry[field];
        if (!fieldChange) continue;
        target.first[field] ??= fieldChange;
        target.last[field] = fieldChange;
      }
    } else if (entry.kind === 'evidence' && entry.indicatorId) {
      const target = slot(entry.indicatorId);
      if (entry.change === 'added') target.evidenceAdded.push(entry.evidenceId);
      else if (entry.change === 'captioned') target.evidenceCaptioned.push(entry.evidenceId);
      else if (target.evidenceAdded.includes(entry.evidenceId))
        target.evidenceAdded = target.evidenceAdded.filter((id) => id !== entry.evidenceId);
      else target.evidenceRemoved.push(entry.evidenceId);
    }
  }
  const indicators: IndicatorChanges[] = [];
  for (const [indicatorId, found] of byIndicator) {
    const value = netChange(found.first.value, found.last.value);
    const note = netChange(found.first.note, found.last.note);
    const captioned = found.evidenceCaptioned.filter((id) => !found.evidenceAdded.includes(id));
    const item: IndicatorChanges = {
      indicatorId,
      ...(value ? { value } : {}),
      ...(note ? { note } : {}),
      evidenceAdded: found.evidenceAdded,
      evidenceRemoved: found.evidenceRemoved,
      evidenceCaptioned: [...new Set(captioned)],
    };
    const empty =
      !value &&
      !note &&
      item.evidenceAdded.length === 0 &&
      item.evidenceRemoved.length === 0 &&
      item.evidenceCaptioned.length === 0;
    if (!empty) indicators.push(item);
  }
  return { returned, indicators };
}
