import { z } from 'zod';
import { TimelineResponse } from '../../../shared/history/timeline';
import type { MinhChungDb } from '../../db/database';
import { fetchTimeline, TimelineError } from './api';

/**
 * Timelines are kept on the phone as the server last sent them, so the history under an answer
 * and "what changed since the return" read offline too. They are a derived view of the audit
 * trail, never edited here: a refresh replaces the whole copy.
 */
const CachedTimeline = z.object({
  fetchedAt: z.string(),
  timeline: TimelineResponse,
});
export type CachedTimeline = z.infer<typeof CachedTimeline>;

const keyOf = (submissionId: string) => `timeline:${submissionId}`;

export async function readCachedTimeline(
  db: MinhChungDb,
  submissionId: string,
): Promise<CachedTimeline | null> {
  const row = await db.syncState.get(keyOf(submissionId));
  const parsed = CachedTimeline.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function refreshTimeline(
  db: MinhChungDb,
  options: { baseUrl: string; token: string; submissionId: string; now?: () => Date },
): Promise<CachedTimeline> {
  const timeline = await fetchTimeline(options.baseUrl, options.token, options.submissionId);
  const cached: CachedTimeline = {
    fetchedAt: (options.now?.() ?? new Date()).toISOString(),
    timeline,
  };
  await db.syncState.put({ key: keyOf(options.submissionId), value: cached });
  return cached;
}

/**
 * Fetches the timelines of several submissions one after another (a reviewer's inbox before going
 * out of signal). Stops at the first failure that would repeat for the rest (offline, signed out).
 */
export async function prefetchTimelines(
  db: MinhChungDb,
  options: { baseUrl: string; token: string; submissionIds: readonly string[] },
): Promise<number> {
  let fetched = 0;
  for (const submissionId of options.submissionIds) {
    try {
      await refreshTimeline(db, { ...options, submissionId });
      fetched += 1;
    } catch (error) {
      const failure = error instanceof TimelineError ? error.failure : 'server';
      if (failure === 'offline' || failure === 'signedOut') break;
    }
  }
  return fetched;
}
