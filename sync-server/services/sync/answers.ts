import { explain } from '../../../src/shared/permissions/can';
import { answerIdFor } from '../../../src/shared/protocol/record-ids';
import type { Mutation } from '../../../src/shared/protocol/sync';
import { answerValueSchemaFor } from '../../../src/shared/schemas/answer';
import { templateIndicators } from '../../../src/shared/schemas/template';
import { getRecord, writeFields } from '../records';
import { ACCEPTED, reject, type MutationContext, type Outcome } from './context';
import { loadOrCreateSubmission, loadTemplate } from './submissions';

type AnswerSet = Extract<Mutation, { type: 'answer.set' }>;

/**
 * Sets the given fields of one answer (field-level last-writer-wins). The value is checked
 * against the indicator of the campaign's template: a phone running an old build cannot store a
 * value the scoring does not understand. `value: null` clears the answer.
 */
export async function applyAnswerSet(
  context: MutationContext,
  mutation: AnswerSet,
): Promise<Outcome> {
  const loaded = await loadOrCreateSubmission(context, mutation.submissionId, { create: true });
  if (!loaded.ok) return loaded.outcome;
  const { record: submission, status, campaign } = loaded.submission;
  const answerId = answerIdFor(submission.id, mutation.indicatorId);
  const decision = explain(context.actor, 'answer.write', {
    orgPath: submission.orgPath,
    status,
    campaignStatus: campaign.status,
  });
  if (!decision.allowed) {
    return reject(
      decision.code,
      decision.reason,
      (await getRecord(context.trx, 'answer', answerId)) ?? submission,
    );
  }

  const template = await loadTemplate(context, campaign);
  const indicator =
    template &&
    templateIndicators(template).find((candidate) => candidate.id === mutation.indicatorId);
  // A refused value comes back with the answer as the server holds it (none: no `current`), so
  // the phone shows the server's value again instead of an empty field. The actor passed the
  // permission check above, so it may read this answer.
  const held = () => getRecord(context.trx, 'answer', answerId);
  if (!indicator)
    return reject(
      'VALIDATION_FAILED',
      `the checklist has no indicator ${mutation.indicatorId}`,
      await held(),
    );

  const fields: Record<string, unknown> = {};
  if ('value' in mutation.fields) {
    const value = mutation.fields.value;
    if (value === null) {
      fields.value = null;
    } else {
      const parsed = answerValueSchemaFor(indicator).safeParse(value);
      if (!parsed.success) {
        return reject(
          'VALIDATION_FAILED',
          `not a valid answer for indicator ${indicator.id}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
          await held(),
        );
      }
      fields.value = parsed.data;
    }
  }
  if (mutation.fields.note !== undefined) fields.note = mutation.fields.note;

  const existing = await getRecord(context.trx, 'answer', answerId);
  await writeFields(
    context.trx,
    {
      collection: 'answer',
      id: answerId,
      orgPath: submission.orgPath,
      // The identity fields are the device's own (it derived the same id), so they do not echo back.
      fields: {
        ...(existing
          ? {}
          : { id: answerId, submissionId: submission.id, indicatorId: indicator.id }),
        ...fields,
        updatedBy: context.actor.userId,
        updatedAt: mutation.at,
      },
      origin: context.deviceId,
      now: context.now,
    },
    existing,
  );
  return ACCEPTED;
}
