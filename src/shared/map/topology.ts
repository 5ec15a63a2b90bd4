// Simplification that keeps neighbours glued together. Two districts share a border as the same
// run of vertices (traversed in opposite directions); simplified ring by ring, each would keep
// different vertices of it and the map would show slivers and overlaps along every border. So
// the rings are cut at their junctions (where the set of rings a vertex belongs to changes) into
// chains, a chain shared by two rings is simplified once in a fixed direction, and both rings get
// the same line. This is the arc idea of TopoJSON, in the small.
import {
  douglasPeucker,
  isCollapsed,
  openRing,
  simplifyRing,
  type Point,
  type Ring,
} from './geometry';

const keyOf = (point: Point) => `${point[0]},${point[1]}`;

/** For every vertex, the rings it belongs to, as a sorted list joined to one string. */
function ownersByVertex(rings: readonly Point[][]): Map<string, string> {
  const owners = new Map<string, number[]>();
  rings.forEach((points, ring) => {
    for (const point of points) {
      const key = keyOf(point);
      const list = owners.get(key);
      if (!list) owners.set(key, [ring]);
      else if (list[list.length - 1] !== ring) list.push(ring);
    }
  });
  return new Map([...owners].map(([key, list]) => [key, list.join(' ')]));
}

/** Indexes of the vertices whose owner set differs from one of their neighbours'. */
function junctions(points: readonly Point[], owners: ReadonlyMap<string, string>): number[] {
  const ownerOf = (i: number) => {
    const point = points[(i + points.length) % points.length];
    return point ? owners.get(keyOf(point)) : undefined;
  };
  const found: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const own = ownerOf(i);
    if (own !== ownerOf(i - 1) || own !== ownerOf(i + 1)) found.push(i);
  }
  return found;
}

/**
 * A chain simplified in a direction fixed by its ends (the lesser key first), so that the same
 * border walked the other way round by the neighbour keeps exactly the same vertices.
 */
function simplifyChain(chain: Point[], tolerance: number): Point[] {
  const first = chain[0];
  const last = chain[chain.length - 1];
  const reversed = first !== undefined && last !== undefined && keyOf(last) < keyOf(first);
  if (!reversed) return douglasPeucker(chain, tolerance);
  return douglasPeucker(chain.slice().reverse(), tolerance).reverse();
}

function simplifyAtJunctions(points: readonly Point[], cuts: readonly number[], tolerance: number) {
  const result: Point[] = [];
  cuts.forEach((from, index) => {
    const to = cuts[index + 1] ?? (cuts[0] ?? 0) + points.length;
    const chain: Point[] = [];
    for (let i = from; i <= to; i++) {
      const point = points[i % points.length];
      if (point) chain.push(point);
    }
    const simplified = simplifyChain(chain, tolerance);
    // Each chain starts where the last one ended: drop the repeated joint.
    result.push(...(result.length === 0 ? simplified : simplified.slice(1)));
  });
  return result;
}

/**
 * Simplifies every ring of a map together (all districts' outer rings and holes), with
 * Douglas–Peucker at `tolerance` between junctions. Returns, per ring in the same order, the
 * closed simplified ring, or null where it collapsed (fewer than 3 corners or no area).
 */
export function simplifyShared(rings: readonly Ring[], tolerance: number): (Point[] | null)[] {
  const open = rings.map(openRing);
  const owners = ownersByVertex(open);
  return open.map((points) => {
    const cuts = junctions(points, owners);
    // A ring nobody shares (an island, or a map of one district) has no junction.
    if (cuts.length === 0) return simplifyRing(points, tolerance);
    const simplified = simplifyAtJunctions(points, cuts, tolerance);
    return isCollapsed(simplified) ? null : simplified;
  });
}
