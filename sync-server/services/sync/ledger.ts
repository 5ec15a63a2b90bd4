import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../../../src/shared/canonical-json';
import type { Actor } from '../../../src/shared/permissions/can';
import type { Collection, Mutation, Rejection } from '../../../src/shared/protocol/sync';
import type { Database } from '../../db/schema';
import { appendAudit } from '../audit';
import { getRecord } from '../records';
import { applyAnswerSet } from './answers';
import type { MutationContext, Outcome } from './context';
import { applyEvidenceAdd, applyEvidenceDelete, applyEvidenceUpdate } from './evidence';
import { isVisibleTo } from './pull';
import { applyComment, applyTransition } from './transitions';

/**
 * The applied-mutation ledger: every mutation id the server has answered, with the answer, so a
 * replay (a lost response, the author's own sync after a relay, a relay replayed) gets the same
 * answer and changes nothing. Shared by the caller's own mutations and relayed ones (relay.ts).
 */

/** What one mutation is answered: applied (now or before), or refused with why. */
export type Answer = { ok: true } | Omit<Rejection, 'mutationId'>;

/** What is remembered of a first answer. A refusal keeps a reference to the record it concerned,
 * so that a replay can send that record's state as it is at replay time. */
type StoredOutcome =
  | { ok: true }
  | {
      ok: false;
      rejection: Omit<Rejection, 'mutationId' | 'current'> & {
        currentRef?: { collection: Collection; id: string };
      };
    };

/** SHA-256 of the mutation's canonical JSON: what tells a faithful copy from an altered one. */
export function contentHash(mutation: Mutation): string {
  return createHash('sha256').update(canonicalJson(mutation)).digest('hex');
}

function dispatch(context: MutationContext, mutation: Mutation): Promise<Outcome> {
  switch (mutation.type) {
    case 'answer.set':
      return applyAnswerSet(context, mutation);
    case 'evidence.add':
      return applyEvidenceAdd(context, mutation);
    case 'evidence.update':
      return applyEvidenceUpdate(context, mutation);
    case 'evidence.delete':
      return applyEvidenceDelete(context, mutation);
    case 'submission.transition':
      return applyTransition(context, mutation);
    case 'review.comment':
      return applyComment(context, mutation);
  }
}

function auditTarget(mutation: Mutation): string {
  switch (mutation.type) {
    case 'answer.set':
      return `answer:${mutation.submissionId}#${mutation.indicatorId}`;
    case 'evidence.add':
      return `evidence:${mutation.evidence.id}`;
    case 'evidence.update':
    case 'evidence.delete':
      return `evidence:${mutation.evidenceId}`;
    case 'submission.transition':
    case 'review.comment':
      return `submission:${mutation.submissionId}`;
  }
}

/**
 * A refusal carries the server's record only to a caller who could pull that record: refusing an
 * out-of-scope write must not become a way to read another unit's data.
 */
export function visibleRejection(
  viewer: Actor,
  outcome: Extract<Outcome, { ok: false }>,
): Omit<Rejection, 'mutationId'> {
  const { current, ...rest } = outcome.rejection;
  const visible =
    current !== undefined &&
    outcome.currentOrgPath !== undefined &&
    isVisibleTo(viewer, current.collection, outcome.currentOrgPath);
  return visible ? { ...rest, current } : rest;
}

export interface AppliedRow {
  user_id: string;
  outcome: string;
  content_hash: string | null;
}

export function findApplied(
  trx: Transaction<Database>,
  mutationId: string,
): Promise<AppliedRow | undefined> {
  return trx
    .selectFrom('applied_mutations')
    .select(['user_id', 'outcome', 'content_hash'])
    .where('id', '=', mutationId)
    .executeTakeFirst();
}

/**
 * The answer recorded for an id, as it is answered again: the same ack or refusal, a refusal with
 * the record as it is now (only if `viewer` may see it). An id recorded for another user is a
 * CONFLICT: ids are the author's, and one author cannot replay another's.
 */
export async function recordedAnswer(
  trx: Transaction<Database>,
  previous: AppliedRow,
  authorId: string,
  viewer: Actor,
): Promise<Answer> {
  if (previous.user_id !== authorId)
    return { code: 'CONFLICT', message: 'this mutation id was used by someone else' };
  const stored = JSON.parse(previous.outcome) as StoredOutcome;
  if (stored.ok) return { ok: true };
  const { currentRef, ...rejection } = stored.rejection;
  const found = currentRef ? await getRecord(trx, currentRef.collection, currentRef.id) : null;
  if (!found || !isVisibleTo(viewer, found.collection, found.orgPath)) return rejection;
  return {
    ...rejection,
    current: { collection: found.collection, id: found.id, fields: found.data },
  };
}

/**
 * Each mutation runs inside a savepoint: a refusal discovered half-way (after, say, the
 * submission was created as a side effect) leaves no trace of that mutation.
 */
export async function applyInSavepoint(
  context: MutationContext,
  mutation: Mutation,
): Promise<Outcome> {
  await sql`SAVEPOINT mutation`.execute(context.trx);
  const outcome = await dispatch(context, mutation);
  await sql
    .raw(outcome.ok ? 'RELEASE SAVEPOINT mutation' : 'ROLLBACK TO SAVEPOINT mutation')
    .execute(context.trx);
  return outcome;
}

/** Who a recorded mutation is by, and who carried it when it was relayed. */
export interface Provenance {
  authorId: string;
  relay?: { by: string; keyId: string };
}

/** Remembers the answer under the mutation id (for replays) and audits what was applied. */
export async function recordOutcome(
  context: MutationContext,
  provenance: Provenance,
  mutation: Mutation,
  outcome: Outcome,
): Promise<void> {
  const current = outcome.ok ? undefined : outcome.rejection.current;
  const stored: StoredOutcome = outcome.ok
    ? { ok: true }
    : {
        ok: false,
        rejection: {
          code: outcome.rejection.code,
          message: outcome.rejection.message,
          ...(current ? { currentRef: { collection: current.collection, id: current.id } } : {}),
        },
      };
  await context.trx
    .insertInto('applied_mutations')
    .values({
      id: mutation.id,
      user_id: provenance.authorId,
      device_id: context.deviceId,
      outcome: JSON.stringify(stored),
      created_at: context.now,
      content_hash: contentHash(mutation),
      relayed_by: provenance.relay?.by ?? null,
    })
    .execute();
  if (!outcome.ok) return;
  // The actor is the author; a relayed change names its carrier, so a timeline can say
  // "relayed by" and the audit holds who brought each change in.
  await appendAudit(context.trx, {
    actor: provenance.authorId,
    action: `sync.${mutation.type}`,
    target: auditTarget(mutation),
    data: {
      deviceId: context.deviceId,
      mutation,
      ...(provenance.relay
        ? { relayedBy: provenance.relay.by, keyId: provenance.relay.keyId }
        : {}),
    },
    at: context.now,
  });
}
