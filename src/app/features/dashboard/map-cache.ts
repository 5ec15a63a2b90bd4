import { MapData } from '../../../shared/map/schema';
import { fetchMap } from '../../api/map';
import type { MinhChungDb } from '../../db/database';

/**
 * The district map as the server last sent it, kept beside the dashboards' figures so that a
 * dashboard opened without signal still draws its map. A derived copy: a fetch replaces it, and a
 * deployment that stops shipping a map drops it.
 */
const KEY = 'map:districts';

export async function readCachedMap(db: MinhChungDb): Promise<MapData | null> {
  const parsed = MapData.safeParse((await db.syncState.get(KEY))?.value);
  return parsed.success ? parsed.data : null;
}

/** The server's map, kept on the phone; when the server cannot be reached, the kept one. */
export async function refreshMap(
  db: MinhChungDb,
  baseUrl: string,
  signal: AbortSignal,
): Promise<MapData | null> {
  let map: MapData | null;
  try {
    map = await fetchMap(baseUrl, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return readCachedMap(db);
  }
  if (map) await db.syncState.put({ key: KEY, value: map });
  else await db.syncState.delete(KEY);
  return map;
}
