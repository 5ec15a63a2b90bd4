import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { TimelineEntry } from '../../../shared/history/timeline';
import { useServices } from '../../services';
import { TimelineError, type TimelineFailure } from './api';
import { readCachedTimeline, refreshTimeline } from './repository';

export interface TimelineState {
  entries: readonly TimelineEntry[];
  /** When the copy on the phone was fetched; null when there is none yet. */
  fetchedAt: string | null;
  /** The last refresh failed (the copy shown, if any, may be behind). */
  failure: TimelineFailure | null;
}

const NO_ENTRIES: readonly TimelineEntry[] = [];

/**
 * A submission's timeline: the copy on the phone at once, refreshed from the server when online
 * and whenever `version` changes (pass something that changes with the submission, such as its
 * status and update time, so a return or a resubmission brings the new history).
 */
export function useTimeline(
  submissionId: string,
  token: string | null,
  version: string,
): TimelineState {
  const { db, baseUrl } = useServices();
  const cached = useLiveQuery(() => readCachedTimeline(db, submissionId), [db, submissionId]);
  const [failure, setFailure] = useState<TimelineFailure | null>(null);

  useEffect(() => {
    if (!token) return;
    let current = true;
    refreshTimeline(db, { baseUrl, token, submissionId })
      .then(() => current && setFailure(null))
      .catch((error: unknown) => {
        if (current) setFailure(error instanceof TimelineError ? error.failure : 'server');
      });
    return () => {
      current = false;
    };
  }, [db, baseUrl, token, submissionId, version]);

  return {
    entries: cached?.timeline.entries ?? NO_ENTRIES,
    fetchedAt: cached?.fetchedAt ?? null,
    failure,
  };
}
