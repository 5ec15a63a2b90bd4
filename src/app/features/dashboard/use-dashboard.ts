import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../../services';
import { DashboardError, type DashboardFailure } from './api';
import {
  readCachedDashboard,
  refreshDashboard,
  type CachedDashboard,
  type DashboardScope,
} from './repository';

export interface DashboardState {
  /** The copy on the phone (undefined while it is read, null when there is none). */
  cached: CachedDashboard | null | undefined;
  /** The last refresh failed: the copy shown, if any, may be behind. */
  failure: DashboardFailure | null;
  refreshing: boolean;
  refresh: () => void;
}

/** A unit's figures: the copy on the phone at once, refreshed from the server when online. */
export function useDashboard(scope: DashboardScope | null, token: string): DashboardState {
  const { db, baseUrl } = useServices();
  const campaignId = scope?.campaignId ?? '';
  const unitId = scope?.unitId ?? '';
  const cached = useLiveQuery(
    () => (campaignId ? readCachedDashboard(db, { campaignId, unitId }) : Promise.resolve(null)),
    [db, campaignId, unitId],
  );
  const [failure, setFailure] = useState<DashboardFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Refreshing until the request for the current scope and attempt has settled.
  const requestKey = `${campaignId}|${unitId}|${attempt}`;
  const [settled, setSettled] = useState<string | null>(null);

  useEffect(() => {
    if (!campaignId) return;
    let current = true;
    refreshDashboard(db, { baseUrl, token, scope: { campaignId, unitId } })
      .then(() => current && setFailure(null))
      .catch((error: unknown) => {
        if (current) setFailure(error instanceof DashboardError ? error.failure : 'server');
      })
      .finally(() => current && setSettled(requestKey));
    return () => {
      current = false;
    };
  }, [db, baseUrl, token, campaignId, unitId, requestKey]);

  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  return { cached, failure, refreshing: campaignId !== '' && settled !== requestKey, refresh };
}
