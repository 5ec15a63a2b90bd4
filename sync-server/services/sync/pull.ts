import { sql, type Kysely } from 'kysely';
import { isInSubtree } from '../../../src/shared/hierarchy/paths';
import type { Actor } from '../../../src/shared/permissions/can';
import type { Change, Collection } from '../../../src/shared/protocol/sync';
import type { Database } from '../../db/schema';
import type { FieldMeta } from '../records';
import { currentSequence } from '../sequence';

/** Collections owned by a unit above the reader that the reader still needs: its own ancestors,
 * the templates and campaigns of its province. Everything else is visible only inside the
 * reader's subtree. */
const VISIBLE_FROM_BELOW: Collection[] = ['org_unit', 'template', 'campaign'];

/** The pull's scope rule for one record (the WHERE clause below, in TypeScript): whatever else
 * the server sends, such as the record in a rejection, must pass it too. */
export function isVisibleTo(actor: Actor, collection: Collection, orgPath: string): boolean {
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
 * Changes after `cursor` that the actor may see, oldest first, at most `limit` records.
 *
 * The head sequence is read first: a committed head H means every change up to H is committed
 * (sequence numbers are handed out under a row lock held to commit), so reading `seq ≤ H` can
 * never skip a change that commits later with a smaller number. An empty pull then moves the
 * cursor straight to H; its cost is one index probe whatever the size of the table. A cursor
 * beyond H is answered with a reset (see below).
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
    .orderBy('seq')
    .limit(limit + 1)
    .execute();

  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes: Change[] = [];
  for (const row of page) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const fmeta = JSON.parse(row.fmeta) as FieldMeta;
    // Only what this device has not seen: fields changed after its cursor by someone else.
    const fields: Record<string, unknown> = {};
    let any = false;
    for (const [field, [fieldSeq, origin]] of Object.entries(fmeta)) {
      if (fieldSeq > cursor && origin !== deviceId) {
        fields[field] = data[field];
        any = true;
      }
    }
    if (any)
      changes.push({
        collection: row.collection as Collection,
        id: row.id,
        seq: Number(row.seq),
        fields,
      });
  }
  const last = page[page.length - 1];
  return { changes, cursor: hasMore && last ? Number(last.seq) : head, hasMore };
}
