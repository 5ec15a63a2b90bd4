import type { z } from 'zod';
import {
  describeValue,
  expectedWords,
  problem,
  valueAt,
  type PathSegment,
  type TemplateProblem,
  type TemplateProblemCode,
} from './problems';

/**
 * Turns zod's issues into TemplateProblems with plain words. Zod's own messages ("Invalid input:
 * expected number, received string") are written for developers; an official editing a template
 * needs to know which pillar and indicator, which field, and what to write instead.
 */

type Issue = z.core.$ZodIssue;

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
}

function actual(input: unknown, segments: readonly PathSegment[]): string {
  return describeValue(valueAt(input, segments).value);
}

const CUSTOM_CODES: readonly TemplateProblemCode[] = [
  'empty',
  'wrong_format',
  'too_small',
  'too_big',
];

/** What a size bound counts, in words: '' for numbers. */
function sizeUnit(origin: unknown): string {
  if (origin === 'string') return ' characters long';
  if (origin === 'array') return ' items long';
  return '';
}

function mapIssue(issue: Issue, input: unknown): TemplateProblem[] {
  const segments = toSegments(issue.path);
  const here = valueAt(input, segments);
  switch (issue.code) {
    case 'invalid_type': {
      if (!here.found) return [problem(input, segments, 'required', {}, 'is missing')];
      const expected = expectedWords(issue.expected);
      return [
        problem(
          input,
          segments,
          'wrong_type',
          { expected: issue.expected, actual: describeValue(here.value) },
          `should be ${expected} but it is ${describeValue(here.value)}`,
        ),
      ];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        problem(
          input,
          [...segments, key],
          'unknown_field',
          { field: key },
          'is not a field this template format knows; check its spelling or remove it',
        ),
      );
    case 'invalid_value': {
      if (!here.found) return [problem(input, segments, 'required', {}, 'is missing')];
      const allowed = quoteList(issue.values);
      return [
        problem(
          input,
          segments,
          'not_one_of',
          { allowed, actual: describeValue(here.value) },
          `must be one of ${allowed} but it is ${describeValue(here.value)}`,
        ),
      ];
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) {
        // zod 4 puts the discriminator key on the path already; add it if a version does not.
        const at =
          segments.at(-1) === issue.discriminator ? segments : [...segments, issue.discriminator];
        const value = valueAt(input, at);
        if (!value.found) return [problem(input, at, 'required', {}, 'is missing')];
        const options: readonly unknown[] =
          'options' in issue && Array.isArray(issue.options) ? issue.options : [];
        const allowed = quoteList(options);
        return [
          problem(
            input,
            at,
            'not_one_of',
            { allowed, actual: describeValue(value.value) },
            `must be one of ${allowed} but it is ${describeValue(value.value)}`,
          ),
        ];
      }
      return [
        problem(
          input,
          segments,
          'wrong_type',
          { expected: 'one of the allowed forms', actual: actual(input, segments) },
          'does not match any allowed form',
        ),
      ];
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if ((issue.origin === 'string' || issue.origin === 'array') && minimum === 1) {
        return [
          problem(
            input,
            segments,
            'empty',
            {},
            issue.origin === 'string' ? 'must not be empty' : 'must list at least one item',
          ),
        ];
      }
      const bound = issue.inclusive === false ? `more than ${minimum}` : `at least ${minimum}`;
      const unit = sizeUnit(issue.origin);
      return [
        problem(
          input,
          segments,
          'too_small',
          { minimum, actual: actual(input, segments) },
          `must be ${bound}${unit} but it is ${actual(input, segments)}`,
        ),
      ];
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      const bound = issue.inclusive === false ? `less than ${maximum}` : `at most ${maximum}`;
      const unit = sizeUnit(issue.origin);
      return [
        problem(
          input,
          segments,
          'too_big',
          { maximum, actual: actual(input, segments) },
          `must be ${bound}${unit} but it is ${actual(input, segments)}`,
        ),
      ];
    }
    case 'invalid_format':
      return [
        problem(
          input,
          segments,
          'wrong_format',
          { format: issue.format },
          `is not in the expected format (${issue.format})`,
        ),
      ];
    case 'custom': {
      // Our refinements carry their stable code in params.code and a plain message.
      const params: unknown = issue.params;
      const raw =
        typeof params === 'object' && params !== null && 'code' in params ? params.code : undefined;
      const code = CUSTOM_CODES.find((c) => c === raw) ?? 'wrong_format';
      return [problem(input, segments, code, {}, issue.message)];
    }
    default:
      return [problem(input, segments, 'wrong_format', {}, 'is not valid here')];
  }
}

export function structuralProblems(error: z.ZodError, input: unknown): TemplateProblem[] {
  return error.issues.flatMap((issue) => mapIssue(issue, input));
}
