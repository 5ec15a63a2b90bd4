import type { OrgUnit } from '../schemas/org';
import { isStrictDescendant } from './paths';

/**
 * Unit merges as data (the July 2025 reform: communes merged, districts abolished). A merge says
 * which units stopped existing on a date and which unit took them over; nothing earlier is
 * rewritten. A campaign run before the merge keeps its figures under the old units, and a later
 * one compares the merged unit with the sum of the old ones through `successorOf`. Split is out
 * of scope: a unit maps to exactly one successor.
 */
export interface UnitMerge {
  /** YYYY-MM-DD: the first day the sources no longer exist. */
  effectiveOn: string;
  sources: readonly string[];
  target: string;
}

export type MergeRefusal =
  /** A source or the target is not a unit of the tree. */
  | 'unknown_unit'
  /** No source, or a source named twice. */
  | 'no_sources'
  /** The target is among the sources. */
  | 'self'
  /** A source is an ancestor of the target: a unit cannot be merged into its own child. */
  | 'into_own_descendant'
  /** The units are of different levels (a commune into a district). */
  | 'level_mismatch'
  /** A source was already merged away earlier. */
  | 'already_merged'
  /** The target was merged away earlier, and following it would lead back to a source. */
  | 'cycle';

export type MergeCheck = { ok: true } | { ok: false; code: MergeRefusal; unit: string };

const refuse = (code: MergeRefusal, unit: string): MergeCheck => ({ ok: false, code, unit });

/** Where a unit's history went: itself, or the unit it was (eventually) merged into. */
export function successorOf(code: string, merges: readonly UnitMerge[]): string {
  const next = new Map<string, string>();
  for (const merge of merges) for (const source of merge.sources) next.set(source, merge.target);
  let current = code;
  const seen = new Set<string>([current]);
  for (let step = next.get(current); step !== undefined; step = next.get(current)) {
    // Refused merges never make a cycle; a stored one must still not hang a dashboard.
    if (seen.has(step)) break;
    seen.add(step);
    current = step;
  }
  return current;
}

/** Checks a new merge against the tree and the merges already recorded; says why it is refused. */
export function checkMerge(
  units: readonly OrgUnit[],
  earlier: readonly UnitMerge[],
  merge: UnitMerge,
): MergeCheck {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const target = byId.get(merge.target);
  if (!target) return refuse('unknown_unit', merge.target);
  if (merge.sources.length === 0 || new Set(merge.sources).size !== merge.sources.length)
    return refuse('no_sources', merge.target);
  const retired = new Set(earlier.flatMap((m) => m.sources));
  for (const code of merge.sources) {
    const source = byId.get(code);
    if (!source) return refuse('unknown_unit', code);
    if (code === merge.target) return refuse('self', code);
    if (isStrictDescendant(target.path, source.path)) return refuse('into_own_descendant', code);
    if (source.level !== target.level) return refuse('level_mismatch', code);
    if (retired.has(code)) return refuse('already_merged', code);
  }
  if (retired.has(merge.target)) {
    // Merging into a unit that is gone: a cycle when its history leads to one of the sources.
    const end = successorOf(merge.target, earlier);
    return refuse(merge.sources.includes(end) ? 'cycle' : 'already_merged', merge.target);
  }
  return { ok: true };
}

/**
 * A figure per unit from before the merges, summed onto the units that exist after them: what a
 * later campaign's merged unit is compared with. Units that were not merged keep their own.
 */
export function sumOntoSuccessors(
  values: ReadonlyMap<string, number>,
  merges: readonly UnitMerge[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [code, value] of values) {
    const successor = successorOf(code, merges);
    out.set(successor, (out.get(successor) ?? 0) + value);
  }
  return out;
}
