import {
  PROTOCOL_VERSION,
  SYNC_LIMITS,
  SyncRequestErrorDetails,
  type Change,
  type Rejection,
  type SyncItem,
  type SyncResponse,
} from '../../shared/protocol/sync';
import { fieldKey, type LocalRecord, type MinhChungDb, type OutboxEntry } from '../db/database';
import { TransportError, type SyncTransport, type TransportFailure } from './transport';

export interface SyncRound {
  pushed: number;
  acked: number;
  rejected: number;
  pulled: number;
  hasMore: boolean;
}

export type SyncResult =
  | { ok: true; rounds: number; acked: number; rejected: number; pulled: number }
  | { ok: false; error: TransportError; rounds: number };

const CURSOR_KEY = 'cursor';
const DEVICE_KEY = 'deviceId';

function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(
    bytes,
    (b) => 'abcdefghijklmnopqrstuvwxyz0123456789-_ABCDEFGHIJKLMNOPQRSTUVWXYZ'[b % 64],
  ).join('');
}

/** The device id lives in the same database as the data: wiping one wipes the other, so a device
 * that lost its data is never mistaken for one that already holds its own writes. */
export async function deviceIdOf(db: MinhChungDb): Promise<string> {
  return db.transaction('rw', db.syncState, async () => {
    const existing = await db.syncState.get(DEVICE_KEY);
    if (typeof existing?.value === 'string') return existing.value;
    const id = randomDeviceId();
    await db.syncState.put({ key: DEVICE_KEY, value: id });
    return id;
  });
}

