import { round2, sum2 } from '../scoring/rounding';
import {
  capitalize,
  isRecord,
  placeOf,
  problemWithMessage,
  type PathSegment,
  type TemplateProblem,
} from './problems';

/**
 * Cross-field rules the schema cannot express. They run on the raw input, reading defensively,
 * so that a template with a structural mistake in one place still gets its sums and tiers checked
 * everywhere else: the official should see every problem in one pass, not one per upload.
 */

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const nonNegative = (v: unknown): v is number => finite(v) && v >= 0;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** The name officials know a pillar by: its Vietnamese title, else its id, else its position. */
function pillarName(pillar: Record<string, unknown>, index: number): string {
  const title = pillar.title;
  if (isRecord(title) && typeof title.vi === 'string' && title.vi.trim() !== '') return title.vi;
  return typeof pillar.id === 'string' && pillar.id.trim() !== '' ? pillar.id : `#${index + 1}`;
}

function checkDuplicateIds(input: Record<string, unknown>, out: TemplateProblem[]): void {
  const pillarIds = new Map<string, string>();
  const indicatorIds = new Map<string, string>();
  list(input.pillars).forEach((pillar, p) => {
    if (!isRecord(pillar)) return;
    if (typeof pillar.id === 'string') {
      const first = pillarIds.get(pillar.id);
      if (first !== undefined) {
        out.push(
          problemWithMessage(
            ['pillars', p, 'id'],
            'duplicate_id',
            { id: pillar.id, firstPath: first },
            `Pillar id '${pillar.id}' is used more than once (first at ${first}); give each pillar its own id.`,
          ),
        );
      } else pillarIds.set(pillar.id, `$.pillars[${p}]`);
    }
    list(pillar.indicators).forEach((indicator, i) => {
      if (!isRecord(indicator) || typeof indicator.id !== 'string') return;
      const first = indicatorIds.get(indicator.id);
      if (first !== undefined) {
        out.push(
          problemWithMessage(
            ['pillars', p, 'indicators', i, 'id'],
            'duplicate_id',
            { id: indicator.id, firstPath: first },
            `Indicator id '${indicator.id}' is used more than once (first at ${first}); give each indicator its own id, because answers are filed under it.`,
          ),
        );
      } else indicatorIds.set(indicator.id, `$.pillars[${p}].indicators[${i}]`);
    });
  });
}

function checkSums(input: Record<string, unknown>, out: TemplateProblem[]): void {
  const pillars = list(input.pillars);
  pillars.forEach((pillar, p) => {
    if (!isRecord(pillar) || !finite(pillar.maxPoints)) return;
    const indicators = list(pillar.indicators);
    const points = indicators.map((indicator) =>
      isRecord(indicator) ? indicator.maxPoints : undefined,
    );
    // A missing or broken maxPoints is already reported; a sum without it would only mislead.
    if (indicators.length === 0 || !points.every(nonNegative)) return;
    const sum = sum2(points);
    const declared = round2(pillar.maxPoints);
    if (sum !== declared) {
      const name = pillarName(pillar, p);
      out.push(
        problemWithMessage(
          ['pillars', p, 'maxPoints'],
          'points_mismatch',
          { pillar: name, declared, sum },
          `The pillar '${name}' says ${declared} points but its indicators add up to ${sum}. Make the pillar's maxPoints equal the sum of its indicators' maxPoints.`,
        ),
      );
    }
  });
  const pillarPoints = pillars.map((pillar) => (isRecord(pillar) ? pillar.maxPoints : undefined));
  if (finite(input.maxScore) && pillars.length > 0 && pillarPoints.every(nonNegative)) {
    const sum = sum2(pillarPoints);
    const declared = round2(input.maxScore);
    if (sum !== declared) {
      out.push(
        problemWithMessage(
          ['maxScore'],
          'max_score_mismatch',
          { declared, sum },
          `The template says ${declared} points in total (maxScore) but its pillars add up to ${sum}. Make maxScore equal the sum of the pillars' maxPoints.`,
        ),
      );
    }
  }
}

/** Context shared by the per-indicator checks. */
interface Place {
  input: unknown;
  /** Path of the indicator. */
  at: PathSegment[];
  /** "Pillar 'X', indicator '1.2'" */
  where: string;
  /** The indicator's maxPoints when usable. */
  max: number | null;
  out: TemplateProblem[];
}

