import { ulid } from '../../../shared/ids';
import { answerIdFor } from '../../../shared/protocol/record-ids';
import type { Mutation } from '../../../shared/protocol/sync';
import type { MinhChungDb } from '../../db/database';
import { enqueue, recordRef } from '../../sync/outbox';

export interface Actor {
  userId: string;
}

/**
 * The checklist's writes. Each goes through the outbox: saved on the phone at once, sent when a
 * connection allows. Components never touch the database themselves.
 *
 * Resolves with the revision the answer record got, so the card that saved it can tell its own
 * write from a change made elsewhere.
 */
export async function saveAnswer(
  db: MinhChungDb,
  actor: Actor,
  submissionId: string,
  indicatorId: string,
  fields: { value?: unknown; note?: string | null },
) {
  const mutation: Mutation = {
    id: ulid(),
    at: new Date().toISOString(),
    type: 'answer.set',
    submissionId,
    indicatorId,
    fields,
  };
  const revisions = await enqueue(db, mutation, actor.userId);
  return revisions.get(recordRef('answer', answerIdFor(submissionId, indicatorId)));
}

export async function submitChecklist(db: MinhChungDb, actor: Actor, submissionId: string) {
  await enqueue(
    db,
    {
      id: ulid(),
      at: new Date().toISOString(),
      type: 'submission.transition',
      submissionId,
      event: 'submit',
    },
    actor.userId,
  );
}

/** The officer has read a refusal: it leaves the outbox (the server's value is already shown). */
export async function dismissRefusal(db: MinhChungDb, mutationId: string): Promise<void> {
  await db.outbox
    .where('mutationId')
    .equals(mutationId)
    .and((entry) => entry.state === 'rejected')
    .delete();
}
