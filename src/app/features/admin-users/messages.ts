import type { TFunction } from 'i18next';
import { depth } from '../../../shared/hierarchy/paths';
import type { OrgUnit } from '../../../shared/schemas/org';
import { unitDisplayName } from '../checklist/unit-names';
import type { UsersError } from './api';
import type { SheetProblem } from './sheet';

/** A refusal in words, naming the username or unit when the server said which. */
export function failureText(t: TFunction<'adminUsers'>, error: UsersError): string {
  if (error.failure === 'conflict' && error.details.username)
    return t('failure_conflictUsername', { username: error.details.username });
  if (error.failure === 'validation' && error.details.unitId)
    return t('failure_validationUnit', { unitId: error.details.unitId });
  return t(`failure_${error.failure}`);
}

const PROBLEM_CODES = [
  'columns',
  'duplicate',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknownUnit',
  'outOfScope',
  'roleNotAllowed',
  'taken',
  'empty',
] as const;
type ProblemCode = (typeof PROBLEM_CODES)[number] | 'other';
const FIELDS = ['username', 'orgUnitId', 'role', 'displayName'] as const;
type Field = (typeof FIELDS)[number];

const known = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** "Dòng 4, mã đơn vị: chỉ được gồm chữ…": the line, the column and what to do. */
export function problemText(t: TFunction<'adminUsers'>, problem: SheetProblem): string {
  const code: ProblemCode = known(PROBLEM_CODES, problem.code) ? problem.code : 'other';
  const message: string = t(`problem_${code}`, { value: problem.value ?? '' });
  if (code === 'empty') return message;
  const field: Field | null = known(FIELDS, problem.field) ? problem.field : null;
  // Line 0 is the single-account form: it has fields, no lines.
  const fieldName: string = field ? t(`field_${field}`) : '';
  if (field && problem.line === 0) return t('fieldProblem', { field: fieldName, message });
  return field
    ? t('bulkProblem', { line: String(problem.line), field: fieldName, message })
    : t('bulkProblemLine', { line: String(problem.line), message });
}

/** A unit in a picker, indented by its depth so that communes sit under their district. */
export function unitOption(unit: OrgUnit, root: string, language: string): string {
  const indent = '\u00a0\u00a0'.repeat(Math.max(0, depth(unit.path) - depth(root)));
  return `${indent}${unitDisplayName(unit, language)}`;
}