function checkTiers(place: Place, tiers: unknown[]): void {
  const { at, where, max, out } = place;
  let previous: Record<string, unknown> | null = null;
  tiers.forEach((tier, t) => {
    const before = previous;
    previous = isRecord(tier) ? tier : null;
    if (!isRecord(tier)) return;
    const here: PathSegment[] = [...at, 'scoring', 'tiers', t];
    if (max !== null && finite(tier.points) && tier.points > max) {
      out.push(
        problemWithMessage(
          [...here, 'points'],
          'tier_exceeds_max',
          { tier: t + 1, points: tier.points, maxPoints: max },
          `${where}: tier ${t + 1} gives ${tier.points} points but the indicator is worth at most ${max} (its maxPoints).`,
        ),
      );
    }
    if (before === null) return;
    if (finite(tier.min) && finite(before.min) && tier.min >= before.min) {
      out.push(
        problemWithMessage(
          [...here, 'min'],
          'tiers_not_descending',
          { tier: t + 1, field: 'min', previous: before.min, actual: tier.min },
          `${where}: tier ${t + 1} starts at ${tier.min} but the tier before starts at ${before.min}; list the tiers from the highest minimum down, each lower than the one before.`,
        ),
      );
    }
    if (finite(tier.points) && finite(before.points) && tier.points > before.points) {
      out.push(
        problemWithMessage(
          [...here, 'points'],
          'tiers_not_descending',
          { tier: t + 1, field: 'points', previous: before.points, actual: tier.points },
          `${where}: tier ${t + 1} gives ${tier.points} points, more than the ${before.points} of the tier before; a lower tier must not give more points.`,
        ),
      );
    }
  });
  const points = tiers.map((tier) => (isRecord(tier) ? tier.points : undefined));
  if (
    max !== null &&
    max > 0 &&
    tiers.length > 0 &&
    points.every(finite) &&
    Math.max(...points) < max
  ) {
    const best = Math.max(...points);
    out.push(
      problemWithMessage(
        [...at, 'scoring', 'tiers'],
        'no_tier_scores_max',
        { best, maxPoints: max },
        `${where}: no tier gives the full ${max} points (the best gives ${best}), so no unit could reach full points.`,
      ),
    );
  }
}

function checkOptions(place: Place, options: unknown[]): void {
  const { at, where, max, out } = place;
  const seen = new Set<string>();
  options.forEach((option, o) => {
    if (!isRecord(option)) return;
    const here: PathSegment[] = [...at, 'options', o];
    const label =
      typeof option.value === 'string' ? `option '${option.value}'` : `option #${o + 1}`;
    if (max !== null && finite(option.points) && option.points > max) {
      out.push(
        problemWithMessage(
          [...here, 'points'],
          'option_exceeds_max',
          { option: o + 1, points: option.points, maxPoints: max },
          `${where}: ${label} gives ${option.points} points but the indicator is worth at most ${max} (its maxPoints).`,
        ),
      );
    }
    if (typeof option.value === 'string') {
      if (seen.has(option.value)) {
        out.push(
          problemWithMessage(
            [...here, 'value'],
            'duplicate_option',
            { option: o + 1, value: option.value },
            `${where}: the option value '${option.value}' is used more than once; each option needs its own value.`,
          ),
        );
      }
      seen.add(option.value);
    }
  });
  const points = options.map((option) => (isRecord(option) ? option.points : undefined));
  if (
    max !== null &&
    max > 0 &&
    options.length > 0 &&
    points.every(finite) &&
    Math.max(...points) < max
  ) {
    const best = Math.max(...points);
    out.push(
      problemWithMessage(
        [...at, 'options'],
        'no_option_scores_max',
        { best, maxPoints: max },
        `${where}: no option gives the full ${max} points (the best gives ${best}), so no unit could reach full points.`,
      ),
    );
  }
}

function checkIndicator(
  input: unknown,
  at: PathSegment[],
  indicator: Record<string, unknown>,
  out: TemplateProblem[],
): void {
  const max = nonNegative(indicator.maxPoints) ? indicator.maxPoints : null;
  const place: Place = { input, at, where: capitalize(placeOf(input, at)), max, out };
  const scoring = isRecord(indicator.scoring) ? indicator.scoring : {};
  // Each check runs only where the type makes it meaningful, so a wrong type or rule (already
  // reported by the schema) does not also produce a pile of consequential complaints.
  if (indicator.type === 'count' && scoring.rule === 'tiers' && Array.isArray(scoring.tiers)) {
    checkTiers(place, scoring.tiers as unknown[]);
  }
  if (indicator.type === 'choice' && Array.isArray(indicator.options)) {
    checkOptions(place, indicator.options as unknown[]);
  }
  if (
    (indicator.type === 'text' || indicator.type === 'date') &&
    scoring.rule === 'none' &&
    max !== null &&
    max !== 0
  ) {
    out.push(
      problemWithMessage(
        [...at, 'maxPoints'],
        'none_rule_has_points',
        { maxPoints: max },
        `${place.where}: the indicator is informational (scoring rule 'none'), so its maxPoints must be 0, but it is ${max}.`,
      ),
    );
  }
}

export function semanticProblems(input: unknown): TemplateProblem[] {
  if (!isRecord(input)) return [];
  const out: TemplateProblem[] = [];
  checkDuplicateIds(input, out);
  checkSums(input, out);
  list(input.pillars).forEach((pillar, p) => {
    if (!isRecord(pillar)) return;
    list(pillar.indicators).forEach((indicator, i) => {
      if (isRecord(indicator))
        checkIndicator(input, ['pillars', p, 'indicators', i], indicator, out);
    });
  });
  return out;
}
