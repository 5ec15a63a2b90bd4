// From the province's GIS polygons to the map the app draws: project, simplify with shared
// borders kept shared, round, and write each district as one SVG path. Pure and deterministic,
// so the committed data/map-*.json can be checked against a fresh run byte for byte.
import { roundRing, simplifyRing, type Point } from './geometry';
import { labelPoint, largestPolygon, type Polygon } from './label';
import { ringsToPath } from './svg-path';
import { bboxOf, equirectangular, type Projection } from './projection';
import type { MapData, MapDistrict } from './schema';
import type { GisDistrict, GisProvince } from './source';
import { simplifyShared } from './topology';

export interface MapBuildOptions {
  /** Named in the output's `source`, with the method. */
  sourceName: string;
  /** viewBox width in SVG units; the height follows. */
  width: number;
  padding: number;
  /** Douglas–Peucker tolerance in SVG units: no border moves farther than this. */
  tolerance: number;
  /** Decimal places kept in the output coordinates. */
  decimals: number;
}

/**
 * 1 unit at 1000 units across: on a 360 px phone a border moves by at most 0.36 px, on a desktop
 * at 1000 px by 1 px, which no eye sees at the strokes the map draws; 2 units already cut visible
 * corners off the coast. Whole numbers: a unit is about 75 m of Ninh Thuận, below what the
 * simplification keeps anyway, and decimals would add a third to the file.
 */
export const MAP_BUILD_DEFAULTS: Omit<MapBuildOptions, 'sourceName'> = {
  width: 1000,
  padding: 8,
  tolerance: 1,
  decimals: 0,
};

export class MapBuildError extends Error {}

interface DistrictShape {
  district: GisDistrict;
  polygons: Point[][][];
}

function project(districts: readonly GisDistrict[], projection: Projection): DistrictShape[] {
  return districts.map((district) => ({
    district,
    polygons: district.coordinates.map((polygon) =>
      polygon.map((ring) => ring.map((point) => projection.project(point))),
    ),
  }));
}

/** Every ring of every district simplified together, then rounded; null where one collapsed. */
function simplifyAll(shapes: readonly DistrictShape[], options: MapBuildOptions) {
  const rings = shapes.flatMap((shape) => shape.polygons.flat());
  const simplified = simplifyShared(rings, options.tolerance);
  let next = 0;
  return shapes.map((shape) =>
    shape.polygons.map((polygon) =>
      polygon.map(() => {
        const ring = simplified[next++];
        return ring ? roundRing(ring, options.decimals) : null;
      }),
    ),
  );
}

/** A polygon survives if its outer ring does; its collapsed holes are dropped. */
function keptPolygons(rings: readonly (readonly (Point[] | null)[])[]): Polygon[] {
  const kept: Polygon[] = [];
  for (const [outer, ...holes] of rings) {
    if (outer) kept.push([outer, ...holes.filter((hole): hole is Point[] => hole !== null)]);
  }
  return kept;
}

/**
 * A district smaller than the tolerance would vanish from the map, which would then say it does
 * not exist. It keeps its largest part instead, only rounded (no simplification); if even that
 * is below the map's resolution the build stops rather than ship a district with no shape.
 */
function fallbackPolygon(shape: DistrictShape, decimals: number): Polygon[] {
  const outer = largestPolygon(shape.polygons)?.[0];
  const exact = outer ? simplifyRing(outer, 0) : null;
  const rounded = exact ? roundRing(exact, decimals) : null;
  if (!rounded) {
    throw new MapBuildError(
      `district ${shape.district.level2_id} is smaller than the map's resolution`,
    );
  }
  return [[rounded]];
}

function roundPoint([x, y]: Point, decimals: number): [number, number] {
  const factor = 10 ** decimals;
  return [Math.round(x * factor) / factor, Math.round(y * factor) / factor];
}

export function buildDistrictMap(source: GisProvince, options: MapBuildOptions): MapData {
  // By code, so the output does not depend on the order of the source file.
  // Code units, not localeCompare: the same order under every locale the script may run in.
  const districts = [...source.level2s].sort((a, b) =>
    a.level2_id < b.level2_id ? -1 : a.level2_id > b.level2_id ? 1 : 0,
  );
  const everyPoint = districts.flatMap((district) => district.coordinates.flat(2));
  const projection = equirectangular(bboxOf(everyPoint), options);
  const shapes = project(districts, projection);
  const simplified = simplifyAll(shapes, options);
  const mapDistricts = shapes.map((shape, index): MapDistrict => {
    const kept = keptPolygons(simplified[index] ?? []);
    const polygons = kept.length > 0 ? kept : fallbackPolygon(shape, options.decimals);
    return {
      code: shape.district.level2_id,
      name: shape.district.name,
      path: ringsToPath(polygons.flat()),
      labelAt: roundPoint(labelPoint(polygons), options.decimals),
    };
  });
  return {
    source:
      `${options.sourceName} (${source.name}): equirectangular, Douglas–Peucker ` +
      `${options.tolerance} unit at ${options.width} wide, shared borders kept shared`,
    province: { code: source.level1_id, name: source.name },
    viewBox: projection.viewBox,
    districts: mapDistricts,
  };
}

/** The file's bytes: stable key order (as built), two-space indent, a final newline. */
export function serializeMap(map: MapData): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}
