import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  buildTimeline,
  type AuditedMutation,
  type TimelineResponse,
} from '../../src/shared/history/timeline';
import { explain, type Actor } from '../../src/shared/permissions/can';
import { Mutation } from '../../src/shared/protocol/sync';
import type { Database } from '../db/schema';
import { HttpError } from '../errors';

/** What `sync.*` audit events hold (service.ts `recordOutcome`); `relayedBy` on relayed ones. */
const AuditedSync = z.object({
  mutation: Mutation,
  relayedBy: z.string().optional(),
});

const EvidenceOf = z.object({ submissionId: z.string() });

/** Evidence records of the submission, whatever their state (a removed photo keeps its history). */
async function evidenceTargets(db: Kysely<Database>, orgPath: string, submissionId: string) {
  const rows = await db
    .selectFrom('records')
    .select(['id', 'data'])
    .where('collection', '=', 'evidence')
    .where('org_path', '=', orgPath)
    .execute();
  return rows
    .filter((row) => EvidenceOf.safeParse(JSON.parse(row.data)).data?.submissionId === submissionId)
    .map((row) => `evidence:${row.id}`);
}

async function auditedMutations(db: Kysely<Database>, submissionId: string, evidence: string[]) {
  // '#' is followed by '$' in code-point order: the range is every `answer:<id>#<indicator>`.
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'at', 'actor', 'action', 'data'])
    .where((eb) =>
      eb.or([
        eb('target', '=', `submission:${submissionId}`),
        eb.and([
          eb('target', '>=', `answer:${submissionId}#`),
          eb('target', '<', `answer:${submissionId}$`),
        ]),
        ...(evidence.length > 0 ? [eb('target', 'in', evidence)] : []),
      ]),
    )
    .orderBy('seq')
    .execute();
  const events: AuditedMutation[] = [];
  for (const row of rows) {
    if (!row.action.startsWith('sync.')) continue;
    const data = AuditedSync.safeParse(JSON.parse(row.data));
    // An event this build cannot read (written by a newer server) is left out, not fatal.
    if (!data.success) continue;
    events.push({
      seq: Number(row.seq),
      at: row.at,
      actor: row.actor,
      relayedBy: data.data.relayedBy,
      mutation: data.data.mutation,
    });
  }
  return events;
}

async function displayNames(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/**
 * A submission's timeline for an actor allowed to see its work (`submission.history`): every
 * applied change, decision and comment in server order, derived from the audit trail.
 */
export async function submissionTimeline(
  db: Kysely<Database>,
  actor: Actor,
  submissionId: string,
): Promise<TimelineResponse> {
  const submission = await db
    .selectFrom('records')
    .select('org_path')
    .where('collection', '=', 'submission')
    .where('id', '=', submissionId)
    .executeTakeFirst();
  if (!submission) throw new HttpError('NOT_FOUND', 'No such submission');
  const decision = explain(actor, 'submission.history', { orgPath: submission.org_path });
  if (!decision.allowed) throw new HttpError(decision.code, decision.reason);
  const evidence = await evidenceTargets(db, submission.org_path, submissionId);
  const events = await auditedMutations(db, submissionId, evidence);
  const names = await displayNames(
    db,
    events.flatMap((event) => (event.relayedBy ? [event.actor, event.relayedBy] : [event.actor])),
  );
  return {
    submissionId,
    entries: buildTimeline(events, (id) => names.get(id) ?? id),
  };
}
