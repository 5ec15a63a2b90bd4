import type { RejectionCode } from '../../../shared/protocol/sync';
import type { MinhChungDb } from '../../db/database';

/** Where the changes this device carries for one author stand (for a reviewer's screen). */
export interface RelayProgress {
  username: string;
  /** Still to be sent (or sent, awaiting the server's answer). */
  pending: number;
  /** Refused by the server, by code; kept until the reviewer dismisses them. */
  refused: Partial<Record<RejectionCode | 'VALIDATION_FAILED', number>>;
}

/**
 * The relayed entries in the outbox, grouped by author. Acknowledged ones have left the outbox, so
 * "all delivered" is an author with nothing pending and nothing refused — i.e. absent. Cheap enough
 * to run in a live query: it reads only the outbox.
 */
export async function relayProgress(db: MinhChungDb): Promise<RelayProgress[]> {
  const byAuthor = new Map<string, RelayProgress>();
  await db.outbox.each((entry) => {
    if (!entry.relay) return;
    const username = entry.relay.username;
    const progress = byAuthor.get(username) ?? { username, pending: 0, refused: {} };
    if (entry.state === 'pending') progress.pending += 1;
    else {
      const code = entry.rejection?.code ?? 'VALIDATION_FAILED';
      progress.refused[code] = (progress.refused[code] ?? 0) + 1;
    }
    byAuthor.set(username, progress);
  });
  return [...byAuthor.values()].sort((a, b) => a.username.localeCompare(b.username));
}
