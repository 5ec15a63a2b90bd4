import { doubleArea, segmentDistance, type Point } from './geometry';

/** A polygon: its outer ring, then its holes, each closed. */
export type Polygon = readonly (readonly Point[])[];

/** Even–odd point in ring (ray casting). */
function insideRing(point: Point, ring: readonly Point[]): boolean {
  const [x, y] = point;
  let inside = false;
  let previous = ring[ring.length - 1];
  for (const current of ring) {
    if (previous && current[1] > y !== previous[1] > y) {
      const crossing =
        ((previous[0] - current[0]) * (y - current[1])) / (previous[1] - current[1]) + current[0];
      if (x < crossing) inside = !inside;
    }
    previous = current;
  }
  return inside;
}

function insidePolygon(point: Point, [outer, ...holes]: Polygon): boolean {
  return (
    outer !== undefined &&
    insideRing(point, outer) &&
    !holes.some((hole) => insideRing(point, hole))
  );
}

function distanceToEdges(point: Point, polygon: Polygon): number {
  let best = Infinity;
  for (const ring of polygon) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1];
      const b = ring[i];
      if (a && b) best = Math.min(best, segmentDistance(point, a, b));
    }
  }
  return best;
}

/** The polygon with the largest outer ring: where a district's name goes. */
export function largestPolygon(polygons: readonly Polygon[]): Polygon | undefined {
  let best: Polygon | undefined;
  let bestArea = -1;
  for (const polygon of polygons) {
    const area = Math.abs(doubleArea(polygon[0] ?? []));
    if (area > bestArea) {
      best = polygon;
      bestArea = area;
    }
  }
  return best;
}

/**
 * Where to write a district's name: the point of a grid over its largest polygon that lies inside
 * it and farthest from its border (a coarse pole of inaccessibility). The centroid would do for a
 * round district, but a crescent's centroid lies outside it, and a label there names a neighbour.
 * `cells` grid steps along the longer side; a build-time cost only.
 */
export function labelPoint(polygons: readonly Polygon[], cells = 64): Point {
  const polygon = largestPolygon(polygons);
  const outer = polygon?.[0];
  const first = outer?.[0];
  if (!polygon || !outer || !first) throw new RangeError('labelPoint: no polygon');
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const step = Math.max(maxX - minX, maxY - minY) / cells;
  if (!(step > 0)) return first;
  let best: Point = first;
  let bestDistance = -1;
  for (let y = minY + step / 2; y < maxY; y += step) {
    for (let x = minX + step / 2; x < maxX; x += step) {
      const candidate: Point = [x, y];
      if (!insidePolygon(candidate, polygon)) continue;
      const distance = distanceToEdges(candidate, polygon);
      if (distance > bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
  }
  return best;
}
