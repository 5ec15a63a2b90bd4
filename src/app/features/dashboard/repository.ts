import { z } from 'zod';
import { DashboardFigures } from '../../../shared/reports/figures';
import type { MinhChungDb } from '../../db/database';
import { fetchDashboard } from './api';

/**
 * The figures as the server last sent them, per campaign and unit, so a leader opens the
 * dashboard in a meeting room without signal. A derived view: a refresh replaces the copy.
 */
const CachedDashboard = z.object({ fetchedAt: z.string(), figures: DashboardFigures });
export type CachedDashboard = z.infer<typeof CachedDashboard>;

export interface DashboardScope {
  campaignId: string;
  unitId: string;
}

const keyOf = (scope: DashboardScope) => `dashboard:${scope.campaignId}:${scope.unitId}`;

export async function readCachedDashboard(
  db: MinhChungDb,
  scope: DashboardScope,
): Promise<CachedDashboard | null> {
  const row = await db.syncState.get(keyOf(scope));
  const parsed = CachedDashboard.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function refreshDashboard(
  db: MinhChungDb,
  options: { baseUrl: string; token: string; scope: DashboardScope; now?: () => Date },
): Promise<CachedDashboard> {
  const figures = await fetchDashboard(options.baseUrl, options.token, options.scope);
  const cached: CachedDashboard = {
    fetchedAt: (options.now?.() ?? new Date()).toISOString(),
    figures,
  };
  await db.syncState.put({ key: keyOf(options.scope), value: cached });
  return cached;
}
