import { submissionIdFor } from '../../../shared/protocol/record-ids';
import type { SubmissionStatus } from '../../../shared/schemas/submission';
import { scoreSubmission } from '../../../shared/scoring/score';
import { matchesFolded } from '../../../shared/text/fold';
import { unitDisplayName } from '../checklist/unit-names';
import { countEvidence, latest } from './records';
import type { InboxSource } from './repository';

/** A unit's place in the workflow; `notStarted` when the phone holds no submission for it. */
export type InboxStatus = SubmissionStatus | 'notStarted';

/** Statuses in the order a reviewer works through them: what waits for a decision first. */
export const INBOX_STATUSES: readonly InboxStatus[] = [
  'submitted',
  'approved',
  'returned',
  'draft',
  'notStarted',
  'accepted',
];

export interface InboxRow {
  unitId: string;
  /** The name shown, in the current language ("Xã Phước Bình"). */
  name: string;
  /** Every spelling the search box should find the unit by. */
  searchText: string;
  path: string;
  submissionId: string;
  status: InboxStatus;
  answered: number;
  required: number;
  score: number;
  maxScore: number;
  evidence: number;
  /** The latest change the phone knows of (answer, photo, status); null before any. */
  lastUpdate: string | null;
  submittedAt: string | null;
  /** A decision taken on this phone has not reached the server yet. */
  waiting: boolean;
}

/** One row per unit, scored with the shared scoring exactly as the commune's own screen does. */
export function buildRows(source: InboxSource, language: string): InboxRow[] {
  const { campaign, template } = source;
  return source.units.map((unit) => {
    const submissionId = submissionIdFor(campaign.id, unit.id);
    const data = source.bySubmission.get(submissionId);
    const items = data?.evidence.map((entry) => entry.item) ?? [];
    const values = new Map(
      [...(data?.answers ?? [])]
        .filter(([, answer]) => answer.value !== null && answer.value !== undefined)
        .map(([indicatorId, answer]) => [indicatorId, answer.value]),
    );
    const score = scoreSubmission(template, values, countEvidence(items));
    return {
      unitId: unit.id,
      name: unitDisplayName(unit, language),
      searchText: [unit.fullName, unit.name, unit.nameEn, unit.code].filter(Boolean).join(' '),
      path: unit.path,
      submissionId,
      status: data?.submission?.status ?? 'notStarted',
      answered: score.answeredCount,
      required: score.requiredCount,
      score: score.total,
      maxScore: score.maxScore,
      evidence: items.length,
      lastUpdate: latest([
        data?.submission?.updatedAt,
        ...[...(data?.answers.values() ?? [])].map((answer) => answer.updatedAt),
        ...(data?.evidence ?? []).map((entry) => entry.createdAt),
      ]),
      submittedAt: data?.submission?.submittedAt ?? null,
      waiting: source.waiting.has(submissionId),
    };
  });
}

const DAY_MS = 86_400_000;

/** Whole days from `now` to the deadline: positive before it, negative after, 0 on the day. */
export function daysToDeadline(deadline: string, now: number): number {
  const ms = Date.parse(deadline) - now;
  return ms >= 0 ? Math.floor(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS);
}

/** Whether the commune still owes work before the deadline (so the deadline concerns it). */
export function owesWork(status: InboxStatus): boolean {
  return status === 'notStarted' || status === 'draft' || status === 'returned';
}

export type InboxSort = 'status' | 'name' | 'score' | 'deadline';
export const INBOX_SORTS: readonly InboxSort[] = ['status', 'name', 'score', 'deadline'];

const byName = (a: InboxRow, b: InboxRow) => a.name.localeCompare(b.name, 'vi');

/**
 * Sorted rows, ties broken by name. `deadline` puts the communes that still owe work first (the
 * deadline is theirs to meet; it is the same for all, so they are ordered by how long they have
 * been quiet), then those that have handed in, earliest first.
 */
export function sortRows(rows: readonly InboxRow[], sort: InboxSort): InboxRow[] {
  const statusRank = (row: InboxRow) => INBOX_STATUSES.indexOf(row.status);
  const compare: Record<InboxSort, (a: InboxRow, b: InboxRow) => number> = {
    status: (a, b) => statusRank(a) - statusRank(b),
    name: () => 0,
    score: (a, b) => b.score - a.score,
    deadline: (a, b) => {
      const owing = Number(owesWork(b.status)) - Number(owesWork(a.status));
      if (owing !== 0) return owing;
      const time = (row: InboxRow) =>
        Date.parse((owesWork(row.status) ? row.lastUpdate : row.submittedAt) ?? '') || 0;
      return time(a) - time(b);
    },
  };
  return [...rows].sort((a, b) => compare[sort](a, b) || byName(a, b));
}

export interface InboxFilter {
  status: InboxStatus | 'all';
  query: string;
}

/** Rows of the chosen status whose name matches the search, diacritics and case ignored. */
export function filterRows(rows: readonly InboxRow[], filter: InboxFilter): InboxRow[] {
  return rows.filter(
    (row) =>
      (filter.status === 'all' || row.status === filter.status) &&
      (matchesFolded(row.searchText, filter.query) || matchesFolded(row.name, filter.query)),
  );
}
