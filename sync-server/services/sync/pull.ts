import { sql, type Kysely } from 'kysely';
import { isInSubtree } from '../../../src/shared/hierarchy/paths';
import { can, type Actor } from '../../../src/shared/permissions/can';
import type { Change, Collection } from '../../../src/shared/protocol/sync';
import type { Database } from '../../db/schema';
import type { FieldMeta } from '../records';
import { currentSequence } from '../sequence';

/** Collections owned by a unit above the reader that the reader still needs: its own ancestors,
 * the templates and campaigns of its province. Everything else is visible only inside the
 * reader's subtree. */
const VISIBLE_FROM_BELOW: Collection[] = ['org_unit', 'template', 'campaign'];

/** Whether the actor may read communes' work (submissions, answers, evidence, decisions): a
 * viewer pulls only the units, templates and campaigns; results reach it as aggregates. */
function readsWork(actor: Actor): boolean {
  return can(actor, 'submission.read', { orgPath: actor.orgPath });
}

/** The pull's scope rule for one record (the WHERE clause below, in TypeScript): whatever else
 * the server sends, such as the record in a rejection, must pass it too. */
export function isVisibleTo(actor: Actor, collection: Collection, orgPath: string): boolean {
  if (!readsWork(actor) && !VISIBLE_FROM_BELOW.includes(collection)) return false;
  return (
    isInSubtree(orgPath, actor.orgPath) ||
    (VISIBLE_FROM_BELOW.includes(collection) && isInSubtree(actor.orgPath, orgPath))
  );
}

export interface PullResult {
  changes: Change[];
  cursor: number;
  hasMore: boolean;
  /** The caller's cursor was beyond the head: it must start again from 0. */
  reset?: true;
}

/**
 * The seq above which this device's fields are owed. A page is cut at a record's seq B, but a
 * record beyond the cut may hold fields written at or before B (it was written, then written
 * again later): the cursor B handed out does not cover them, and filtering the next page's fields
 * by B would drop them for good. So the later pages of a paged pull filter fields from where its
 * first page started (`since`), remembered per (user, device) in `pull_runs`; the cursor keeps
 * its meaning for the records (all records with seq ≤ B were sent) and the protocol is unchanged.
 *
 * Any cursor from `since` to the furthest cursor handed out (`up_to`) belongs to that run — the
 * answer to a page can be lost and the page asked again — and a lower floor only sends fields
 * the device may already hold, which it applies idempotently. A pull finished at the head H has
 * H > up_to, so the next pull starts a new run; the row is then overwritten.
 */
async function fieldFloor(
  db: Kysely<Database>,
  userId: string,
  deviceId: string,
  cursor: number,
): Promise<number> {
  const run = await db
    .selectFrom('pull_runs')
    .select(['since', 'up_to'])
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  if (!run) return cursor;
  const since = Number(run.since);
  return since <= cursor && cursor <= Number(run.up_to) ? since : cursor;
}

/** Remembers a paged pull's start before its page is answered (see fieldFloor). */
async function recordRun(
  db: Kysely<Database>,
  userId: string,
  deviceId: string,
  since: number,
  upTo: number,
): Promise<void> {
  const values = { since, up_to: upTo, updated_at: new Date().toISOString() };
  await db
    .insertInto('pull_runs')
    .values({ user_id: userId, device_id: deviceId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet(values))
    .execute();
}

/** The fields of one record the device is owed: changed after `floor` by someone else. */
function owedFields(
  row: { data: string; fmeta: string },
  floor: number,
  deviceId: string,
): Record<string, unknown> | null {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const fmeta = JSON.parse(row.fmeta) as FieldMeta;
  const fields: Record<string, unknown> = {};
  let any = false;
  for (const [field, [fieldSeq, origin]] of Object.entries(fmeta)) {
    if (fieldSeq > floor && origin !== deviceId) {
      fields[field] = data[field];
      any = true;
    }
  }
  return any ? fields : null;
}

/**
 * Changes after `cursor` that the actor may see, oldest first, at most `limit` records.
 *
 * The head sequence is read first: a committed head H means every change up to H is committed
 * (sequence numbers are handed out under a row lock held to commit), so reading `seq ≤ H` can
 * never skip a change that commits later with a smaller number. An empty pull then moves the
 * cursor straight to H; its cost is one index probe whatever the size of the table. A cursor
 * beyond H is answered with a reset (see below). Which fields of a record are sent: fieldFloor.
 */
export async function pullChanges(
  db: Kysely<Database>,
  actor: Actor,
  deviceId: string,
  cursor: number,
  limit: number,
): Promise<PullResult> {
  const head = await currentSequence(db, 'seq');
  // A cursor beyond the head was handed out by a database that has since been replaced by an older
  // copy (a restore): the numbers after the head will be given again to other changes, which a
  // phone at that cursor would skip. Echoing the cursor would hide that; tell it to start over.
  if (cursor > head) return { changes: [], cursor: 0, hasMore: true, reset: true };
  if (head === cursor) return { changes: [], cursor, hasMore: false };
  const path = actor.orgPath;
  const rows = await db
    .selectFrom('records')
    .select(['collection', 'id', 'seq', 'data', 'fmeta'])
    .where('seq', '>', cursor)
    .where('seq', '<=', head)
    .where((eb) =>
      eb.or([
        eb(sql<string>`substr(org_path, 1, ${path.length})`, '=', path),
        eb.and([
          eb('collection', 'in', VISIBLE_FROM_BELOW),
          eb(sql<string>`substr(${path}, 1, length(org_path))`, '=', eb.ref('org_path')),
        ]),
      ]),
    )
    .$if(!readsWork(actor), (query) => query.where('collection', 'in', VISIBLE_FROM_BELOW))
    .orderBy('seq')
    .limit(limit + 1)
    .execute();

  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const floor = await fieldFloor(db, actor.userId, deviceId, cursor);
  const changes: Change[] = [];
  for (const row of page) {
    const fields = owedFields(row, floor, deviceId);
    if (fields)
      changes.push({
        collection: row.collection as Collection,
        id: row.id,
        seq: Number(row.seq),
        fields,
      });
  }
  const last = page[page.length - 1];
  if (!(hasMore && last)) return { changes, cursor: head, hasMore };
  const next = Number(last.seq);
  await recordRun(db, actor.userId, deviceId, floor, next);
  return { changes, cursor: next, hasMore };
}
