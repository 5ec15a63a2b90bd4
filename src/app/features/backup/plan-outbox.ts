import { answerIdFor } from '../../../shared/protocol/record-ids';
import type { SessionUser } from '../../../shared/protocol/auth';
import type { Mutation } from '../../../shared/protocol/sync';
import { fieldKey, type OutboxEntry } from '../../db/database';
import type { BackupContents, BackupOutboxEntry } from './format';

/**
 * What this device remembers of mutations it met in backup files, by id. `handled`: its author
 * imported it here (queued, or superseded by a newer local edit) — never queue it again, even after
 * the outbox entry was acknowledged and deleted. `seen`: another user's file showed it; its values
 * were merged but it was not queued, so its author may still queue it from this device.
 */
export type Ledger = Record<string, 'handled' | 'seen'>;

/**
 * Drops from an imported mutation the fields a local pending edit also wrote. Local entries are
 * sent first; the imported one, arriving later, would win on the server while the phone still
 * shows the local value. Trimming keeps the officer's newer edit and makes both sides agree. If the
 * id already reached the server from the other phone, the replay is a no-op either way.
 */
function trimSuperseded(
  entry: BackupOutboxEntry,
  protectedKeys: ReadonlySet<string>,
): { mutation: Mutation; touches: string[] } | null {
  const { mutation } = entry;
  if (mutation.type === 'answer.set') {
    const id = answerIdFor(mutation.submissionId, mutation.indicatorId);
    const dropped = Object.keys(mutation.fields)
      .map((field) => fieldKey('answer', id, field))
      .filter((key) => protectedKeys.has(key));
    if (dropped.length === 0) return { mutation, touches: entry.touches };
    const fields = Object.fromEntries(
      Object.entries(mutation.fields).filter(
        ([field]) => !protectedKeys.has(fieldKey('answer', id, field)),
      ),
    );
    if (Object.keys(fields).length === 0) return null;
    return {
      mutation: { ...mutation, fields },
      touches: entry.touches.filter((key) => !dropped.includes(key)),
    };
  }
  if (
    mutation.type === 'evidence.update' &&
    protectedKeys.has(fieldKey('evidence', mutation.evidenceId, 'caption'))
  )
    return null;
  // Workflow steps, evidence additions/deletions and comments are not field edits: they go as
  // they are, and the server's workflow rules decide.
  return { mutation, touches: entry.touches };
}

/**
 * The fields a mutation changes on the server. Narrower than its `touches`, which also name what
 * the optimistic write filled in around it (a draft submission's status, an answer's ids): those
 * are not news, and must not override what this device has pulled since.
 */
function changedKeys(mutation: Mutation, into: Set<string>) {
  const add = (collection: 'answer' | 'evidence' | 'submission', id: string, fields: string[]) => {
    for (const field of fields) into.add(fieldKey(collection, id, field));
  };
  switch (mutation.type) {
    case 'answer.set':
      add('answer', answerIdFor(mutation.submissionId, mutation.indicatorId), [
        ...Object.keys(mutation.fields),
        'updatedAt',
        'updatedBy',
      ]);
      return;
    case 'evidence.add':
      add('evidence', mutation.evidence.id, [...Object.keys(mutation.evidence), 'deleted']);
      return;
    case 'evidence.update':
      add('evidence', mutation.evidenceId, ['caption']);
      return;
    case 'evidence.delete':
      add('evidence', mutation.evidenceId, ['deleted']);
      return;
    case 'submission.transition':
      add('submission', mutation.submissionId, ['status']);
      return;
    case 'review.comment':
      return;
  }
}

/** What the outbox plan needs to know of this device. */
export interface OutboxView {
  outboxIds: ReadonlySet<string>;
  /** Fields written by this device's pending mutations: the officer's unsent edits win. */
  protectedKeys: ReadonlySet<string>;
  ledger: Ledger;
  deviceId: string;
}

/** Which of the file's outbox entries join this device's outbox, and which fields they make fresh. */
export function planOutbox(backup: BackupContents, user: SessionUser, local: OutboxView) {
  const isAuthor = user.id === backup.manifest.user.id;
  // A file made on this very device: whatever of its outbox is no longer here was acknowledged
  // (or dismissed) since, so none of it is news.
  const sameDevice = backup.manifest.deviceId === local.deviceId;
  const outbox: Omit<OutboxEntry, 'order'>[] = [];
  const ledger: Ledger = { ...local.ledger };
  let ledgerChanged = false;
  const counts = {
    queued: 0,
    alreadyKnown: 0,
    notQueued: 0,
    rejected: 0,
    superseded: 0,
    foreign: 0,
  };
  /** Fields whose value in the file comes from an edit the server has not had yet. */
  const freshKeys = new Set<string>();
  const remember = (id: string, state: 'handled' | 'seen') => {
    if (ledger[id] === state) return;
    ledger[id] = state;
    ledgerChanged = true;
  };
  // The file lists entries in the source's outbox order — the order they must reach the server.
  // createdAt is not used to reorder: a phone whose clock was reset would scramble them.
  for (const entry of backup.outbox) {
    const id = entry.mutationId;
    if (sameDevice || local.outboxIds.has(id) || local.ledger[id] === 'handled') {
      counts.alreadyKnown += 1;
    } else if (!isAuthor) {
      if (local.ledger[id] === 'seen') counts.alreadyKnown += 1;
      else {
        counts.notQueued += 1;
        if (entry.state === 'pending') {
          counts.foreign += 1;
          changedKeys(entry.mutation, freshKeys);
        }
        remember(id, 'seen');
      }
    } else if (entry.state === 'rejected') {
      outbox.push({
        mutationId: id,
        mutation: entry.mutation,
        state: 'rejected',
        touches: entry.touches,
        attempts: 0,
        createdAt: entry.createdAt,
        sent: 0,
        ...(entry.rejection ? { rejection: entry.rejection } : {}),
      });
      counts.rejected += 1;
      remember(id, 'handled');
    } else {
      const trimmed = trimSuperseded(entry, local.protectedKeys);
      remember(id, 'handled');
      if (!trimmed) {
        counts.notQueued += 1;
        counts.superseded += 1;
        continue;
      }
      outbox.push({
        mutationId: id,
        mutation: trimmed.mutation,
        state: 'pending',
        touches: trimmed.touches,
        attempts: 0,
        createdAt: entry.createdAt,
        sent: 0,
      });
      changedKeys(trimmed.mutation, freshKeys);
      counts.queued += 1;
    }
  }
  return { isAuthor, outbox, ledger: ledgerChanged ? ledger : null, counts, freshKeys };
}
