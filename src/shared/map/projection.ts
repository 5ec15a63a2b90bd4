import type { Point } from './geometry';

/** [minLon, minLat, maxLon, maxLat], as in GeoJSON. */
export type BBox = readonly [number, number, number, number];

/** An SVG viewBox: [minX, minY, width, height]; the map's always starts at the origin. */
export type ViewBox = [0, 0, number, number];

export interface Projection {
  viewBox: ViewBox;
  /** Lon/lat (degrees) to SVG units, y pointing down. */
  project: (point: Point) => Point;
}

export interface ProjectionOptions {
  /** The viewBox width; the height follows from the bbox's aspect ratio. */
  width: number;
  /** Room left on every side, in SVG units, so the border strokes are not clipped. */
  padding: number;
}

/** The bbox of a set of lon/lat points (computed, not read from the source: bboxes lie). */
export function bboxOf(points: Iterable<Point>): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (minX > maxX) throw new RangeError('bboxOf: no points');
  return [minX, minY, maxX, maxY];
}

/**
 * An equirectangular projection fitted to `bbox`: a degree of longitude is cos(mid-latitude)
 * times a degree of latitude, so shapes keep their proportions at the bbox's middle. For one
 * province (under one degree across) the error against a conformal projection is far below a
 * pixel, and the formula is simple enough to check by hand, unlike Web Mercator's.
 * y is flipped (north up) because SVG's y axis points down.
 */
export function equirectangular(bbox: BBox, { width, padding }: ProjectionOptions): Projection {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const lonSpan = maxLon - minLon;
  const latSpan = maxLat - minLat;
  if (!(lonSpan > 0 && latSpan > 0)) throw new RangeError('equirectangular: an empty bbox');
  const cosMid = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const inner = width - 2 * padding;
  // SVG units per degree of latitude; a degree of longitude is cosMid of that.
  const scale = inner / (lonSpan * cosMid);
  // Rounded up to a whole unit so the viewBox is short to write and nothing falls outside it.
  const height = Math.ceil(latSpan * scale + 2 * padding);
  return {
    viewBox: [0, 0, width, height],
    project: ([lon, lat]) => [
      padding + (lon - minLon) * cosMid * scale,
      padding + (maxLat - lat) * scale,
    ],
  };
}
