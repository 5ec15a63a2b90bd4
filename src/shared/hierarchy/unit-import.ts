import { OrgLevel, UnitCode, type OrgUnit } from '../schemas/org';
import { csvCells, csvLines } from '../text/csv';
import { makePath } from './paths';

/**
 * Importing administrative units from a file an administrator prepared: the nested JSON the
 * deployment ships (`{code, name, level, children}`), or a CSV sheet `code,name,level,parentCode`
 * with an optional full name. Both read into the same flat rows, and one plan checks them against
 * the units already recorded. An import adds units and renames existing ones; it never moves a unit
 * to another parent or changes its level — the reform's restructuring is done with merges, which
 * keep the old units' history (merge.ts). Pure: the server applies the plan, the app previews it.
 */
export interface ImportedUnit {
  code: string;
  name: string;
  fullName?: string | undefined;
  level: OrgLevel;
  /** Null only for the JSON tree's top node, whose parent is whatever the database says. */
  parentCode: string | null;
  /** Where the row came from, as the administrator finds it: "line 4" or "$.children[2]". */
  at: string;
}

export type UnitImportProblemCode =
  /** The file is not JSON, or not a unit tree. */
  | 'not_json'
  /** A CSV line without 4 or 5 cells. */
  | 'columns'
  | 'bad_code'
  | 'bad_level'
  | 'empty_name'
  /** The same code twice in the file. */
  | 'duplicate'
  /** The parent is neither recorded nor in the file. */
  | 'unknown_parent'
  /** An existing unit under another parent: moves are merges, not imports. */
  | 'moved'
  /** An existing unit given another level. */
  | 'level_changed'
  /** A unit not below its parent's level (a district under a commune). */
  | 'level_order'
  /** A unit outside the importer's own subtree. */
  | 'out_of_scope'
  /** Nothing to import. */
  | 'empty';

export interface UnitImportProblem {
  at: string;
  code: UnitImportProblemCode;
  /** The unit code concerned, when there is one. */
  unit?: string | undefined;
}

/** The rows that read well and the problems of those that did not: both, so that the plan can
 * check the good rows too and the administrator sees every mistake of the file at once. */
export interface UnitRows {
  rows: ImportedUnit[];
  problems: UnitImportProblem[];
}

const LEVEL_DEPTH: Readonly<Record<OrgLevel, number>> = {
  country: 0,
  province: 1,
  district: 2,
  commune: 3,
  village: 4,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One row's own checks, whatever file it came from. */
function rowProblems(row: {
  code: unknown;
  name: unknown;
  level: unknown;
  at: string;
}): UnitImportProblem[] {
  const problems: UnitImportProblem[] = [];
  const unit = typeof row.code === 'string' ? row.code : undefined;
  if (!UnitCode.safeParse(row.code).success) problems.push({ at: row.at, code: 'bad_code', unit });
  if (typeof row.name !== 'string' || row.name.trim() === '')
    problems.push({ at: row.at, code: 'empty_name', unit });
  if (!OrgLevel.safeParse(row.level).success)
    problems.push({ at: row.at, code: 'bad_level', unit });
  return problems;
}

/** The nested tree: every node checked, each problem at its JSON path. */
export function readUnitJson(text: string): UnitRows {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return { rows: [], problems: [{ at: '$', code: 'not_json' }] };
  }
  if (!isRecord(input)) return { rows: [], problems: [{ at: '$', code: 'not_json' }] };
  const rows: ImportedUnit[] = [];
  const problems: UnitImportProblem[] = [];
  // Iterative, like flattenUnitTree: a malformed file must not be able to blow the stack.
  const stack: { node: unknown; at: string; parentCode: string | null }[] = [
    { node: input, at: '$', parentCode: null },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, at, parentCode } = item;
    if (!isRecord(node)) {
      problems.push({ at, code: 'not_json' });
      continue;
    }
    const own = rowProblems({ code: node.code, name: node.name, level: node.level, at });
    problems.push(...own);
    if (own.length === 0) {
      rows.push({
        code: String(node.code),
        name: String(node.name).trim(),
        fullName: typeof node.fullName === 'string' ? node.fullName.trim() : undefined,
        level: OrgLevel.parse(node.level),
        parentCode,
        at,
      });
    }
    const children = node.children;
    if (children === undefined) continue;
    if (!Array.isArray(children)) {
      problems.push({ at: `${at}.children`, code: 'not_json' });
      continue;
    }
    for (let i = children.length - 1; i >= 0; i -= 1)
      stack.push({ node: children[i], at: `${at}.children[${i}]`, parentCode: String(node.code) });
  }
  rows.sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }));
  return { rows, problems };
}

const CSV_HEADER = /^\s*(code|mã)\s*[,;]/i;

