// What `npm run map` does, as functions the test calls too: where the polygons are, and the
// exact bytes of data/map-*.json made from them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildDistrictMap, MAP_BUILD_DEFAULTS, serializeMap } from '../src/shared/map/build';
import { GisProvince } from '../src/shared/map/source';
import { SHIPPED_MAP_FILE } from '../sync-server/services/shipped-data';

const repoRoot = path.resolve(import.meta.dirname, '..');

export const MAP_SOURCE_FILE = 'gis-ninh-thuan-districts.json';

/** Where the generated map is committed: the shipped data the server loads at start. */
export const MAP_OUTPUT_PATH = path.join(repoRoot, 'data', SHIPPED_MAP_FILE);

/**
 * The province's district polygons (about 1 MB), kept in the repo under data/sources/ so that a
 * fresh clone can rebuild and check the shipped map; SHARED_DATA_DIR points elsewhere.
 */
export function mapSourcePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.SHARED_DATA_DIR ?? path.join(repoRoot, 'data', 'sources');
  return path.join(path.resolve(dir), MAP_SOURCE_FILE);
}

export class MapSourceError extends Error {}

/** Reads and validates the polygons; every problem is named with the file. */
export async function readMapSource(file: string): Promise<GisProvince> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new MapSourceError(
      `cannot read the district polygons at ${file} (set SHARED_DATA_DIR): ${String(error)}`,
    );
  }
  const source = GisProvince.safeParse(raw);
  if (!source.success)
    throw new MapSourceError(`${file} is not a province of districts: ${source.error.message}`);
  return source.data;
}

/** The file's exact bytes for the given polygons. */
export function renderMap(source: GisProvince): string {
  return serializeMap(
    buildDistrictMap(source, { ...MAP_BUILD_DEFAULTS, sourceName: MAP_SOURCE_FILE }),
  );
}