export async function cursorOf(db: MinhChungDb): Promise<number> {
  const row = await db.syncState.get(CURSOR_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

/**
 * What an outbox entry is on the wire: this user's own mutation, or another officer's carried for
 * them (`relayed`, with their signature), which the server applies as its author.
 */
export function wireItem(entry: OutboxEntry): SyncItem {
  const { relay, signature, mutation } = entry;
  if (!relay || !signature) return mutation;
  return {
    type: 'relayed',
    mutation,
    author: { userId: signature.userId, keyId: signature.keyId },
    signature: signature.value,
  };
}

interface NamedEntry {
  entry: OutboxEntry;
  message: string;
}

/**
 * The outbox entries a whole-request refusal names as malformed on their own (details.mutations:
 * index in the request, id when readable). Nothing is named unless every name matches the batch
 * that was sent: an answer out of step with it must not set aside the wrong mutation.
 */
function namedEntries(
  batch: OutboxEntry[],
  failure: Extract<TransportFailure, { kind: 'refused' }>,
): NamedEntry[] {
  if (failure.status !== 400 || failure.code !== 'VALIDATION_FAILED') return [];
  const details = SyncRequestErrorDetails.safeParse(failure.details);
  if (!details.success) return [];
  const named: NamedEntry[] = [];
  for (const { index, id, message } of details.data.mutations) {
    const entry = batch[index];
    if (!entry || (id !== undefined && id !== entry.mutationId)) return [];
    named.push({ entry, message });
  }
  return named;
}

export interface SyncEngineOptions {
  /** Mutations per request; more wait for the next round. */
  batchSize?: number;
  /** Records per pull page. */
  pageSize?: number;
  /** Rounds per `sync()` before yielding (a guard against a server that always says hasMore). */
  maxRounds?: number;
}

/**
 * Pushes the outbox and pulls changes, one request per round, until both are drained.
 *
 * Idempotency: a mutation stays in the outbox until its id is acknowledged, so after a lost
 * answer the same ids are sent again and the server, which remembers them, answers the same —
 * nothing is applied twice and nothing is lost. Everything a response says (acks, refusals,
 * changes, the new cursor) is applied in one IndexedDB transaction: a tab killed half-way
 * leaves the old cursor and the old outbox, and the next round simply repeats.
 */
export class SyncEngine {
  private running: Promise<SyncResult> | null = null;
  private readonly batchSize: number;
  private readonly pageSize: number;
  private readonly maxRounds: number;

  constructor(
    private readonly db: MinhChungDb,
    private readonly transport: SyncTransport,
    options: SyncEngineOptions = {},
  ) {
    this.batchSize = Math.min(options.batchSize ?? 100, SYNC_LIMITS.maxMutations);
    this.pageSize = options.pageSize ?? SYNC_LIMITS.defaultPageSize;
    this.maxRounds = options.maxRounds ?? 100;
  }

  /** Single flight: a second call while a sync runs gets the running one's result. */
  sync(): Promise<SyncResult> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<SyncResult> {
    let rounds = 0;
    let acked = 0;
    let rejected = 0;
    let pulled = 0;
    for (;;) {
      let round: SyncRound;
      try {
        round = await this.round();
      } catch (error) {
        if (error instanceof TransportError) return { ok: false, error, rounds };
        throw error;
      }
      rounds += 1;
      acked += round.acked;
      rejected += round.rejected;
      pulled += round.pulled;
      const morePending = round.pushed > 0 && (await this.pending(1)).length > 0;
      if ((!round.hasMore && !morePending) || rounds >= this.maxRounds)
        return { ok: true, rounds, acked, rejected, pulled };
    }
  }

  private pending(limit: number): Promise<OutboxEntry[]> {
    return this.db.outbox.where('state').equals('pending').limit(limit).sortBy('order');
  }

  /** One request: the oldest pending mutations plus a pull from the cursor. */
  async round(): Promise<SyncRound> {
    const [deviceId, cursor] = await Promise.all([deviceIdOf(this.db), cursorOf(this.db)]);
    const batch = await this.takeBatch();
    let response: SyncResponse;
    try {
      response = await this.transport.sync({
        protocol: PROTOCOL_VERSION,
        deviceId,
        cursor,
        mutations: batch.map(wireItem),
        limit: this.pageSize,
      });
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      const failure = error.failure;
      if (failure.kind === 'refused') {
        // Split only what the server names; a refusal that names no mutation (or names them out of
        // step with this batch) says nothing against any one of them: leave the outbox as it is.
        const named = namedEntries(batch, failure);
        if (named.length > 0) return this.isolateRefused(batch, named);
        throw error;
      }
      // A server of another protocol (older than this app, or no longer accepting it) decided on
      // the version alone and never looked at the batch: nothing was attempted.
      if (failure.kind !== 'serverOutdated' && failure.kind !== 'outdated')
        await this.noteAttempt(batch, error.message);
      throw error;
    }
    await this.applyResponse(response);
    return {
      pushed: batch.length,
      acked: response.acks.length,
      rejected: response.rejections.length,
      pulled: response.changes.length,
      hasMore: response.hasMore,
    };
  }

  /**
   * Reads the next batch and marks it sent in one transaction: an edit saved at the same moment is
   * either folded into an entry before it is frozen (and sent) or queued as a new entry — never
   * folded into content that has already left.
   */
  private takeBatch(): Promise<OutboxEntry[]> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const batch = await this.db.outbox
        .orderBy('order')
        .filter((entry) => entry.state === 'pending')
        .limit(this.batchSize)
        .toArray();
      const unsent = batch.filter((entry) => entry.sent !== 1);
      if (unsent.length > 0) {
        await this.db.outbox.bulkUpdate(
          unsent.map((entry) => ({ key: entry.order as number, changes: { sent: 1 as const } })),
        );
      }
      return batch;
    });
  }

  private async noteAttempt(batch: OutboxEntry[], message: string) {
    await this.db.transaction('rw', this.db.outbox, async () => {
      for (const entry of batch) {
        await this.db.outbox
          .where('mutationId')
          .equals(entry.mutationId)
          .modify((row) => {
            row.attempts += 1;
            row.lastError = message;
          });
      }
    });
  }

  /**
   * The server refused the whole request as malformed (400) and named the mutations malformed on
   * their own. One bad mutation (say, from an older build) must not block the outbox forever: each
   * named one is resent alone and set aside only if refused again on its own, with the server's
   * message. The others stay pending, untouched, and go in the next round.
   */
  private async isolateRefused(batch: OutboxEntry[], named: NamedEntry[]): Promise<SyncRound> {
    if (batch.length === 1) {
      for (const { entry, message } of named) await this.setAside(entry, message);
      return { pushed: 1, acked: 0, rejected: named.length, pulled: 0, hasMore: true };
    }
    const [deviceId, cursor] = await Promise.all([deviceIdOf(this.db), cursorOf(this.db)]);
    let rejected = 0;
    let acked = 0;
    for (const { entry } of named) {
      try {
        const response = await this.transport.sync({
          protocol: PROTOCOL_VERSION,
          deviceId,
          cursor,
          mutations: [wireItem(entry)],
          limit: 1,
        });
        // Only acks and refusals are taken from these probes; the pull follows in the next round.
        await this.applyResponse({
          protocol: response.protocol,
          acks: response.acks,
          rejections: response.rejections,
          changes: [],
          cursor,
          hasMore: true,
        });
        acked += response.acks.length;
        rejected += response.rejections.length;
      } catch (single) {
        if (!(single instanceof TransportError) || single.failure.kind !== 'refused') throw single;
        const again = namedEntries([entry], single.failure);
        if (again.length === 0) throw single;
        for (const { message } of again) await this.setAside(entry, message);
        rejected += 1;
      }
    }
    return { pushed: named.length, acked, rejected, pulled: 0, hasMore: true };
  }

  private async setAside(entry: OutboxEntry, message: string) {
    await this.db.outbox
      .where('mutationId')
      .equals(entry.mutationId)
      .modify((row) => {
        row.state = 'rejected';
        row.attempts += 1;
        row.rejection = { code: 'VALIDATION_FAILED', message };
      });
  }

  private async applyResponse(response: SyncResponse): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.records, db.outbox, db.syncState, async () => {
      if (response.acks.length > 0)
        await db.outbox.where('mutationId').anyOf(response.acks).delete();
      for (const rejection of response.rejections) await this.markRejected(rejection);
      const protectedKeys = new Set(
        (await db.outbox.where('state').equals('pending').toArray()).flatMap(
          (entry) => entry.touches,
        ),
      );
      for (const rejection of response.rejections) await this.revert(rejection, protectedKeys);
      for (const change of response.changes) await this.applyChange(change, protectedKeys);
      // The server was restored to an older copy: pull everything again under a new device id, so
      // that the fields this phone wrote come back too (the server holds them as they were at the
      // backup, and the pull leaves out a device's own fields). The outbox is kept as it is.
      if (response.reset) await db.syncState.put({ key: DEVICE_KEY, value: randomDeviceId() });
      await db.syncState.put({ key: CURSOR_KEY, value: response.cursor });
    });
  }

  private async markRejected(rejection: Rejection) {
    await this.db.outbox
      .where('mutationId')
      .equals(rejection.mutationId)
      .modify((row) => {
        row.state = 'rejected';
        row.rejection = { code: rejection.code, message: rejection.message };
      });
  }

  /**
   * Undo a refused mutation's optimistic writes: the record the server sent back takes the
   * server's values; other fields the mutation wrote are dropped (the server never had them).
   * Fields another pending mutation wrote stay as the user left them.
   */
  private async revert(rejection: Rejection, protectedKeys: Set<string>) {
    const entry = await this.db.outbox.where('mutationId').equals(rejection.mutationId).first();
    if (rejection.current) await this.applyChange(rejection.current, protectedKeys, true);
    for (const key of entry?.touches ?? []) {
      const [collection, id, field] = key.split('|') as [LocalRecord['collection'], string, string];
      if (protectedKeys.has(key)) continue;
      if (
        rejection.current &&
        rejection.current.collection === collection &&
        rejection.current.id === id
      )
        continue;
      const record = await this.db.records.get([collection, id]);
      if (!record || !(field in record.fields)) continue;
      const fields = { ...record.fields };
      delete fields[field];
      if (Object.keys(fields).length === 0) await this.db.records.delete([collection, id]);
      else await this.db.records.put({ ...record, fields });
    }
  }

  private async applyChange(
    change: Pick<Change, 'collection' | 'id' | 'fields'>,
    protectedKeys: Set<string>,
    replace = false,
  ) {
    const existing = await this.db.records.get([change.collection, change.id]);
    const fields: Record<string, unknown> = replace ? {} : { ...(existing?.fields ?? {}) };
    for (const [field, value] of Object.entries(change.fields)) {
      if (!protectedKeys.has(fieldKey(change.collection, change.id, field))) fields[field] = value;
    }
    if (replace && existing) {
      // Keep the locally pending values of a record being reset to the server's copy.
      for (const [field, value] of Object.entries(existing.fields)) {
        if (protectedKeys.has(fieldKey(change.collection, change.id, field))) fields[field] = value;
      }
    }
    await this.db.records.put({ collection: change.collection, id: change.id, fields });
  }
}
