import type { Mutation } from '../../shared/protocol/sync';
import type { LocalRecord, MinhChungDb, RecordKey } from '../db/database';
import { localWritesFor, touchedKeys, type LocalWrite } from './local-apply';

/** Revisions of the records a local write produced, by `collection|id`. */
export type WrittenRevisions = Map<string, number>;

export const recordRef = (collection: LocalRecord['collection'], id: string) =>
  `${collection}|${id}`;

/**
 * Merges writes into local records (creating them when new) and reads back the revision the
 * database gave each, so the screen that made the edit can recognise its own write when a live
 * query shows it. Runs inside the caller's transaction.
 */
export async function mergeLocal(db: MinhChungDb, writes: LocalWrite[]): Promise<WrittenRevisions> {
  const revisions: WrittenRevisions = new Map();
  for (const write of writes) {
    const key: RecordKey = [write.collection, write.id];
    const existing = await db.records.get(key);
    const record: LocalRecord = {
      collection: write.collection,
      id: write.id,
      fields: { ...(existing?.fields ?? {}), ...write.fields },
    };
    await db.records.put(record);
    const rev = (await db.records.get(key))?.rev;
    if (rev !== undefined) revisions.set(recordRef(write.collection, write.id), rev);
  }
  return revisions;
}

/**
 * The one way the app changes data: applies the mutation to the local copy and queues it for the
 * server, atomically — either both happen or neither, so a tab killed mid-save loses nothing that
 * the user saw as saved, and nothing is shown that will never be sent.
 */
export async function enqueue(
  db: MinhChungDb,
  mutation: Mutation,
  userId: string,
  now = new Date(),
): Promise<WrittenRevisions> {
  return db.transaction('rw', db.records, db.outbox, async () => {
    const cache = new Map<string, LocalRecord | undefined>();
    for (const key of relatedKeys(mutation)) {
      cache.set(key.join('|'), await db.records.get(key));
    }
    const writes = localWritesFor(
      mutation,
      { get: (collection, id) => cache.get(`${collection}|${id}`) },
      userId,
    );
    const revisions = await mergeLocal(db, writes);
    if (await coalesce(db, mutation, touchedKeys(writes))) return revisions;
    await db.outbox.add({
      mutationId: mutation.id,
      mutation,
      state: 'pending',
      touches: touchedKeys(writes),
      attempts: 0,
      createdAt: now.toISOString(),
      sent: 0,
    });
    return revisions;
  });
}

/**
 * Typing in a field saves every few hundred milliseconds; sending each save would fill the outbox
 * and the 2G link with versions nobody needs. A new answer edit is folded into the previous one
 * when that one is the newest entry of the whole outbox (so no other change is reordered around
 * it) and has never been sent. Never sent matters: an entry that went out may have been applied
 * under its id with a lost answer, and changing what that id means would lose the new edit.
 *
 * "Sent" includes "exported": a backup file carries the entry away under its id (a district may
 * relay it), so export freezes what it writes (`sent: 1`, features/backup/signing.ts) before signing it. A
 * signed entry is therefore always frozen, and its signature always covers its final content; a
 * relayed entry (another officer's, imported frozen) is never folded either — it is not ours.
 */
async function coalesce(db: MinhChungDb, mutation: Mutation, touches: string[]): Promise<boolean> {
  if (mutation.type !== 'answer.set') return false;
  const last = await db.outbox.orderBy('order').last();
  if (!last || last.state !== 'pending' || last.sent === 1 || last.attempts > 0) return false;
  if (last.signature || last.relay) return false;
  const previous = last.mutation;
  if (
    previous.type !== 'answer.set' ||
    previous.submissionId !== mutation.submissionId ||
    previous.indicatorId !== mutation.indicatorId
  ) {
    return false;
  }
  const merged: Mutation = {
    ...previous,
    at: mutation.at,
    fields: { ...previous.fields, ...mutation.fields },
  };
  await db.outbox.update(last.order, {
    mutation: merged,
    touches: [...new Set([...last.touches, ...touches])],
  });
  return true;
}

function relatedKeys(mutation: Mutation): RecordKey[] {
  switch (mutation.type) {
    case 'answer.set':
    case 'submission.transition':
    case 'review.comment':
      return [['submission', mutation.submissionId]];
    case 'evidence.add':
      return [['submission', mutation.evidence.submissionId]];
    case 'evidence.update':
    case 'evidence.delete':
      return [['evidence', mutation.evidenceId]];
  }
}
