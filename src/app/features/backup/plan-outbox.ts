import { answerIdFor } from '../../../shared/protocol/record-ids';
import { can } from '../../../shared/permissions/can';
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

/** Who made an entry of the file: the file's user, unless the file's device was itself carrying
 * it for someone else (a relayed entry, which names its author). */
interface EntryAuthor {
  userId: string | null;
  username: string;
  orgPath: string;
}

function authorOf(entry: BackupOutboxEntry, backup: BackupContents): EntryAuthor {
  const { user } = backup.manifest;
  if (!entry.relay) return { userId: user.id, username: user.username, orgPath: user.orgPath };
  return {
    userId: entry.signature?.userId ?? null,
    username: entry.relay.username,
    orgPath: entry.relay.orgPath,
  };
}

/** Whether this user may carry an author's work to the server (the same can() the server uses). */
function mayRelay(user: SessionUser, authorPath: string): boolean {
  const actor = { userId: user.id, role: user.role, orgPath: user.orgPath };
  return can(actor, 'mutation.relay', { orgPath: authorPath });
}

type PlannedEntry = Omit<OutboxEntry, 'order'>;

/** One of the file's entries, as this device will queue it, with how to count it. */
type EntryPlan =
  | { kind: 'known' }
  | { kind: 'seen'; fresh: boolean; unsigned: boolean }
  | { kind: 'superseded' }
  | { kind: 'queued'; entry: PlannedEntry; as: 'own' | 'rejected' | 'relayed' };

/**
 * Another officer's entry. A signed, pending one goes into this device's outbox as a relayed
 * entry when this user may carry the author's work: frozen (`sent: 1`), with the author's
 * signature, never trimmed (that would break the signature) and never folded into. Otherwise its
 * values are shown but it is left to its author's devices.
 */
function planForeign(entry: BackupOutboxEntry, author: EntryAuthor, user: SessionUser): EntryPlan {
  const carriable = entry.state === 'pending' && mayRelay(user, author.orgPath);
  const signature = entry.signature;
  if (!carriable || !signature || signature.userId !== author.userId)
    return { kind: 'seen', fresh: entry.state === 'pending', unsigned: carriable };
  return {
    kind: 'queued',
    as: 'relayed',
    entry: {
      mutationId: entry.mutationId,
      mutation: entry.mutation,
      state: 'pending',
      touches: entry.touches,
      attempts: 0,
      createdAt: entry.createdAt,
      sent: 1,
      signature,
      relay: { username: author.username, orgPath: author.orgPath },
    },
  };
}

/** This user's own entry (from another of their phones): queued again as their own. */
function planOwn(entry: BackupOutboxEntry, local: OutboxView): EntryPlan {
  const base = { mutationId: entry.mutationId, attempts: 0, createdAt: entry.createdAt };
  if (entry.state === 'rejected')
    return {
      kind: 'queued',
      as: 'rejected',
      entry: {
        ...base,
        mutation: entry.mutation,
        state: 'rejected',
        touches: entry.touches,
        sent: 0,
        ...(entry.rejection ? { rejection: entry.rejection } : {}),
      },
    };
  const trimmed = trimSuperseded(entry, local.protectedKeys);
  if (!trimmed) return { kind: 'superseded' };
  // A signature still covers the mutation only if nothing was trimmed from it; a signed entry
  // stays frozen, as it was when it left in the file (it may reach the server from elsewhere).
  const signature = trimmed.mutation === entry.mutation ? entry.signature : undefined;
  return {
    kind: 'queued',
    as: 'own',
    entry: {
      ...base,
      mutation: trimmed.mutation,
      state: 'pending',
      touches: trimmed.touches,
      sent: signature ? 1 : 0,
      ...(signature ? { signature } : {}),
    },
  };
}

function planEntry(
  entry: BackupOutboxEntry,
  backup: BackupContents,
  user: SessionUser,
  local: OutboxView,
): EntryPlan {
  const id = entry.mutationId;
  // A file made on this very device: whatever of its outbox is no longer here was acknowledged
  // (or dismissed) since, so none of it is news.
  if (
    backup.manifest.deviceId === local.deviceId ||
    local.outboxIds.has(id) ||
    local.ledger[id] === 'handled'
  )
    return { kind: 'known' };
  const author = authorOf(entry, backup);
  if (author.userId === user.id) return planOwn(entry, local);
  const plan = planForeign(entry, author, user);
  // Seen before in another user's file, and still not carriable: nothing new.
  if (plan.kind === 'seen' && local.ledger[id] === 'seen') return { kind: 'known' };
  return plan;
}

/** Which of the file's outbox entries join this device's outbox, and which fields they make fresh. */
export function planOutbox(backup: BackupContents, user: SessionUser, local: OutboxView) {
  const isAuthor = user.id === backup.manifest.user.id;
  const outbox: PlannedEntry[] = [];
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
  /** Another officer's changes: queued to be relayed, or carriable but for a missing signature. */
  const relay = { queued: 0, unsigned: 0 };
  /** Fields whose value in the file comes from an edit the server has not had yet. */
  const freshKeys = new Set<string>();
  /** Photos of evidence whose metadata this device does not send: it cannot send their bytes. */
  const viewOnlyBlobs = new Set<string>();
  const remember = (id: string, state: 'handled' | 'seen') => {
    if (ledger[id] === state) return;
    ledger[id] = state;
    ledgerChanged = true;
  };
  // The file lists entries in the source's outbox order — the order they must reach the server.
  // createdAt is not used to reorder: a phone whose clock was reset would scramble them.
  for (const entry of backup.outbox) {
    const plan = planEntry(entry, backup, user, local);
    const id = entry.mutationId;
    if (plan.kind === 'known') counts.alreadyKnown += 1;
    else if (plan.kind === 'seen') {
      counts.notQueued += 1;
      if (plan.fresh) {
        counts.foreign += 1;
        changedKeys(entry.mutation, freshKeys);
        if (entry.mutation.type === 'evidence.add')
          for (const hash of [entry.mutation.evidence.sha256, entry.mutation.evidence.thumbSha256])
            if (hash) viewOnlyBlobs.add(hash);
      }
      if (plan.unsigned) relay.unsigned += 1;
      remember(id, 'seen');
    } else if (plan.kind === 'superseded') {
      counts.notQueued += 1;
      counts.superseded += 1;
      remember(id, 'handled');
    } else {
      outbox.push(plan.entry);
      remember(id, 'handled');
      if (plan.as === 'rejected') counts.rejected += 1;
      else {
        counts.queued += 1;
        if (plan.as === 'relayed') relay.queued += 1;
        changedKeys(plan.entry.mutation, freshKeys);
      }
    }
  }
  // The author's own photos keep their upload state, and so do those of a unit this user may
  // relay for (this device then uploads them: the server takes them from a unit above too) —
  // except photos whose metadata stays behind, which the server would refuse from here.
  const mayUpload = isAuthor || mayRelay(user, backup.manifest.user.orgPath);
  const keepsUploadState = (sha256: string) => mayUpload && !viewOnlyBlobs.has(sha256);
  return {
    isAuthor,
    keepsUploadState,
    outbox,
    ledger: ledgerChanged ? ledger : null,
    counts,
    relay,
    freshKeys,
  };
}
