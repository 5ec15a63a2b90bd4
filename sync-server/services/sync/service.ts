import type { Kysely } from 'kysely';
import { ulid } from '../../../src/shared/ids';
import {
  PROTOCOL_VERSION,
  SYNC_LIMITS,
  itemMutation,
  type Mutation,
  type Rejection,
  type SyncRequest,
  type SyncResponse,
} from '../../../src/shared/protocol/sync';
import type { Database } from '../../db/schema';
import type { AuthContext } from '../auth';
import type { MutationContext } from './context';
import {
  applyInSavepoint,
  findApplied,
  recordedAnswer,
  recordOutcome,
  visibleRejection,
  type Answer,
} from './ledger';
import { pullChanges } from './pull';
import { applyRelayed } from './relay';

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
        for (const item of request.mutations) {
          const mutation = itemMutation(item);
          if (seen.has(mutation.id)) continue; // the same id twice in one batch: apply once
          seen.add(mutation.id);
          const given =
            item.type === 'relayed'
              ? await applyRelayed(context, { userId: auth.user.id, actor: auth.actor }, item)
              : await this.applyOwn(context, auth, mutation);
          answer(answers, mutation.id, given);
        }
      });
    }
    // Each client is answered in the version it speaks (the differences are additive).
    const protocol = Math.min(request.protocol, PROTOCOL_VERSION);
    return { protocol, ...answers, ...(await this.pull(auth, request)) };
  }

  /**
   * The caller's own mutation. A mutation id seen before is a replay: it is answered exactly what
   * was answered the first time and changes nothing (a refusal is re-sent with the record as it is
   * now, still only if the caller may see it).
   */
  private async applyOwn(
    context: MutationContext,
    auth: AuthContext,
    mutation: Mutation,
  ): Promise<Answer> {
    const previous = await findApplied(context.trx, mutation.id);
    if (previous) return recordedAnswer(context.trx, previous, auth.user.id, auth.actor);
    const outcome = await applyInSavepoint(context, mutation);
    await recordOutcome(context, { authorId: auth.user.id }, mutation, outcome);
    return outcome.ok ? { ok: true } : visibleRejection(auth.actor, outcome);
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
