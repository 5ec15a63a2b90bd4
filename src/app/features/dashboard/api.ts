import { DashboardFigures } from '../../../shared/reports/figures';

/** Why figures could not be fetched: the screen keeps showing the copy it has. */
export type DashboardFailure = 'offline' | 'signedOut' | 'notAllowed' | 'notFound' | 'server';

export class DashboardError extends Error {
  constructor(readonly failure: DashboardFailure) {
    super(failure);
  }
}

function failureFor(status: number): DashboardFailure {
  if (status === 401) return 'signedOut';
  if (status === 403) return 'notAllowed';
  if (status === 404) return 'notFound';
  return 'server';
}

/** `GET /api/reports/dashboard`, validated with the shared schema. */
export async function fetchDashboard(
  baseUrl: string,
  token: string,
  scope: { campaignId: string; unitId: string },
): Promise<DashboardFigures> {
  const query = new URLSearchParams({ campaign: scope.campaignId, unit: scope.unitId });
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/reports/dashboard?${query.toString()}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
  } catch {
    throw new DashboardError('offline');
  }
  if (!response.ok) throw new DashboardError(failureFor(response.status));
  const parsed = DashboardFigures.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new DashboardError('server');
  return parsed.data;
}

/** Downloads an export with the token (a plain link cannot carry it) and hands it to the browser. */
export async function downloadExport(
  baseUrl: string,
  token: string,
  file: { path: string; campaignId: string; unitId: string; language: string },
): Promise<void> {
  const query = new URLSearchParams({
    campaign: file.campaignId,
    unit: file.unitId,
    lang: file.language === 'en' ? 'en' : 'vi',
  });
  const response = await fetch(`${baseUrl}${file.path}?${query.toString()}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new DashboardError(failureFor(response.status));
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name ?? 'minh-chung-export';
  link.click();
  // The click has started the download; the object URL may go once the event loop turns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
