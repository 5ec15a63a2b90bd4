import { sql, type Kysely } from 'kysely';
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
    const acks: string[] = [];
    const rejections: Rejection[] = [];
    if (request.mutations.length > 0) {
      await this.db.transaction().execute(async (trx) => {
        const now = this.now().toISOString();
        const context: MutationContext = {
          trx,
          actor: auth.actor,
          userName: auth.user.display_name,
          deviceId: request.deviceId,
          now,
          newId: this.newId,
        };
        const seen = new Set<string>();
        for (const mutation of request.mutations) {
          if (seen.has(mutation.id)) continue; // the same id twice in one batch: apply once
          seen.add(mutation.id);
          const previous = await trx
            .selectFrom('applied_mutations')
            .select(['user_id', 'outcome'])
            .where('id', '=', mutation.id)
            .executeTakeFirst();
          if (previous) {
            // A replay: answer exactly what was answered the first time, change nothing.
            if (previous.user_id !== auth.user.id) {
              rejections.push({
                mutationId: mutation.id,
                code: 'CONFLICT',
                message: 'this mutation id was used by someone else',
              });
              continue;
            }
            const stored = JSON.parse(previous.outcome) as StoredOutcome;
            if (stored.ok) {
              acks.push(mutation.id);
            } else {
              const { currentRef, ...rejection } = stored.rejection;
              const found = currentRef
                ? await getRecord(trx, currentRef.collection, currentRef.id)
                : null;
              const current =
                found && isVisibleTo(auth.actor, found.collection, found.orgPath) ? found : null;
              rejections.push({
                mutationId: mutation.id,
                ...rejection,
                ...(current
                  ? {
                      current: {
                        collection: current.collection,
                        id: current.id,
                        fields: current.data,
                      },
                    }
                  : {}),
              });
            }
            continue;
          }
          // Each mutation runs inside a savepoint: a refusal discovered half-way (after, say, the
          // submission was created as a side effect) leaves no trace of that mutation.
          await sql`SAVEPOINT mutation`.execute(trx);
          const outcome = await dispatch(context, mutation);
          await sql
            .raw(outcome.ok ? 'RELEASE SAVEPOINT mutation' : 'ROLLBACK TO SAVEPOINT mutation')
            .execute(trx);
          const stored: StoredOutcome = outcome.ok
            ? { ok: true }
            : {
                ok: false,
                rejection: {
                  code: outcome.rejection.code,
                  message: outcome.rejection.message,
                  ...(outcome.rejection.current
                    ? {
                        currentRef: {
                          collection: outcome.rejection.current.collection,
                          id: outcome.rejection.current.id,
                        },
                      }
                    : {}),
                },
              };
          await trx
            .insertInto('applied_mutations')
            .values({
              id: mutation.id,
              user_id: auth.user.id,
              device_id: request.deviceId,
              outcome: JSON.stringify(stored),
              created_at: now,
            })
            .execute();
          if (outcome.ok) {
            acks.push(mutation.id);
            await appendAudit(trx, {
              actor: auth.user.id,
              action: `sync.${mutation.type}`,
              target: auditTarget(mutation),
              data: { deviceId: request.deviceId, mutation },
              at: now,
            });
          } else {
            rejections.push({ mutationId: mutation.id, ...visibleRejection(auth.actor, outcome) });
          }
        }
      });
    }
    const limit = Math.min(request.limit ?? SYNC_LIMITS.defaultPageSize, SYNC_LIMITS.maxPageSize);
    const pulled = await pullChanges(this.db, auth.actor, request.deviceId, request.cursor, limit);
    return {
      protocol: PROTOCOL_VERSION,
      cursor: pulled.cursor,
      changes: pulled.changes,
      acks,
      rejections,
      hasMore: pulled.hasMore,
    };
  }
}
