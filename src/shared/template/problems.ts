/**
 * Problems found in a checklist template, written for the province official who edits it:
 * a JSON path they can find, a stable code the UI can translate, and an English sentence that
 * names the pillar and indicator in their own words.
 */

export interface TemplateProblem {
  /** JSON path such as `$.pillars[2].indicators[0].scoring.tiers[1].points`. */
  path: string;
  /** Stable identifier of the kind of problem (see TemplateProblemCode). */
  code: TemplateProblemCode;
  /** The values the message was built from, for translated messages. */
  params: Record<string, string | number>;
  message: string;
}

export type TemplateProblemCode =
  // structural (from the schema)
  | 'required'
  | 'wrong_type'
  | 'unknown_field'
  | 'not_one_of'
  | 'too_small'
  | 'too_big'
  | 'empty'
  | 'wrong_format'
  // semantic (cross-field)
  | 'duplicate_id'
  | 'points_mismatch'
  | 'max_score_mismatch'
  | 'tier_exceeds_max'
  | 'tiers_not_descending'
  | 'no_tier_scores_max'
  | 'option_exceeds_max'
  | 'duplicate_option'
  | 'no_option_scores_max'
  | 'none_rule_has_points';

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The raw value at a path, and whether anything is there at all. */
export function valueAt(
  input: unknown,
  segments: readonly PathSegment[],
): { found: boolean; value: unknown } {
  let current: unknown = input;
  for (const segment of segments) {
    if (typeof segment === 'number' && Array.isArray(current) && segment < current.length)
      current = current[segment];
    else if (typeof segment === 'string' && isRecord(current) && Object.hasOwn(current, segment))
      current = current[segment];
    else return { found: false, value: undefined };
  }
  return { found: current !== undefined, value: current };
}

/** A value described in words, never "[object Object]". */
export function describeValue(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the text "${value.slice(0, 40)}…"` : `the text "${value}"`;
    case 'number':
      return Number.isFinite(value) ? `the number ${value}` : 'not a usable number';
    case 'boolean':
      return `${String(value)} (a yes/no value)`;
    case 'object':
      return 'a group of fields';
    default:
      return 'missing';
  }
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields (a JSON object)',
};

export function expectedWords(expected: string): string {
  return EXPECTED_WORDS[expected] ?? expected;
}

function itemLabel(kind: string, index: number, item: unknown): string {
  const n = `#${index + 1}`;
  if (!isRecord(item)) return `${kind} ${n}`;
  if (kind === 'pillar') {
    const title = item.title;
    if (isRecord(title) && typeof title.vi === 'string' && title.vi.trim() !== '')
      return `pillar '${title.vi}'`;
  }
  const key = kind === 'option' ? item.value : item.id;
  if (typeof key === 'string' && key.trim() !== '') return `${kind} '${key}'`;
  return `${kind} ${n}`;
}

const CONTAINERS = {
  pillars: 'pillar',
  indicators: 'indicator',
  options: 'option',
  tiers: 'tier',
} as const;
export type TemplatePlaceKind = (typeof CONTAINERS)[keyof typeof CONTAINERS];
const isContainer = (key: PathSegment | undefined): key is keyof typeof CONTAINERS =>
  typeof key === 'string' && Object.hasOwn(CONTAINERS, key);

/** A pillar, indicator, option or tier a path goes through, and what the file holds there. */
export interface TemplatePlace {
  kind: TemplatePlaceKind;
  index: number;
  item: unknown;
}

/** The places a path goes through, and the field below the last one ("scoring.target"): what
 * both the server's English message and the app's translated one name. */
export function placesOf(
  input: unknown,
  segments: readonly PathSegment[],
): { places: TemplatePlace[]; field: string } {
  const places: TemplatePlace[] = [];
  let fieldStart = 0;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i];
    const index = segments[i + 1];
    if (isContainer(key) && typeof index === 'number') {
      const item = valueAt(input, segments.slice(0, i + 2)).value;
      places.push({ kind: CONTAINERS[key], index, item });
      fieldStart = i + 2;
      i++;
    }
  }
  const field = segments
    .slice(fieldStart)
    .map((s) => (typeof s === 'number' ? `[${s}]` : s))
    .join('.')
    .replace(/\.\[/g, '[');
  return { places, field };
}

/**
 * Splits a path into where it is, in words ("pillar 'Hạ tầng số', indicator '3.1'"), and the
 * field below that place ("scoring.target"). Tiers are numbered (they have no name).
 */
export function locate(
  input: unknown,
  segments: readonly PathSegment[],
): { where: string[]; field: string } {
  const { places, field } = placesOf(input, segments);
  const where = places.map(({ kind, index, item }) =>
    kind === 'tier' ? `tier ${index + 1}` : itemLabel(kind, index, item),
  );
  return { where, field };
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "pillar 'Hạ tầng số', indicator '3.1'" for a path, or "the template" at the top. */
export function placeOf(input: unknown, segments: readonly PathSegment[]): string {
  const { where } = locate(input, segments);
  return where.length > 0 ? where.join(', ') : 'the template';
}

/**
 * "Pillar 'X', indicator '1.2': the field “maxPoints” must be at least 0 but it is -5."
 * When the problem is the place itself (no field below it), the place is the subject.
 */
export function sentence(
  input: unknown,
  segments: readonly PathSegment[],
  predicate: string,
): string {
  const { where, field } = locate(input, segments);
  if (field !== '') {
    const subject = `the field “${field}” ${predicate}`;
    return where.length > 0
      ? `${capitalize(where.join(', '))}: ${subject}.`
      : `${capitalize(subject)}.`;
  }
  const subject = `${where.pop() ?? 'the template'} ${predicate}`;
  return where.length > 0
    ? `${capitalize(where.join(', '))}: ${subject}.`
    : `${capitalize(subject)}.`;
}

export function problem(
  input: unknown,
  segments: readonly PathSegment[],
  code: TemplateProblemCode,
  params: Record<string, string | number>,
  predicate: string,
): TemplateProblem {
  return {
    path: formatPath(segments),
    code,
    params,
    message: sentence(input, segments, predicate),
  };
}

/** For messages that read better as a sentence of their own. */
export function problemWithMessage(
  segments: readonly PathSegment[],
  code: TemplateProblemCode,
  params: Record<string, string | number>,
  message: string,
): TemplateProblem {
  return { path: formatPath(segments), code, params, message };
}
