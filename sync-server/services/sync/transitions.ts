import { explain, type Action } from '../../../src/shared/permissions/can';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { isPhotoMime, type EvidenceMime } from '../../../src/shared/schemas/evidence';
import type { Template } from '../../../src/shared/schemas/template';
import { scoreSubmission, type EvidenceCounts } from '../../../src/shared/scoring/score';
import { nextStatus, requiresReason } from '../../../src/shared/workflow/state-machine';
import { SERVER_ORIGIN, writeFields, type StoredRecord } from '../records';
import { ACCEPTED, reject, type MutationContext, type Outcome } from './context';
import { loadOrCreateSubmission, loadTemplate } from './submissions';

type Transition = Extract<Mutation, { type: 'submission.transition' }>;
type Comment = Extract<Mutation, { type: 'review.comment' }>;

async function scoreOf(context: MutationContext, submission: StoredRecord, template: Template) {
  const rows = await context.trx
    .selectFrom('records')
    .select(['collection', 'data'])
    .where('org_path', '=', submission.orgPath)
    .where('collection', 'in', ['answer', 'evidence'])
    .execute();
  const answers = new Map<string, unknown>();
  const evidence = new Map<string, EvidenceCounts>();
  let evidenceCount = 0;
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (data.submissionId !== submission.id) continue;
    const indicatorId = String(data.indicatorId);
    if (row.collection === 'answer') {
      if (data.value !== null && data.value !== undefined) answers.set(indicatorId, data.value);
    } else if (data.deleted !== true) {
      evidenceCount += 1;
      const counts = evidence.get(indicatorId) ?? { photos: 0, documents: 0 };
      if (isPhotoMime(data.mime as EvidenceMime)) counts.photos += 1;
      else counts.documents += 1;
      evidence.set(indicatorId, counts);
    }
  }
  return { ...scoreSubmission(template, answers, evidence), evidenceCount };
}

/**
 * A workflow step. The permission function decides who may take it from which status (one rule
 * set for client and server); the server adds what only it can check: completeness on submit,
 * and a reason where the step takes work back from someone. Every step leaves a review record, so
 * the commune sees who decided what and when, and why.
 */
export async function applyTransition(
  context: MutationContext,
  mutation: Transition,
): Promise<Outcome> {
  const loaded = await loadOrCreateSubmission(context, mutation.submissionId, { create: false });
  if (!loaded.ok) return loaded.outcome;
  const { record: submission, status, campaign } = loaded.submission;
  const action = `submission.${mutation.event}` as Action;
  const decision = explain(context.actor, action, {
    orgPath: submission.orgPath,
    status,
    campaignStatus: campaign.status,
  });
  if (!decision.allowed) return reject(decision.code, decision.reason, submission);
  const target = nextStatus(status, mutation.event);
  if (target === null)
    return reject(
      'WORKFLOW_VIOLATION',
      `cannot ${mutation.event} a ${status} submission`,
      submission,
    );

  const reasons = mutation.indicatorReasons ?? [];
  const general = mutation.reason?.trim() ?? '';
  if (requiresReason(mutation.event) && general === '' && reasons.length === 0) {
    return reject('VALIDATION_FAILED', `a reason is required to ${mutation.event}`, submission);
  }

  const serverFields: Record<string, unknown> = { status: target, updatedAt: context.now };
  if (mutation.event === 'submit') {
    const template = await loadTemplate(context, campaign);
    if (!template) return reject('CONFLICT', 'the campaign template is missing', submission);
    const score = await scoreOf(context, submission, template);
    const unanswered = score.missing
      .filter((item) => item.reason === 'unanswered')
      .map((item) => item.indicatorId);
    if (unanswered.length > 0) {
      return reject(
        'VALIDATION_FAILED',
        `unanswered indicators: ${unanswered.join(', ')}`,
        submission,
      );
    }
    // The figures the dashboards and rankings read, fixed at submission: answers cannot change
    // until the submission is returned, and a resubmission writes them again. Reading them from
    // the submission record spares a dashboard from re-scoring every commune's answers.
    serverFields.score = score.total;
    serverFields.pillarScores = score.pillars;
    serverFields.evidenceCount = score.evidenceCount;
    serverFields.submittedAt = context.now;
    // Timeliness counts the first submission: a return and a fix after the deadline do not make
    // a commune late that sent on time.
    if (typeof submission.data.firstSubmittedAt !== 'string')
      serverFields.firstSubmittedAt = context.now;
  }
  await writeFields(
    context.trx,
    {
      collection: 'submission',
      id: submission.id,
      orgPath: submission.orgPath,
      fields: {},
      serverFields,
      origin: SERVER_ORIGIN,
      now: context.now,
    },
    submission,
  );

  const decisionName = mutation.event;
  const reviews = [
    ...(general || reasons.length === 0
      ? [{ indicatorId: undefined, reason: general || undefined }]
      : []),
    ...reasons.map((item) => ({ indicatorId: item.indicatorId, reason: item.reason })),
  ];
  for (const review of reviews) {
    await writeReview(context, submission, { decision: decisionName, ...review });
  }
  return ACCEPTED;
}

async function writeReview(
  context: MutationContext,
  submission: StoredRecord,
  review: { decision: string; indicatorId: string | undefined; reason: string | undefined },
) {
  const id = context.newId();
  await writeFields(
    context.trx,
    {
      collection: 'review',
      id,
      orgPath: submission.orgPath,
      fields: {},
      serverFields: {
        id,
        submissionId: submission.id,
        decision: review.decision,
        ...(review.indicatorId ? { indicatorId: review.indicatorId } : {}),
        ...(review.reason ? { reason: review.reason } : {}),
        by: context.actor.userId,
        byName: context.userName,
        at: context.now,
      },
      origin: SERVER_ORIGIN,
      now: context.now,
    },
    null,
  );
}

export async function applyComment(context: MutationContext, mutation: Comment): Promise<Outcome> {
  const loaded = await loadOrCreateSubmission(context, mutation.submissionId, { create: false });
  if (!loaded.ok) return loaded.outcome;
  const { record: submission, status, campaign } = loaded.submission;
  const decision = explain(context.actor, 'review.comment', {
    orgPath: submission.orgPath,
    status,
    campaignStatus: campaign.status,
  });
  if (!decision.allowed) return reject(decision.code, decision.reason, submission);
  await writeReview(context, submission, {
    decision: 'comment',
    indicatorId: mutation.indicatorId,
    reason: mutation.text,
  });
  return ACCEPTED;
}
