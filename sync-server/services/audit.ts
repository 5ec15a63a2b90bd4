import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from '../../src/shared/canonical-json';
import type { AuditProblem } from '../../src/shared/api/admin';
import type { AuditEventRow, Database } from '../db/schema';
import { currentSequence, nextSequence } from './sequence';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string;
  action: string;
  target: string;
  data?: unknown;
  at: string;
}

/** The hash covers every field of the event and the previous event's hash: editing, inserting or
 * deleting any event breaks the chain from that event on. */
export function auditHash(event: Omit<AuditEventRow, 'hash'>): string {
  const body = canonicalJson({
    seq: Number(event.seq),
    at: event.at,
    actor: event.actor,
    action: event.action,
    target: event.target,
    data: event.data,
  });
  return createHash('sha256').update(event.prev_hash).update('\n').update(body).digest('hex');
}

/**
 * Appends an audit event inside the caller's transaction, so the event exists if and only if the
 * change it describes was committed.
 */
export async function appendAudit(trx: Transaction<Database>, input: AuditInput): Promise<void> {
  const seq = await nextSequence(trx, 'audit_seq');
  const previous =
    seq === 1
      ? undefined
      : await trx
          .selectFrom('audit_events')
          .select('hash')
          .where('seq', '=', seq - 1)
          .executeTakeFirst();
  const event = {
    seq,
    at: input.at,
    actor: input.actor,
    action: input.action,
    target: input.target,
    data: canonicalJson(input.data ?? null),
    prev_hash: previous?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_events')
    .values({ ...event, hash: auditHash(event) })
    .execute();
}

export type AuditVerification =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; problem: AuditProblem; reason: string };

/** Walks the chain in seq order, a page at a time, and names the first event that does not fit. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  pageSize = 1000,
): Promise<AuditVerification> {
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const seq = Number(row.seq);
      const fail = (problem: AuditProblem, reason: string): AuditVerification => ({
        ok: false,
        events: expectedSeq - 1,
        brokenAt: seq,
        problem,
        reason,
      });
      if (seq !== expectedSeq)
        return {
          ok: false,
          events: expectedSeq - 1,
          brokenAt: expectedSeq,
          problem: 'missing',
          reason: `event ${expectedSeq} is missing`,
        };
      if (row.prev_hash !== previousHash)
        return fail('unlinked', `event ${seq} does not point at the hash of event ${seq - 1}`);
      if (auditHash(row) !== row.hash)
        return fail(
          'changed',
          `event ${seq} was changed after it was written (its hash does not match its content)`,
        );
      previousHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < pageSize) break;
  }
  // Deleting the newest events leaves a valid but shorter chain; the counter remembers how many
  // were written.
  const written = await currentSequence(db, 'audit_seq');
  if (written !== expectedSeq - 1) {
    return {
      ok: false,
      events: expectedSeq - 1,
      brokenAt: expectedSeq,
      problem: 'truncated',
      reason: `event ${expectedSeq} is missing (${written} were written)`,
    };
  }
  return { ok: true, events: written };
}
