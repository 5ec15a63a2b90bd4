import type { TFunction } from 'i18next';
import type { TemplateProblemWire } from '../../../shared/api/templates';
import {
  isRecord,
  placesOf,
  type PathSegment,
  type TemplatePlace,
  valueAt,
} from '../../../shared/template/problems';
import { localized } from '../../i18n';
import type { AdminTemplatesMessages } from '../../i18n/admin-templates-vi';
import { formatNumber } from '../../ui/format';

/**
 * A template problem in the reader's language: where it is in words ("Trụ cột 3 (Hạ tầng số),
 * chỉ tiêu 2 (mã 3.2)"), then what is wrong and what to do. The server's own message is English
 * only; the code and params are the contract, and the place is read from the file the
 * administrator chose, so a pillar is named by its title as they wrote it.
 */

/** `$.pillars[2].indicators[0]["a b"]` → ['pillars', 2, 'indicators', 0, 'a b']. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const token = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  token.lastIndex = path.startsWith('$') ? 1 : 0;
  for (let match = token.exec(path); match; match = token.exec(path)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(String(JSON.parse(match[3])));
  }
  return segments;
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function placeWords(
  t: TFunction<'adminTemplates'>,
  place: TemplatePlace,
  language: string,
): string {
  const n = String(place.index + 1);
  const item = isRecord(place.item) ? place.item : {};
  switch (place.kind) {
    case 'pillar': {
      const title = item.title;
      return isRecord(title) && nonBlank(title.vi)
        ? t('placePillarNamed', {
            n,
            name: localized(
              { vi: title.vi, en: nonBlank(title.en) ? title.en : undefined },
              language,
            ),
          })
        : t('placePillar', { n });
    }
    case 'indicator':
      return nonBlank(item.id)
        ? t('placeIndicatorNamed', { n, id: item.id })
        : t('placeIndicator', { n });
    case 'option':
      return nonBlank(item.value)
        ? t('placeOptionNamed', { n, value: item.value })
        : t('placeOption', { n });
    case 'tier':
      return t('placeTier', { n });
  }
}

export function describePlace(
  t: TFunction<'adminTemplates'>,
  input: unknown,
  path: string,
  language: string,
) {
  const { places } = placesOf(input, parsePath(path));
  if (places.length === 0) return t('placeTemplate');
  const words = places.map((place) => placeWords(t, place, language)).join(', ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeValue(t: TFunction<'adminTemplates'>, value: unknown, language: string): string {
  if (value === undefined) return t('value_missing');
  if (value === null) return t('value_null');
  if (Array.isArray(value)) return t('value_list');
  if (typeof value === 'string')
    return t('value_text', {
      text: value.length > 40 ? `${value.slice(0, 40)}…` : value,
    });
  if (typeof value === 'number')
    return t('value_number', { number: formatNumber(value, language) });
  if (typeof value === 'boolean') return t('value_boolean', { value: String(value) });
  return t('value_object');
}

/** ['pillars', 8] → "pillars[8]"; the whole file → "$". */
function itemPath(segments: readonly PathSegment[]): string {
  const [key, index] = segments.slice(-2);
  if (typeof key === 'string' && typeof index === 'number') return `${key}[${index}]`;
  return segments.length === 0 ? '$' : String(segments.at(-1));
}

const EXPECTED = ['string', 'number', 'int', 'boolean', 'array', 'object'] as const;

/** Problems whose sentence names the tier or option itself: the place stops above it. */
const NAMES_ITS_ITEM = new Set([
  'tier_exceeds_max',
  'tiers_not_descending',
  'option_exceeds_max',
  'duplicate_option',
]);

export type ProblemKey = `problem_${TemplateProblemWire['code']}`;
// Fails to compile if a problem code has no sentence in the messages.
export const problemKey = (
  code: TemplateProblemWire['code'],
): ProblemKey & keyof AdminTemplatesMessages => `problem_${code}`;

/** The params as text (numbers formatted the reader's way), with the words computed from the
 * file: every variable any sentence uses, so each sentence finds its own. */
function problemVars(
  t: TFunction<'adminTemplates'>,
  problem: TemplateProblemWire,
  input: unknown,
  language: string,
) {
  const segments = parsePath(problem.path);
  const param = (name: string) => {
    const value = problem.params[name];
    if (value === undefined) return '';
    return typeof value === 'number' ? formatNumber(value, language) : value;
  };
  const { field } = placesOf(input, segments);
  const expected = EXPECTED.find((e) => e === problem.params.expected);
  const first = problem.params.firstPath;
  return {
    // The problem is the item itself (a pillar that is not an object): name it as the file does.
    field: field === '' ? itemPath(segments) : field,
    actual:
      typeof problem.params.actual === 'number'
        ? formatNumber(problem.params.actual, language)
        : describeValue(t, valueAt(input, segments).value, language),
    expected: t(expected ? `expected_${expected}` : 'expected_other'),
    tierField: param('field'),
    first: typeof first === 'string' ? describePlace(t, input, first, language) : '',
    allowed: param('allowed'),
    minimum: param('minimum'),
    maximum: param('maximum'),
    id: param('id'),
    declared: param('declared'),
    sum: param('sum'),
    tier: param('tier'),
    points: param('points'),
    maxPoints: param('maxPoints'),
    previous: param('previous'),
    best: param('best'),
    option: param('option'),
    value: param('value'),
  };
}

/** "Trụ cột 3 (Hạ tầng số), chỉ tiêu 2 (mã 3.1): mã “3.1” bị dùng hai lần …" */
export function problemSentence(
  t: TFunction<'adminTemplates'>,
  problem: TemplateProblemWire,
  input: unknown,
  language: string,
): string {
  const { places } = placesOf(input, parsePath(problem.path));
  const shown = NAMES_ITS_ITEM.has(problem.code)
    ? places.filter((p) => p.kind !== 'tier' && p.kind !== 'option')
    : places;
  const where =
    shown.length === 0
      ? t('placeTemplate')
      : shown.map((place) => placeWords(t, place, language)).join(', ');
  const text = t(`${problemKey(problem.code)}`, problemVars(t, problem, input, language));
  const sentence = `${where}: ${text}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
