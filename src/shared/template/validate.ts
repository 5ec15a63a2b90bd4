import { Template } from '../schemas/template';
import type { TemplateProblem } from './problems';
import { semanticProblems } from './semantic';
import { structuralProblems } from './structural';

export type { TemplateProblem, TemplateProblemCode } from './problems';

export type TemplateValidation =
  { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

/**
 * Checks a checklist template completely: its shape (every field, strictly) and its arithmetic
 * (sums, tiers, options, unique ids). Reports every problem at once: the structural ones in the
 * order the schema meets them, then the cross-field ones in reading order.
 */
export function validateTemplate(input: unknown): TemplateValidation {
  const parsed = Template.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : structuralProblems(parsed.error, input)),
    ...semanticProblems(input),
  ];
  // The same place can trip a structural and a semantic rule in rare cases; say it once.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.path}\u0000${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (parsed.success && unique.length === 0) return { ok: true, template: parsed.data };
  return { ok: false, problems: unique };
}
