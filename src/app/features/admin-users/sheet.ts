import { assignableRoles, type IssuedCredential, type NewUser } from '../../../shared/api/users';
import { isInSubtree } from '../../../shared/hierarchy/paths';
import type { Actor } from '../../../shared/permissions/can';
import type { OrgUnit } from '../../../shared/schemas/org';
import { readUserCsv, type CsvProblem } from '../../../shared/users/user-csv';

/**
 * The pure parts of the accounts screen: a CSV sheet checked against what the phone knows before
 * anything is sent, and the printed sheet of first passwords grouped so that one district's
 * communes come out on one page.
 */

/** A CSV problem, with the value the app found wrong when it is a unit or a name. */
export interface SheetProblem extends CsvProblem {
  value?: string;
}

export type CheckedSheet = { ok: true; users: NewUser[] } | { ok: false; problems: SheetProblem[] };

export interface SheetContext {
  actor: Actor;
  units: ReadonlyMap<string, OrgUnit>;
  /** Usernames the administrator already sees in the list (the server knows the rest). */
  taken: ReadonlySet<string>;
}

/** Problems the schema cannot see: the unit, its scope, the role the actor may give, a name in use. */
function contextProblems(line: number, user: NewUser, context: SheetContext): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const unit = context.units.get(user.orgUnitId);
  if (!unit)
    problems.push({ line, field: 'orgUnitId', code: 'unknownUnit', value: user.orgUnitId });
  else if (!isInSubtree(unit.path, context.actor.orgPath))
    problems.push({ line, field: 'orgUnitId', code: 'outOfScope', value: user.orgUnitId });
  if (!assignableRoles(context.actor.role).includes(user.role))
    problems.push({ line, field: 'role', code: 'roleNotAllowed', value: user.role });
  if (context.taken.has(user.username))
    problems.push({ line, field: 'username', code: 'taken', value: user.username });
  return problems;
}

/** Every problem of the sheet, by line; the request only when there is none. */
export function checkSheet(text: string, context: SheetContext): CheckedSheet {
  const { rows, problems } = readUserCsv(text);
  const all: SheetProblem[] = [
    ...problems,
    ...rows.flatMap((row) => contextProblems(row.line, row.user, context)),
  ].sort((a, b) => a.line - b.line);
  if (all.length > 0) return { ok: false, problems: all };
  if (rows.length === 0) return { ok: false, problems: [{ line: 0, field: '', code: 'empty' }] };
  return { ok: true, users: rows.map((row) => row.user) };
}

export interface SheetLine {
  unitName: string;
  displayName: string;
  username: string;
  password: string;
}

export interface CredentialGroup {
  /** The unit above the accounts' units (the district of its communes), or the unit itself. */
  groupId: string;
  groupName: string;
  lines: SheetLine[];
}

/**
 * One group per parent unit, in tree order, each line in tree order then by username: a district
 * hands out its communes' sheet in one piece and each commune's accounts sit together.
 */
export function groupCredentials(
  credentials: readonly IssuedCredential[],
  units: ReadonlyMap<string, OrgUnit>,
  nameOf: (unit: OrgUnit) => string,
): CredentialGroup[] {
  // Code-point order, not the locale's: '/' sorts before digits, so a unit comes before its children.
  const byPath = (a: string, b: string) => {
    const [x, y] = [units.get(a)?.path ?? `~${a}`, units.get(b)?.path ?? `~${b}`];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const sorted = [...credentials].sort(
    (a, b) =>
      byPath(a.user.orgUnitId, b.user.orgUnitId) || a.user.username.localeCompare(b.user.username),
  );
  const groups = new Map<string, CredentialGroup>();
  for (const { user, password } of sorted) {
    const unit = units.get(user.orgUnitId);
    const parent = unit?.parentId ? units.get(unit.parentId) : undefined;
    const group = parent ?? unit;
    const groupId = group?.id ?? user.orgUnitId;
    const entry = groups.get(groupId) ?? {
      groupId,
      groupName: group ? nameOf(group) : groupId,
      lines: [],
    };
    entry.lines.push({
      unitName: unit ? nameOf(unit) : user.orgUnitId,
      displayName: user.displayName,
      username: user.username,
      password,
    });
    groups.set(groupId, entry);
  }
  return [...groups.values()].sort((a, b) => byPath(a.groupId, b.groupId));
}
