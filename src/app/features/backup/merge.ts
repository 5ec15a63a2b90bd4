import { canonicalJson } from '../../../shared/canonical-json';
import type { SessionUser } from '../../../shared/protocol/auth';
import { fieldKey, type LocalRecord, type OutboxEntry } from '../../db/database';
import type { BackupContents, BackupRecord } from './format';
import { planOutbox, type Ledger, type OutboxView } from './plan-outbox';
import { inScope, unitCodeOf, unitPathResolver } from './scope';

export type { Ledger } from './plan-outbox';

export interface ImportReport {
  records: { added: number; merged: number; unchanged: number };
  /** `rejected`: entries the server had refused, added (as refused) so the officer sees them. */
  mutations: { queued: number; alreadyKnown: number; notQueued: number; rejected: number };
  /**
   * Another officer's changes this user may carry for them (docs/sync-protocol.md, "Signed
   * relay"): `queued` joined the outbox to be relayed (also counted in `mutations.queued`),
   * `unsigned` could not (no signature in the file). `author` is the file's user.
   */
  relay: { queued: number; unsigned: number; author: string };
  blobs: { added: number; alreadyKnown: number };
  warnings: string[];
}

/** The local state the plan depends on, read inside the import transaction. */
export interface LocalView extends OutboxView {
  records: ReadonlyMap<string, LocalRecord>;
  unitPaths: ReadonlyMap<string, string>;
  cursor: number;
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
  // Bytes of the author's own photos keep their upload state (uploaded on the source phone means
  // the server holds them), and so do those a unit above may relay (it uploads them itself). On
  // anyone else's phone they are for viewing only: the author's device sends them, and an upload
  // from here would be refused (the server takes a photo only from its commune or a unit above,
  // once the metadata arrived), so they must not wait as unsynced work.
  const blobs = [...wanted]
    .filter((hash) => inFile.has(hash) && !local.blobs.has(hash))
    .map((sha256) => ({
      sha256,
      uploaded: outbox.keepsUploadState(sha256)
        ? (inFile.get(sha256)?.uploaded ?? 0)
        : (1 as const),
    }));
  const knownBlobs = [...wanted].filter((hash) => inFile.has(hash) && local.blobs.has(hash));
  const absent = [...wanted].filter((hash) => !inFile.has(hash) && !local.blobs.has(hash));

  if (outsideCount > 0)
    warnings.push(
      `${outsideCount} record(s) of units outside your area (${[...outside].sort().join(', ')}) were not imported.`,
    );
  const { counts: m } = outbox;
  const { relay } = outbox;
  if (relay.queued > 0)
    warnings.push(
      `${relay.queued} change(s) by ${backup.manifest.user.username} will be relayed on their behalf.`,
    );
  if (relay.unsigned > 0)
    warnings.push(
      `${relay.unsigned} change(s) by ${backup.manifest.user.username} carry no signature and cannot be relayed.`,
    );
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
      relay: { ...relay, author: backup.manifest.user.username },
      blobs: { added: blobs.length, alreadyKnown: knownBlobs.length },
      warnings,
    },
  };
}
