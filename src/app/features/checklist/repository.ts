import { ulid } from '../../../shared/ids';
import type { Mutation } from '../../../shared/protocol/sync';
import type { MinhChungDb } from '../../db/database';
import { enqueue } from '../../sync/outbox';

export interface Actor {
  userId: string;
}

/**
 * The checklist's writes. Each goes through the outbox: saved on the phone at once, sent when a
 * connection allows. Components never touch the database themselves.
 */
export function saveAnswer(
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
  return enqueue(db, mutation, actor.userId);
}

export function submitChecklist(db: MinhChungDb, actor: Actor, submissionId: string) {
  return enqueue(
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
