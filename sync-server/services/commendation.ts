import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { vietnamDateOf } from '../../src/shared/calendar/working-days';
import {
  acceptsComments,
  nominationEligibility,
  nominationTransition,
  type NominationEvent,
  type NominationRefusalCode,
} from '../../src/shared/commendation/nomination';
import {
  ACHIEVEMENT_MAX_LENGTH,
  Nomination,
  NominationKind,
  PublicComment,
} from '../../src/shared/commendation/schemas';
import { LocalizedText } from '../../src/shared/i18n-text';
import { Id } from '../../src/shared/schemas/common';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { submissionIdFor } from '../../src/shared/protocol/record-ids';
import { OrgUnit, UnitCode } from '../../src/shared/schemas/org';
import { SubmissionStatus } from '../../src/shared/schemas/submission';
import type { ErrorCode } from '../../src/shared/errors';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';
import { appendAudit } from './audit';
import { getRecord } from './records';

/** What the province sends to propose; the full record is checked by `Nomination` after. */
export const NewNomination = z.object({
  campaignId: Id,
  kind: NominationKind,
  unitId: UnitCode,
  personName: z.string().max(200).optional(),
  achievement: z.string().max(ACHIEVEMENT_MAX_LENGTH).optional(),
  title: LocalizedText,
});
export type NewNomination = z.infer<typeof NewNomination>;

const REFUSAL_CODES: Record<NominationRefusalCode, ErrorCode> = {
  WRONG_STATE: 'WORKFLOW_VIOLATION',
  COMMENT_PERIOD_OPEN: 'WORKFLOW_VIOLATION',
  INVALID_DATE: 'VALIDATION_FAILED',
  INVALID_PERIOD: 'VALIDATION_FAILED',
};

export interface CommendationClock {
  now: () => Date;
  newId: () => string;
}

async function unitPath(db: Kysely<Database>, unitId: string): Promise<string> {
  const unit = OrgUnit.safeParse((await getRecord(db, 'org_unit', unitId))?.data);
  if (!unit.success) throw new HttpError('NOT_FOUND', `No unit ${unitId}`);
  return unit.data.path;
}

function authorise(actor: Actor, orgPath: string) {
  const decision = explain(actor, 'nomination.manage', { orgPath });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
}

/** Only a unit whose result the province accepted may be proposed (shared rule). */
async function checkEligible(db: Kysely<Database>, campaignId: string, unitId: string) {
  const submission = await getRecord(db, 'submission', submissionIdFor(campaignId, unitId));
  const status = SubmissionStatus.safeParse(submission?.data.status);
  const eligibility = nominationEligibility(status.success ? status.data : null);
  if (!eligibility.ok) throw new HttpError('WORKFLOW_VIOLATION', eligibility.reason);
}

async function save(
  trx: Transaction<Database>,
  nomination: Nomination,
  orgPath: string,
  at: string,
) {
  const row = {
    campaign_id: nomination.campaignId,
    org_path: orgPath,
    state: nomination.state,
    data: JSON.stringify(nomination),
    updated_at: at,
  };
  await trx
    .insertInto('nominations')
    .values({ id: nomination.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** A draft proposal for a unit whose result was accepted; audited as `nomination.create`. */
export async function createNomination(
  db: Kysely<Database>,
  actor: Actor,
  input: NewNomination,
  clock: CommendationClock,
): Promise<Nomination> {
  const orgPath = await unitPath(db, input.unitId);
  authorise(actor, orgPath);
  await checkEligible(db, input.campaignId, input.unitId);
  const parsed = Nomination.safeParse({ ...input, id: clock.newId(), state: 'draft' });
  if (!parsed.success)
    throw new HttpError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'invalid');
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await save(trx, parsed.data, orgPath, at);
    await appendAudit(trx, {
      actor: actor.userId,
      action: 'nomination.create',
      target: `nomination:${parsed.data.id}`,
      data: parsed.data,
      at,
    });
  });
  return parsed.data;
}

async function loadNomination(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('nominations')
    .select(['data', 'org_path'])
    .where('id', '=', id)
    .executeTakeFirst();
  const nomination = Nomination.safeParse(row ? JSON.parse(row.data) : undefined);
  if (!row || !nomination.success) throw new HttpError('NOT_FOUND', 'No such nomination');
  return { nomination: nomination.data, orgPath: row.org_path };
}

export const NominationStep = z.discriminatedUnion('type', [
  z.object({ type: z.literal('publish'), periodDays: z.number().int().min(1).max(60).optional() }),
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('decide'), decision: z.enum(['approved', 'rejected']) }),
  z.object({ type: z.literal('withdraw') }),
]);
export type NominationStep = z.infer<typeof NominationStep>;

/**
 * One lifecycle step, dated by the province's calendar day; audited as `nomination.<step>`. A
 * comment period counts working days: weekends and the deployment's `holidays` are skipped.
 */
export async function stepNomination(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  step: NominationStep,
  calendar: CommendationClock & { holidays: readonly string[] },
): Promise<Nomination> {
  const { nomination, orgPath } = await loadNomination(db, id);
  authorise(actor, orgPath);
  const now = calendar.now();
  const on = vietnamDateOf(now.toISOString());
  const event: NominationEvent =
    step.type === 'publish'
      ? { type: 'publish', on, periodDays: step.periodDays, holidays: calendar.holidays }
      : step.type === 'decide'
        ? { type: 'decide', on, decision: step.decision }
        : step.type === 'close'
          ? { type: 'close', on }
          : { type: 'withdraw' };
  const result = nominationTransition(nomination, event);
  if (!result.ok) throw new HttpError(REFUSAL_CODES[result.code], result.reason);
  const next = Nomination.parse({ ...nomination, ...result.next });
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await save(trx, next, orgPath, at);
    await appendAudit(trx, {
      actor: actor.userId,
      action: `nomination.${step.type}`,
      target: `nomination:${id}`,
      data: step,
      at,
    });
  });
  return next;
}

