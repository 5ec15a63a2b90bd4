// Plane geometry for the province map: simplification of rings, areas, distances. Pure
// ECMAScript so the build script, the tests and (should it ever need to) the app share it.

/** A point in the plane: [x, y]. Lon/lat before projection, SVG units after. */
export type Point = readonly [number, number];

/**
 * A closed ring as in GeoJSON: at least 4 points, the last equal to the first. Outer rings and
 * holes alike; their orientation is not relied on (the map fills even–odd, see svg-path.ts).
 */
export type Ring = readonly Point[];

export function samePoint(a: Point, b: Point): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The ring's points with the closing point dropped (or the points as given if not closed). */
export function openRing(ring: readonly Point[]): Point[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first && last && ring.length > 1 && samePoint(first, last)
    ? ring.slice(0, -1)
    : ring.slice();
}

/** Twice the signed area (shoelace); positive for counter-clockwise in a y-up plane. */
export function doubleArea(ring: readonly Point[]): number {
  let sum = 0;
  let previous: Point | undefined;
  for (const point of ring) {
    if (previous) sum += previous[0] * point[1] - point[0] * previous[1];
    previous = point;
  }
  return sum;
}

/** Distance from p to the segment a–b (to the point a when the segment is degenerate). */
export function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Douglas–Peucker on an open chain: both ends are kept, and a point survives when it lies
 * farther than `tolerance` from the chord of the run it sits in.
 *
 * Why Douglas–Peucker rather than Visvalingam–Whyatt: its tolerance is a distance, so "no border
 * moves by more than one SVG unit" is a guarantee one can state and test, and it keeps extreme
 * points (capes, the tip of a district), which on a map of seven districts matter more than the
 * smoother look Visvalingam gives at heavy simplification. Ties (two points equally far) go to
 * the first, so the result depends only on the chain and its direction (topology.ts fixes the
 * direction of a shared border so both districts get the same line).
 */
export function douglasPeucker(chain: readonly Point[], tolerance: number): Point[] {
  const count = chain.length;
  if (count <= 2) return chain.slice();
  const keep = new Uint8Array(count);
  keep[0] = 1;
  keep[count - 1] = 1;
  // An explicit stack: a border of thousands of points must not depend on recursion depth.
  const stack: [number, number][] = [[0, count - 1]];
  for (let run = stack.pop(); run; run = stack.pop()) {
    const [from, to] = run;
    const a = chain[from];
    const b = chain[to];
    if (!a || !b) continue;
    let farthest = -1;
    let distance = tolerance;
    for (let i = from + 1; i < to; i++) {
      const point = chain[i];
      const d = point ? segmentDistance(point, a, b) : 0;
      if (d > distance) {
        farthest = i;
        distance = d;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([from, farthest], [farthest, to]);
  }
  return chain.filter((_, i) => keep[i] === 1);
}

/** Index of the point of `points` farthest from `from` (the first such point on a tie). */
export function farthestFrom(points: readonly Point[], from: Point): number {
  let best = 0;
  let bestDistance = -1;
  points.forEach((p, i) => {
    const d = Math.hypot(p[0] - from[0], p[1] - from[1]);
    if (d > bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/**
 * A closed ring that has collapsed: fewer than 3 distinct corners (4 points with the closing one),
 * or no area left (all corners on one line, or a path that doubles back on itself).
 */
export function isCollapsed(ring: readonly Point[]): boolean {
  return ring.length < 4 || doubleArea(ring) === 0;
}

/**
 * Simplifies one closed ring on its own. A ring has no ends, so it is cut into two chains at its
 * first point and the point farthest from it, and each chain is simplified with both ends kept.
 * Returns the closed ring, or null when it collapsed (it is then dropped, not drawn as a line).
 */
export function simplifyRing(ring: Ring, tolerance: number): Point[] | null {
  const points = openRing(ring);
  const start = points[0];
  if (!start || points.length < 3) return null;
  const cut = farthestFrom(points, start);
  const first = douglasPeucker(points.slice(0, cut + 1), tolerance);
  const second = douglasPeucker([...points.slice(cut), start], tolerance);
  const simplified = [...first, ...second.slice(1)];
  return isCollapsed(simplified) ? null : simplified;
}

/** Rounds to `decimals` places and removes the repeats rounding makes; null if it collapsed. */
export function roundRing(ring: readonly Point[], decimals: number): Point[] | null {
  const factor = 10 ** decimals;
  const round = (value: number) => Math.round(value * factor) / factor;
  const rounded: Point[] = [];
  for (const [x, y] of ring) {
    const point: Point = [round(x), round(y)];
    const previous = rounded[rounded.length - 1];
    if (!previous || !samePoint(previous, point)) rounded.push(point);
  }
  return isCollapsed(rounded) ? null : rounded;
}