/** The sheet: `code,name,level,parentCode[,fullName]`, a header line optional. */
export function readUnitCsv(text: string): UnitRows {
  const { lines, separator } = csvLines(text);
  const rows: ImportedUnit[] = [];
  const problems: UnitImportProblem[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '' || (index === 0 && CSV_HEADER.test(line))) return;
    const at = `line ${index + 1}`;
    const cells = csvCells(line, separator);
    if (cells.length < 4 || cells.length > 5) {
      problems.push({ at, code: 'columns' });
      return;
    }
    const [code = '', name = '', level = '', parentCode = '', fullName = ''] = cells;
    const own = rowProblems({ code, name, level: level.toLowerCase(), at });
    if (parentCode !== '' && !UnitCode.safeParse(parentCode).success)
      own.push({ at, code: 'unknown_parent', unit: code });
    problems.push(...own);
    if (own.length > 0) return;
    rows.push({
      code,
      name,
      fullName: fullName === '' ? undefined : fullName,
      level: OrgLevel.parse(level.toLowerCase()),
      parentCode: parentCode === '' ? null : parentCode,
      at,
    });
  });
  if (problems.length === 0 && rows.length === 0) problems.push({ at: '$', code: 'empty' });
  return { rows, problems };
}

export interface UnitRename {
  unit: OrgUnit;
  name: string;
  fullName: string | undefined;
}

export interface UnitImportPlan {
  /** New units, parents before children. */
  add: OrgUnit[];
  rename: UnitRename[];
  unchanged: number;
}

export type UnitImportCheck =
  { ok: true; plan: UnitImportPlan } | { ok: false; problems: UnitImportProblem[] };

/**
 * What importing the rows would do to the recorded units, or every reason it cannot: all or
 * none, so a half-imported tree never exists. `scopePath` is the importer's own subtree.
 */
export function planUnitImport(
  existing: readonly OrgUnit[],
  rows: readonly ImportedUnit[],
  scopePath: string,
): UnitImportCheck {
  const recorded = new Map(existing.map((unit) => [unit.id, unit]));
  const inFile = new Map<string, ImportedUnit>();
  const problems: UnitImportProblem[] = [];
  for (const row of rows) {
    if (inFile.has(row.code)) problems.push({ at: row.at, code: 'duplicate', unit: row.code });
    else inFile.set(row.code, row);
  }
  const placed = new Map<string, OrgUnit>(recorded);
  const plan: UnitImportPlan = { add: [], rename: [], unchanged: 0 };
  // Parents before children: a row waits until its parent is placed; what never gets placed has
  // an unknown parent (or a loop of parents, which is the same mistake).
  let pending = [...inFile.values()];
  for (let progress = true; progress && pending.length > 0;) {
    progress = false;
    const waiting: ImportedUnit[] = [];
    for (const row of pending) {
      const before = recorded.get(row.code);
      const parentCode = row.parentCode ?? before?.parentId ?? null;
      const parent = parentCode === null ? undefined : placed.get(parentCode);
      if (parentCode !== null && !parent) {
        waiting.push(row);
        continue;
      }
      progress = true;
      const problem = rowAgainstTree(row, before, parent, scopePath);
      if (problem) {
        problems.push(problem);
        continue;
      }
      if (before) {
        const fullName = row.fullName ?? before.fullName;
        if (before.name === row.name && before.fullName === fullName) plan.unchanged += 1;
        else plan.rename.push({ unit: before, name: row.name, fullName });
        continue;
      }
      const unit: OrgUnit = {
        id: row.code,
        code: row.code,
        name: row.name,
        level: row.level,
        parentId: parent ? parent.id : null,
        path: makePath(parent ? parent.path : null, row.code),
        ...(row.fullName === undefined ? {} : { fullName: row.fullName }),
      };
      placed.set(unit.id, unit);
      plan.add.push(unit);
    }
    pending = waiting;
  }
  for (const row of pending) problems.push({ at: row.at, code: 'unknown_parent', unit: row.code });
  problems.sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan };
}

function rowAgainstTree(
  row: ImportedUnit,
  before: OrgUnit | undefined,
  parent: OrgUnit | undefined,
  scopePath: string,
): UnitImportProblem | null {
  const problem = (code: UnitImportProblemCode) => ({ at: row.at, code, unit: row.code });
  if (before) {
    if (row.parentCode !== null && before.parentId !== row.parentCode) return problem('moved');
    if (before.level !== row.level) return problem('level_changed');
    return before.path.startsWith(scopePath) ? null : problem('out_of_scope');
  }
  // A new unit needs a recorded or imported parent: a second root is not an import.
  if (!parent) return problem('unknown_parent');
  if (LEVEL_DEPTH[row.level] <= LEVEL_DEPTH[parent.level]) return problem('level_order');
  return makePath(parent.path, row.code).startsWith(scopePath) ? null : problem('out_of_scope');
}
