import type { TFunction } from 'i18next';
import type { OrgUnit } from '../../../shared/schemas/org';
import { AdminCallError } from '../../api/admin-call';

const FAILURES = new Set([
  'offline',
  'UNAUTHENTICATED',
  'TOKEN_REVOKED',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
]);

/** A failed call in the user's words: what happened and what to do. */
export function failureText(t: TFunction<'adminUnits'>, error: unknown): string {
  const code =
    error instanceof AdminCallError && FAILURES.has(error.code) ? error.code : 'INTERNAL';
  return t(`failure_${code}` as 'failure_INTERNAL');
}

/** Where in the file a problem is, as the administrator finds it. */
export function whereText(t: TFunction<'adminUnits'>, at: string): string {
  const line = /^line (\d+)$/.exec(at);
  if (line) return t('atLine', { line: line[1] ?? '' });
  return at === '$' ? t('atFile') : at;
}

const PROBLEMS = new Set([
  'not_json',
  'columns',
  'bad_code',
  'bad_level',
  'empty_name',
  'duplicate',
  'unknown_parent',
  'moved',
  'level_changed',
  'level_order',
  'out_of_scope',
  'empty',
]);

export function problemText(
  t: TFunction<'adminUnits'>,
  problem: { code: string; unit?: string | undefined },
) {
  const code = PROBLEMS.has(problem.code) ? problem.code : 'other';
  return t(`problem_${code}` as 'problem_other', {
    unit: problem.unit ?? '',
  });
}

const REFUSALS = new Set([
  'unknown_unit',
  'no_sources',
  'self',
  'into_own_descendant',
  'level_mismatch',
  'already_merged',
  'cycle',
]);

export function refusalText(
  t: TFunction<'adminUnits'>,
  refusal: string,
  unitName: string,
): string | null {
  if (!REFUSALS.has(refusal)) return null;
  return t(`refusal_${refusal}` as 'refusal_self', { unit: unitName });
}

/** A unit as a list names it: "Xã Phước Bình (22783)". */
export const unitLabel = (unit: OrgUnit, language: string) =>
  `${language === 'en' && unit.nameEn ? unit.nameEn : (unit.fullName ?? unit.name)} (${unit.code})`;
