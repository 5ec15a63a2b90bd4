import { canonicalJson } from '../../../shared/canonical-json';
import { can } from '../../../shared/permissions/can';
import { answerIdFor } from '../../../shared/protocol/record-ids';
import type { Mutation } from '../../../shared/protocol/sync';
import { fieldKey, type LocalRecord, type OutboxEntry } from '../../db/database';
import type { SessionUser } from '../../../shared/protocol/auth';
import type { BackupContents, BackupOutboxEntry, BackupRecord } from './format';
import { inScope, unitCodeOf, unitPathResolver } from './scope';

/**
 * What this device remembers of mutations it met in backup files, by id. `handled`: its author
 * imported it here (queued, or superseded by a newer local edit) — never queue it again, even after
 * the outbox entry was acknowledged and deleted. `seen`: another user's file showed it; its values
 * were merged but it was not queued, so its author may still queue it from this device.
 */
export type Ledger = Record<string, 'handled' | 'seen'>;

export interface ImportReport {
  records: { added: number; merged: number; unchanged: number };
  /** `rejected`: entries the server had refused, added (as refused) so the officer sees them. */
  mutations: { queued: number; alreadyKnown: number; notQueued: number; rejected: number };
  blobs: { added: number; alreadyKnown: number };
  warnings: string[];
}

/** The local state the plan depends on, read inside the import transaction. */
export interface LocalView {
  records: ReadonlyMap<string, LocalRecord>;
  unitPaths: ReadonlyMap<string, string>;
  outboxIds: ReadonlySet<string>;
  /** Fields written by this device's pending mutations: the officer's unsent edits win. */
  protectedKeys: ReadonlySet<string>;
  cursor: number;
  ledger: Ledger;
  blobs: ReadonlySet<string>;
}

export interface ImportPlan {
  records: LocalRecord[];
  outbox: Omit<OutboxEntry, 'order'>[];
  /** Blobs to add, with the upload state this device should give them. */
  blobs: { sha256: string; uploaded: 0 | 1 }[];
  ledger: Ledger | null;
  report: ImportReport;
}

export const recordKey = (collection: string, id: string) => `${collection}|${id}`;