/** The campaign's nominations in the actor's scope, every state (the province's own list). */
export async function listNominations(db: Kysely<Database>, actor: Actor, campaignId: string) {
  authorise(actor, actor.orgPath);
  const rows = await db
    .selectFrom('nominations')
    .select(['data', 'org_path'])
    .where('campaign_id', '=', campaignId)
    .execute();
  return rows
    .filter((row) => row.org_path.startsWith(actor.orgPath))
    .flatMap((row) => Nomination.safeParse(JSON.parse(row.data)).data ?? []);
}

/** What the public may see: posted nominations (never drafts or withdrawn ones) and shown comments. */
export const PUBLIC_STATES = ['published', 'closed', 'decided'] as const;

export async function publicNominations(db: Kysely<Database>, campaignId: string) {
  const rows = await db
    .selectFrom('nominations')
    .select('data')
    .where('campaign_id', '=', campaignId)
    .where('state', 'in', [...PUBLIC_STATES])
    .execute();
  const nominations = rows.flatMap((row) => Nomination.safeParse(JSON.parse(row.data)).data ?? []);
  const ids = nominations.map((n) => n.id);
  const comments = ids.length
    ? await db
        .selectFrom('public_comments')
        .select('data')
        .where('nomination_id', 'in', ids)
        .where('state', '=', 'shown')
        .execute()
    : [];
  const shown = comments.flatMap((row) => PublicComment.safeParse(JSON.parse(row.data)).data ?? []);
  return nominations.map((nomination) => ({
    nomination,
    comments: shown
      .filter((comment) => comment.nominationId === nomination.id)
      .map(({ body, authorName, receivedAt }) => ({ body, authorName, receivedAt })),
  }));
}

export const CommentInput = z.object({
  nominationId: z.string().min(1).max(100),
  body: z.string(),
  authorName: z.string().optional(),
  /** A field people never see: a bot that fills every field fills this one too. */
  website: z.string().optional(),
});

/**
 * A comment from the public, stored as pending until the province moderates it. A bot's comment
 * (the honeypot filled) answers the same as a person's, so the bot learns nothing, and is dropped.
 */
export async function receiveComment(
  db: Kysely<Database>,
  input: z.infer<typeof CommentInput>,
  clock: CommendationClock,
): Promise<{ received: true; campaignId: string | null }> {
  if (input.website !== undefined && input.website.trim() !== '')
    return { received: true, campaignId: null };
  const { nomination } = await loadNomination(db, input.nominationId);
  const now = clock.now();
  if (!acceptsComments(nomination, vietnamDateOf(now.toISOString())))
    throw new HttpError('WORKFLOW_VIOLATION', 'This nomination is not open for comment');
  const author = input.authorName?.trim();
  const comment = PublicComment.safeParse({
    id: clock.newId(),
    nominationId: nomination.id,
    body: input.body.trim(),
    ...(author ? { authorName: author } : {}),
    state: 'pending',
    receivedAt: now.toISOString(),
  });
  if (!comment.success)
    throw new HttpError('VALIDATION_FAILED', comment.error.issues[0]?.message ?? 'invalid');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('public_comments')
      .values({
        id: comment.data.id,
        nomination_id: nomination.id,
        state: 'pending',
        data: JSON.stringify(comment.data),
        received_at: comment.data.receivedAt,
      })
      .execute();
    await appendAudit(trx, {
      actor: 'public',
      action: 'comment.received',
      target: `comment:${comment.data.id}`,
      data: { nominationId: nomination.id },
      at: comment.data.receivedAt,
    });
  });
  return { received: true, campaignId: nomination.campaignId };
}

/** The province shows or hides a comment; audited as `comment.shown` / `comment.hidden`. */
export async function moderateComment(
  db: Kysely<Database>,
  actor: Actor,
  commentId: string,
  state: 'shown' | 'hidden',
  clock: CommendationClock,
) {
  const row = await db
    .selectFrom('public_comments')
    .select(['data', 'nomination_id'])
    .where('id', '=', commentId)
    .executeTakeFirst();
  const comment = PublicComment.safeParse(row ? JSON.parse(row.data) : undefined);
  if (!row || !comment.success) throw new HttpError('NOT_FOUND', 'No such comment');
  const { orgPath } = await loadNomination(db, row.nomination_id);
  authorise(actor, orgPath);
  const next = { ...comment.data, state };
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('public_comments')
      .set({ state, data: JSON.stringify(next) })
      .where('id', '=', commentId)
      .execute();
    await appendAudit(trx, {
      actor: actor.userId,
      action: `comment.${state}`,
      target: `comment:${commentId}`,
      data: { state },
      at,
    });
  });
  return next;
}

/** The comments waiting for moderation on the actor's nominations. */
export async function commentsOf(db: Kysely<Database>, actor: Actor, nominationId: string) {
  const { orgPath } = await loadNomination(db, nominationId);
  authorise(actor, orgPath);
  const rows = await db
    .selectFrom('public_comments')
    .select('data')
    .where('nomination_id', '=', nominationId)
    .orderBy('received_at')
    .execute();
  return rows.flatMap((row) => PublicComment.safeParse(JSON.parse(row.data)).data ?? []);
}
