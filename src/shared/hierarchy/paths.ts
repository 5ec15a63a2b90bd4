import type { OrgLevel, OrgUnit, UnitTreeNode } from '../schemas/org';

/**
 * Materialised paths: "/58/584/22783/" is commune 22783 in district 584 in province 58. The
 * leading and trailing slashes make subtree tests a plain prefix test that cannot confuse
 * "/58/" with "/581/". The depth of the tree is data, so nothing here assumes three levels.
 */

const SEGMENT = /^[A-Za-z0-9_-]{1,32}$/;
const PATH = /^\/(?:[A-Za-z0-9_-]{1,32}\/)+$/;

export function isValidPath(path: unknown): path is string {
  return typeof path === 'string' && PATH.test(path);
}

export function makePath(parentPath: string | null, code: string): string {
  if (!SEGMENT.test(code)) throw new RangeError(`not a valid unit code: ${JSON.stringify(code)}`);
  if (parentPath !== null && !isValidPath(parentPath))
    throw new RangeError(`not a valid path: ${JSON.stringify(parentPath)}`);
  return `${parentPath ?? '/'}${code}/`;
}

export function pathSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/** The code of the unit the path points at. */
export function lastSegment(path: string): string | null {
  return pathSegments(path).at(-1) ?? null;
}

export function parentPath(path: string): string | null {
  const segments = pathSegments(path);
  if (segments.length <= 1) return null;
  return `/${segments.slice(0, -1).join('/')}/`;
}

/** Every ancestor, root first, excluding the path itself. */
export function ancestorPaths(path: string): string[] {
  const segments = pathSegments(path);
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) out.push(`/${segments.slice(0, i).join('/')}/`);
  return out;
}

/**
 * True when `path` is `rootPath` or below it. Both must be well-formed: an empty or malformed
 * root must never match everything (that would turn a data error into a privilege escalation).
 */
export function isInSubtree(path: string, rootPath: string): boolean {
  return isValidPath(path) && isValidPath(rootPath) && path.startsWith(rootPath);
}

export function isStrictDescendant(path: string, ancestorPath: string): boolean {
  return path !== ancestorPath && isInSubtree(path, ancestorPath);
}

/** 1 for the root (province), 2 for its children, and so on. */
export function depth(path: string): number {
  return pathSegments(path).length;
}

/** Turns the shipped nested tree into flat units, parents before children (pre-order). */
export function flattenUnitTree(root: UnitTreeNode): OrgUnit[] {
  const out: OrgUnit[] = [];
  // An explicit stack instead of recursion: a national tree is wide but shallow, yet a malformed
  // one should not be able to blow the call stack.
  const stack: { node: UnitTreeNode; parent: OrgUnit | null }[] = [{ node: root, parent: null }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, parent } = item;
    const unit: OrgUnit = {
      id: node.code,
      code: node.code,
      name: node.name,
      level: node.level,
      parentId: parent ? parent.id : null,
      path: makePath(parent ? parent.path : null, node.code),
    };
    if (node.nameEn !== undefined) unit.nameEn = node.nameEn;
    if (node.fullName !== undefined) unit.fullName = node.fullName;
    out.push(unit);
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, parent: unit });
    }
  }
  return out;
}

type UnitLookup = ReadonlyMap<string, OrgUnit> | Readonly<Record<string, OrgUnit>>;

function lookup(units: UnitLookup, id: string): OrgUnit | undefined {
  if (units instanceof Map) return (units as ReadonlyMap<string, OrgUnit>).get(id);
  const record = units as Readonly<Record<string, OrgUnit>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * The level of the units directly above communes: 'district' in a 3-level tree, 'province' in a
 * 2-level one. That level plays the reviewer role. Null when there is no commune with a parent.
 */
export function levelAboveCommune(units: readonly OrgUnit[]): OrgLevel | null {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  for (const unit of units) {
    if (unit.level !== 'commune' || unit.parentId === null) continue;
    const parent = byId.get(unit.parentId);
    if (parent) return parent.level;
  }
  return null;
}

/** The unit whose reviewers decide on this commune's submissions: simply its parent. */
export function reviewerUnitOf(commune: OrgUnit, unitsById: UnitLookup): OrgUnit | null {
  if (commune.parentId === null) return null;
  return lookup(unitsById, commune.parentId) ?? null;
}
