import { sql, type Kysely, type Transaction } from 'kysely';
import { ulid } from '../../../src/shared/ids';
import type { Actor } from '../../../src/shared/permissions/can';
import {
  PROTOCOL_VERSION,
  SYNC_LIMITS,
  type Collection,
  type Mutation,
  type Rejection,
  type SyncRequest,
  type SyncResponse,
} from '../../../src/shared/protocol/sync';
import type { Database } from '../../db/schema';
import { getRecord } from '../records';
import { appendAudit } from '../audit';
import type { AuthContext } from '../auth';
import { applyAnswerSet } from './answers';
import type { MutationContext, Outcome } from './context';
import { applyEvidenceAdd, applyEvidenceDelete, applyEvidenceUpdate } from './evidence';
import { applyComment, applyTransition } from './transitions';
import { isVisibleTo, pullChanges } from './pull';

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
function visibleRejection(
  actor: Actor,
  outcome: Extract<Outcome, { ok: false }>,
): Omit<Rejection, 'mutationId'> {
  const { current, ...rest } = outcome.rejection;
  const visible =
    current !== undefined &&
    outcome.currentOrgPath !== undefined &&
    isVisibleTo(actor, current.collection, outcome.currentOrgPath);
  return visible ? { ...rest, current } : rest;
}

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

/** What one mutation is answered: applied (now or before), or refused with why. */
type Answer = { ok: true } | Omit<Rejection, 'mutationId'>;

interface Answers {
  acks: string[];
  rejections: Rejection[];
}

function answer(answers: Answers, mutationId: string, given: Answer) {
  if ('ok' in given) answers.acks.push(mutationId);
  else answers.rejections.push({ mutationId, ...given });
}

export interface SyncServiceOptions {
  now?: () => Date;
  newId?: () => string;
}

export class SyncService {
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    private readonly db: Kysely<Database>,
    options: SyncServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? ulid;
  }

  /**
   * Push, then pull, in one round trip. All of a request's mutations commit in one transaction
   * with their audit events and their ids: if the server dies half-way, none of them happened
   * and the client's retry applies them all; if it dies after commit but before answering, the
   * retry finds every id already recorded and answers the same acks. Either way: no loss, no
   * duplicate.
   */
  async sync(auth: AuthContext, request: SyncRequest): Promise<SyncResponse> {
    const answers: Answers = { acks: [], rejections: [] };
    if (request.mutations.length > 0) {
      await this.db.transaction().execute(async (trx) => {
        const context: MutationContext = {
          trx,
          actor: auth.actor,
          userName: auth.user.display_name,
          deviceId: request.deviceId,
          now: this.now().toISOString(),
          newId: this.newId,
        };
        const seen = new Set<string>();
        for (const mutation of request.mutations) {
          if (seen.has(mutation.id)) continue; // the same id twice in one batch: apply once
          seen.add(mutation.id);
          const replayed = await this.replay(trx, auth, mutation.id);
          if (replayed) {
            answer(answers, mutation.id, replayed);
            continue;
          }
          const outcome = await this.apply(context, mutation);
          await this.recordOutcome(context, auth, mutation, outcome);
          answer(
            answers,
            mutation.id,
            outcome.ok ? { ok: true } : visibleRejection(auth.actor, outcome),
          );
        }
      });
    }
    return { protocol: PROTOCOL_VERSION, ...answers, ...(await this.pull(auth, request)) };
  }

  /**
   * A mutation id seen before: answer exactly what was answered the first time and change nothing.
   * A refusal is re-sent with the record as it is now (still only if the caller may see it).
   */
  private async replay(
    trx: Transaction<Database>,
    auth: AuthContext,
    mutationId: string,
  ): Promise<Answer | null> {
    const previous = await trx
      .selectFrom('applied_mutations')
      .select(['user_id', 'outcome'])
      .where('id', '=', mutationId)
      .executeTakeFirst();
    if (!previous) return null;
    if (previous.user_id !== auth.user.id)
      return { code: 'CONFLICT', message: 'this mutation id was used by someone else' };
    const stored = JSON.parse(previous.outcome) as StoredOutcome;
    if (stored.ok) return { ok: true };
    const { currentRef, ...rejection } = stored.rejection;
    const found = currentRef ? await getRecord(trx, currentRef.collection, currentRef.id) : null;
    if (!found || !isVisibleTo(auth.actor, found.collection, found.orgPath)) return rejection;
    return {
      ...rejection,
      current: { collection: found.collection, id: found.id, fields: found.data },
    };
  }

  /**
   * Each mutation runs inside a savepoint: a refusal discovered half-way (after, say, the
   * submission was created as a side effect) leaves no trace of that mutation.
   */
  private async apply(context: MutationContext, mutation: Mutation): Promise<Outcome> {
    await sql`SAVEPOINT mutation`.execute(context.trx);
    const outcome = await dispatch(context, mutation);
    await sql
      .raw(outcome.ok ? 'RELEASE SAVEPOINT mutation' : 'ROLLBACK TO SAVEPOINT mutation')
      .execute(context.trx);
    return outcome;
  }

  /** Remembers the answer under the mutation id (for replays) and audits what was applied. */
  private async recordOutcome(
    context: MutationContext,
    auth: AuthContext,
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
        user_id: auth.user.id,
        device_id: context.deviceId,
        outcome: JSON.stringify(stored),
        created_at: context.now,
      })
      .execute();
    if (!outcome.ok) return;
    await appendAudit(context.trx, {
      actor: auth.user.id,
      action: `sync.${mutation.type}`,
      target: auditTarget(mutation),
      data: { deviceId: context.deviceId, mutation },
      at: context.now,
    });
  }

  /** The changes after the request's cursor, after the push has committed. */
  private async pull(
    auth: AuthContext,
    request: SyncRequest,
  ): Promise<Pick<SyncResponse, 'cursor' | 'changes' | 'hasMore' | 'reset'>> {
    const limit = Math.min(request.limit ?? SYNC_LIMITS.defaultPageSize, SYNC_LIMITS.maxPageSize);
    const pulled = await pullChanges(this.db, auth.actor, request.deviceId, request.cursor, limit);
    return {
      cursor: pulled.cursor,
      changes: pulled.changes,
      hasMore: pulled.hasMore,
      ...(pulled.reset ? { reset: true } : {}),
    };
  }
}
