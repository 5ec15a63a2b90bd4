import { z } from 'zod';
import { LocalizedText } from '../i18n-text';
import { Id, IsoDate, IsoDateTime } from '../schemas/common';
import { UnitCode } from '../schemas/org';

/**
 * Commendation records: a nomination proposed by the province and posted for public comment
 * (Decree 98/2023/NĐ-CP, art. 46), and the comments the public sends about it. The lifecycle
 * between the states is in nomination.ts; these schemas check what a stored record must hold in
 * each state, so a record that skipped a step cannot be read back as valid.
 */

export const NOMINATION_STATES = ['draft', 'published', 'closed', 'decided', 'withdrawn'] as const;
export const NominationState = z.enum(NOMINATION_STATES);
export type NominationState = z.infer<typeof NominationState>;

/** A collective (a commune, an office) or an individual (an official of a unit). */
export const NominationKind = z.enum(['collective', 'individual']);
export type NominationKind = z.infer<typeof NominationKind>;

/** The emulation-commendation council's decision. */
export const NominationDecision = z.enum(['approved', 'rejected']);
export type NominationDecision = z.infer<typeof NominationDecision>;

const notBlank = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, {
      params: { code: 'empty' },
      message: 'must not be blank',
    });

export const ACHIEVEMENT_MAX_LENGTH = 1000;
export const COMMENT_BODY_MAX_LENGTH = 2000;
export const COMMENT_AUTHOR_MAX_LENGTH = 100;

/** States in which the nomination has been posted, so its comment period is known. */
const POSTED: readonly NominationState[] = ['published', 'closed', 'decided'];

export const Nomination = z
  .strictObject({
    id: Id,
    campaignId: Id,
    kind: NominationKind,
    /** The nominated collective, or the unit an individual works for. */
    unitId: UnitCode,
    personName: notBlank(200).optional(),
    achievement: notBlank(ACHIEVEMENT_MAX_LENGTH).optional(),
    /** The proposed title, e.g. "Bằng khen của Chủ tịch UBND tỉnh", "Tập thể lao động xuất sắc". */
    title: LocalizedText,
    state: NominationState,
    /** The day it was posted (the province's calendar); the comment period starts the day after. */
    publishedAt: IsoDate.optional(),
    /** The last day on which comments are taken, inclusive. */
    commentUntil: IsoDate.optional(),
    decision: NominationDecision.optional(),
    decidedOn: IsoDate.optional(),
  })
  .superRefine((n, ctx) => {
    const issue = (path: string, code: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: { code } });
    if (n.kind === 'individual') {
      // An individual's merit is personal: the public can only comment on a named person and a
      // stated achievement.
      if (n.personName === undefined) issue('personName', 'required', 'required for individuals');
      if (n.achievement === undefined) issue('achievement', 'required', 'required for individuals');
    } else if (n.personName !== undefined) {
      issue('personName', 'unexpected', 'only individuals have a person name');
    }
    const posted = POSTED.includes(n.state);
    if (posted && n.publishedAt === undefined) issue('publishedAt', 'required', 'set on publish');
    if (posted && n.commentUntil === undefined) issue('commentUntil', 'required', 'set on publish');
    if (n.state === 'draft' && (n.publishedAt !== undefined || n.commentUntil !== undefined)) {
      issue('publishedAt', 'unexpected', 'a draft has not been published');
    }
    if ((n.publishedAt === undefined) !== (n.commentUntil === undefined)) {
      issue('commentUntil', 'required', 'publishedAt and commentUntil go together');
    }
    if (n.publishedAt !== undefined && n.commentUntil !== undefined) {
      if (n.commentUntil <= n.publishedAt) {
        issue('commentUntil', 'period_reversed', 'must be after the publication day');
      }
    }
    const decided = n.state === 'decided';
    if (decided && n.decision === undefined) issue('decision', 'required', 'set on decide');
    if (decided && n.decidedOn === undefined) issue('decidedOn', 'required', 'set on decide');
    if (!decided && n.decision !== undefined) issue('decision', 'unexpected', 'only once decided');
    if (!decided && n.decidedOn !== undefined)
      issue('decidedOn', 'unexpected', 'only once decided');
  });
export type Nomination = z.infer<typeof Nomination>;

/** Moderation: every comment arrives pending and is shown only after a moderator decides. */
export const PublicCommentState = z.enum(['pending', 'shown', 'hidden']);
export type PublicCommentState = z.infer<typeof PublicCommentState>;

export const PublicComment = z.strictObject({
  id: Id,
  nominationId: Id,
  body: notBlank(COMMENT_BODY_MAX_LENGTH),
  /** Optional: the public may comment without giving a name. */
  authorName: z.string().max(COMMENT_AUTHOR_MAX_LENGTH).optional(),
  state: PublicCommentState,
  receivedAt: IsoDateTime,
});
export type PublicComment = z.infer<typeof PublicComment>;
