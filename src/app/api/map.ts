import { ApiErrorBody } from '../../shared/errors';
import { MapData } from '../../shared/map/schema';

export class MapLoadError extends Error {}

/**
 * Fetches the deployment's district map (`GET /api/public/map`, public, revalidated by ETag).
 * Resolves to null when the deployment ships no map, which is a normal answer: the dashboard then
 * simply has no map. Anything else that is not a valid map is a MapLoadError, the response
 * validated like every boundary input.
 */
export async function fetchMap(baseUrl = '', signal?: AbortSignal): Promise<MapData | null> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/public/map`, {
      signal: signal ?? null,
      // Revalidated every time (a 304 while it is unchanged), so that with no connection the
      // request fails and the caller falls back to its own copy instead of the HTTP cache's.
      cache: 'no-cache',
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    // The caller's own abort stays an abort, not a network failure to report.
    if (signal?.aborted) throw error;
    throw new MapLoadError(`network: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404) {
    const refusal = ApiErrorBody.safeParse(body);
    if (refusal.success && refusal.data.error.code === 'NOT_FOUND') return null;
  }
  if (!response.ok) throw new MapLoadError(`HTTP ${response.status}`);
  const parsed = MapData.safeParse(body);
  if (!parsed.success) throw new MapLoadError('the server sent an unexpected map');
  return parsed.data;
}
