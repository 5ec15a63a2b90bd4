import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Mutation } from '../../../shared/protocol/sync';
import type { Campaign } from '../../../shared/schemas/campaign';
import type { OrgUnit } from '../../../shared/schemas/org';
import type { Template } from '../../../shared/schemas/template';
import { scoreSubmission, type SubmissionScore } from '../../../shared/scoring/score';
import type { MinhChungDb, OutboxEntry } from '../../db/database';
import type { InboxStatus } from './inbox';
import { countEvidence, type ReviewEvidence, type SubmissionReview } from './records';
import { loadReview } from './repository';

export type Transition = Extract<Mutation, { type: 'submission.transition' }>;
export type Comment = Extract<Mutation, { type: 'review.comment' }>;

/** An outbox entry narrowed to the mutation it carries. */
export interface Queued<M extends Mutation> {
  entry: OutboxEntry;
  mutation: M;
}

export interface ReviewData {
  campaign: Campaign;
  template: Template;
  unit: OrgUnit;
  submissionId: string;
  status: InboxStatus;
  answers: Map<string, { value: unknown; note: unknown }>;
  evidence: Map<string, ReviewEvidence[]>;
  /** Decisions and comments, newest first. */
  reviews: SubmissionReview[];
  /** The same, by indicator (stable arrays, so an unchanged card is not re-rendered). */
  reviewsByIndicator: Map<string, SubmissionReview[]>;
  /** Texts of this phone's comments not yet acknowledged, by indicator. */
  pendingCommentsByIndicator: Map<string, string[]>;
  score: SubmissionScore;
  pendingDecisions: Queued<Transition>[];
  refusedDecisions: Queued<Transition>[];
  pendingComments: Queued<Comment>[];
  refusedComments: Queued<Comment>[];
}

export type ReviewState =
  { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; data: ReviewData };

const isTransition = (m: Mutation): m is Transition => m.type === 'submission.transition';
const isComment = (m: Mutation): m is Comment => m.type === 'review.comment';

function queued<M extends Mutation>(
  entries: OutboxEntry[],
  is: (mutation: Mutation) => mutation is M,
  state: OutboxEntry['state'],
): Queued<M>[] {
  return entries.flatMap((entry) => {
    const { mutation } = entry;
    return is(mutation) && entry.state === state ? [{ entry, mutation }] : [];
  });
}

function groupBy<T, V>(
  items: T[],
  keyOf: (item: T) => string | undefined,
  valueOf: (item: T) => V,
): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), valueOf(item)]);
  }
  return groups;
}

/** One submission as the review screen shows it, live: a pull or a decision re-renders it. */
export function useReview(db: MinhChungDb, submissionId: string): ReviewState {
  const source = useLiveQuery(
    () => loadReview(db, submissionId),
    [db, submissionId],
    'loading' as const,
  );
  return useMemo((): ReviewState => {
    if (source === 'loading') return { kind: 'loading' };
    if (!source) return { kind: 'none' };
    const { data, outbox } = source;
    const evidence = new Map<string, ReviewEvidence[]>();
    for (const { item } of data.evidence) {
      evidence.set(item.indicatorId, [...(evidence.get(item.indicatorId) ?? []), item]);
    }
    const values = new Map(
      [...data.answers]
        .filter(([, answer]) => answer.value !== null && answer.value !== undefined)
        .map(([indicatorId, answer]) => [indicatorId, answer.value]),
    );
    const reviews = [...data.reviews].sort((a, b) => b.at.localeCompare(a.at));
    const pendingComments = queued(outbox, isComment, 'pending');
    return {
      kind: 'ready',
      data: {
        campaign: source.campaign,
        template: source.template,
        unit: source.unit,
        submissionId: source.submissionId,
        status: data.submission?.status ?? 'notStarted',
        answers: data.answers,
        evidence,
        reviews,
        reviewsByIndicator: groupBy(
          reviews,
          (review) => review.indicatorId,
          (review) => review,
        ),
        pendingCommentsByIndicator: groupBy(
          pendingComments,
          ({ mutation }) => mutation.indicatorId,
          ({ mutation }) => mutation.text,
        ),
        score: scoreSubmission(
          source.template,
          values,
          countEvidence(data.evidence.map((e) => e.item)),
        ),
        pendingDecisions: queued(outbox, isTransition, 'pending'),
        refusedDecisions: queued(outbox, isTransition, 'rejected'),
        pendingComments,
        refusedComments: queued(outbox, isComment, 'rejected'),
      },
    };
  }, [source]);
}