function sameValue(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

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

function planOutbox(backup: BackupContents, user: SessionUser, local: LocalView) {
  const isAuthor = user.id === backup.manifest.user.id;
  const outbox: ImportPlan['outbox'] = [];
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
    if (local.outboxIds.has(id) || local.ledger[id] === 'handled') {
      counts.alreadyKnown += 1;
    } else if (!isAuthor) {
      if (local.ledger[id] === 'seen') counts.alreadyKnown += 1;
      else {
        counts.notQueued += 1;
        if (entry.state === 'pending') counts.foreign += 1;
        if (entry.state === 'pending') changedKeys(entry.mutation, freshKeys);
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

/**
 * Merges one record like a pull, field by field. The device's own pending edits always win. A
 * field the file has and the device lacks is added. Where both hold a different value, the file
 * wins when its value comes from an edit the server has not had yet (it will win there too), or
 * when the source had seen more of the server (higher cursor) than this device; otherwise this
 * device's value is newer and kept — taking an older value would stick, as the next pull only
 * brings fields changed after this device's cursor.
 */
function mergeFields(
  record: BackupRecord,
  existing: LocalRecord | undefined,
  local: LocalView,
  freshKeys: ReadonlySet<string>,
  sourceIsNewer: boolean,
): Record<string, unknown> | null {
  const fields: Record<string, unknown> = { ...(existing?.fields ?? {}) };
  let changed = existing === undefined;
  for (const [field, value] of Object.entries(record.fields)) {
    const key = fieldKey(record.collection, record.id, field);
    if (local.protectedKeys.has(key)) continue;
    if (!Object.hasOwn(fields, field)) {
      fields[field] = value;
      changed = true;
    } else if (!sameValue(fields[field], value) && (freshKeys.has(key) || sourceIsNewer)) {
      fields[field] = value;
      changed = true;
    }
  }
  return changed ? fields : null;
}

function referencedHashes(evidence: Record<string, unknown>, into: Set<string>) {
  for (const value of [evidence.sha256, evidence.thumbSha256])
    if (typeof value === 'string') into.add(value);
}

/** Decides everything an import will write, from the file and the local state, without I/O. */
export function planImport(
  backup: BackupContents,
  user: SessionUser,
  local: LocalView,
): ImportPlan {
  const warnings: string[] = [];
  const outbox = planOutbox(backup, user, local);
  const pathOf = unitPathResolver(local.unitPaths, backup.manifest);
  const sourceIsNewer = backup.manifest.cursor > local.cursor;
  const records: LocalRecord[] = [];
  const counts = { added: 0, merged: 0, unchanged: 0 };
  const outside = new Set<string>();
  let outsideCount = 0;
  const wanted = new Set<string>();
  for (const record of backup.records) {
    const code = unitCodeOf(record);
    if (!inScope(code === null ? null : pathOf(code), user.orgPath)) {
      outsideCount += 1;
      outside.add(code ?? '?');
      continue;
    }
    if (record.collection === 'evidence') referencedHashes(record.fields, wanted);
    const existing = local.records.get(recordKey(record.collection, record.id));
    const fields = mergeFields(record, existing, local, outbox.freshKeys, sourceIsNewer);
    if (!fields) counts.unchanged += 1;
    else {
      counts[existing ? 'merged' : 'added'] += 1;
      records.push({ collection: record.collection, id: record.id, fields });
    }
  }
  for (const entry of outbox.outbox)
    if (entry.mutation.type === 'evidence.add') referencedHashes(entry.mutation.evidence, wanted);

  const inFile = new Map(backup.blobs.map((blob) => [blob.sha256, blob]));
  // The server takes a photo's bytes only from its commune's officers; on anyone else's phone the
  // bytes are for viewing, so they must not wait (and count as unsynced work) for an upload that
  // would be refused.
  const mayUpload = can(
    { userId: user.id, role: user.role, orgPath: user.orgPath },
    'evidence.write',
    {
      orgPath: user.orgPath,
      status: 'draft',
      campaignStatus: 'open',
    },
  );
  const blobs = [...wanted]
    .filter((hash) => inFile.has(hash) && !local.blobs.has(hash))
    .map((sha256) => ({
      sha256,
      // Uploaded on the source phone means the server holds it: no need to send it again.
      uploaded: mayUpload ? (inFile.get(sha256)?.uploaded ?? 0) : (1 as const),
    }));
  const knownBlobs = [...wanted].filter((hash) => inFile.has(hash) && local.blobs.has(hash));
  const absent = [...wanted].filter((hash) => !inFile.has(hash) && !local.blobs.has(hash));

  if (outsideCount > 0)
    warnings.push(
      `${outsideCount} record(s) of units outside your area (${[...outside].sort().join(', ')}) were not imported.`,
    );
  const { counts: m } = outbox;
  if (m.foreign > 0)
    warnings.push(
      `${m.foreign} change(s) not yet sent by ${backup.manifest.user.username} were not queued: ` +
        `only that account can send them (import the file signed in as ${backup.manifest.user.username}).`,
    );
  if (m.superseded > 0)
    warnings.push(
      `${m.superseded} change(s) from the file were not queued: this phone has newer unsent edits of the same fields.`,
    );
  if (m.rejected > 0)
    warnings.push(
      `${m.rejected} change(s) in the file had been refused by the server; see the reasons.`,
    );
  if (absent.length > 0)
    warnings.push(
      `${absent.length} photo(s) are neither in the file nor on this phone; they can be viewed once downloaded from the server.`,
    );
  return {
    records,
    outbox: outbox.outbox,
    blobs,
    ledger: outbox.ledger,
    report: {
      records: counts,
      mutations: {
        queued: m.queued,
        alreadyKnown: m.alreadyKnown,
        notQueued: m.notQueued,
        rejected: m.rejected,
      },
      blobs: { added: blobs.length, alreadyKnown: knownBlobs.length },
      warnings,
    },
  };
}
