import { z } from 'zod';
import { Id, IsoDateTime } from './common';

export const ReviewDecision = z.enum([
  'return',
  'approve',
  'accept',
  'sendBack',
  'reopen',
  'withdraw',
  'comment',
]);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/**
 * Decisions that take work away from someone must say why, so that the commune (or reviewer) can
 * act on it; a comment without text is meaningless, so it needs its text too. Kept in sync with
 * workflow `requiresReason` by a unit test rather than an import, so schemas stay dependency-free.
 */
export const DECISIONS_REQUIRING_REASON: readonly ReviewDecision[] = [
  'return',
  'sendBack',
  'reopen',
  'comment',
];

/** A recorded decision or comment; `indicatorId` set when it concerns a single indicator. */
export const Review = z
  .strictObject({
    id: Id,
    submissionId: Id,
    indicatorId: z.string().min(1).optional(),
    decision: ReviewDecision,
    reason: z.string().max(4000).optional(),
    by: Id,
    at: IsoDateTime,
  })
  .superRefine((review, ctx) => {
    if (
      DECISIONS_REQUIRING_REASON.includes(review.decision) &&
      (review.reason ?? '').trim().length === 0
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'a reason is required for this decision',
        params: { code: 'reason_required' },
      });
    }
  });
export type Review = z.infer<typeof Review>;
