import { answerValueSchemaFor } from '../schemas/answer';
import type { Indicator, Template, TemplateRules } from '../schemas/template';
import { clamp, round2, sum2 } from './rounding';

/**
 * Scoring of answers against a template. Pure and total: whatever the stored value looks like
 * (an old client, a half-synced record, a hand-edited database) the result is a number in
 * [0, maxPoints]; these functions never throw on bad values, because a dashboard must not break
 * over one bad answer.
 */

/** How much evidence is attached to one indicator: images count as photos, PDFs as documents. */
export interface EvidenceCounts {
  photos: number;
  documents: number;
}

export interface EvidenceStatus {
  required: boolean;
  /** True when the requirement is satisfied (always true when nothing is required). */
  met: boolean;
  needPhotos: number;
  havePhotos: number;
  /** Items of any kind needed in total: at least one once evidence is required. */
  needAny: number;
  haveAny: number;
}

export interface IndicatorScore {
  points: number;
  maxPoints: number;
  /** A valid value is present (blank text counts as unanswered). */
  answered: boolean;
  evidenceMet: boolean;
  /** What the answer would earn if its evidence were complete; equals points otherwise. */
  claimedPoints: number;
}

export interface PillarScore {
  pillarId: string;
  points: number;
  maxPoints: number;
}

export type MissingReason = 'unanswered' | 'evidence';

export interface SubmissionScore {
  total: number;
  maxScore: number;
  /** total / rules.indexIsScoreOver, clamped to [0, 1]; not rounded (rank by total). */
  index: number;
  pillars: PillarScore[];
  indicators: Record<string, IndicatorScore>;
  /** Scored indicators (rule other than `none`) that have a valid answer. */
  answeredCount: number;
  /** Indicators the unit is expected to answer: every one whose rule is not `none`. */
  requiredCount: number;
  missing: { indicatorId: string; reason: MissingReason }[];
}

/** A lookup by indicator id: a plain record or a Map, whichever the caller has. */
export type ByIndicatorId<T> = Readonly<Record<string, T>> | ReadonlyMap<string, T>;

function get<T>(lookup: ByIndicatorId<T> | undefined, id: string): T | undefined {
  if (lookup === undefined) return undefined;
  if (lookup instanceof Map) return (lookup as ReadonlyMap<string, T>).get(id);
  const record = lookup as Readonly<Record<string, T>>;
  // hasOwn: an indicator called "constructor" must not pick up Object.prototype.constructor.
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

const count = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
const nonNegative = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;

export function evidenceStatus(
  indicator: Pick<Indicator, 'evidence'>,
  evidence: EvidenceCounts | undefined,
): EvidenceStatus {
  const photos = count(evidence?.photos);
  const documents = count(evidence?.documents);
  const required = indicator.evidence.required;
  const needPhotos = required ? count(indicator.evidence.minPhotos) : 0;
  const needAny = required ? Math.max(1, needPhotos) : 0;
  return {
    required,
    met: photos + documents >= needAny && photos >= needPhotos,
    needPhotos,
    havePhotos: photos,
    needAny,
    haveAny: photos + documents,
  };
}

/** Points earned by a value already known to be valid for the indicator, before clamping. */
function rawPoints(indicator: Indicator, value: unknown, max: number): number {
  const share = (ratio: number, target: unknown): number =>
    typeof target === 'number' && target > 0 ? Math.min(ratio / target, 1) * max : 0;
  switch (indicator.type) {
    case 'boolean':
      return value === true ? max : 0;
    case 'choice':
      return indicator.options.find((o) => o.value === value)?.points ?? 0;
    case 'count': {
      const n = value as number;
      if (indicator.scoring.rule === 'ratio') return share(n, indicator.scoring.target);
      // The best tier reached; for a well-formed (descending) template that is the first match,
      // and taking the maximum keeps "more never scores less" true even for a sloppy one.
      let best = 0;
      for (const tier of indicator.scoring.tiers)
        if (tier.min <= n && tier.points > best) best = tier.points;
      return best;
    }
    case 'ratio': {
      const { numerator, denominator } = value as { numerator: number; denominator: number };
      return denominator > 0 ? share(numerator / denominator, indicator.scoring.target) : 0;
    }
    case 'percent':
      return share((value as number) / 100, indicator.scoring.target);
    case 'text':
    case 'date':
      return indicator.scoring.rule === 'presence' ? max : 0;
  }
}

function isAnswered(indicator: Indicator, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (!answerValueSchemaFor(indicator).safeParse(value).success) return false;
  return indicator.type !== 'text' || (typeof value === 'string' && value.trim().length > 0);
}

export function scoreIndicator(
  indicator: Indicator,
  value: unknown,
  evidence: EvidenceCounts | undefined,
  rules: TemplateRules,
): IndicatorScore {
  const maxPoints = nonNegative(indicator.maxPoints);
  const evidenceMet = evidenceStatus(indicator, evidence).met;
  const answered = isAnswered(indicator, value);
  // Round, then clamp again: a maxPoints with more than 2 decimals must still bound the result.
  const claimedPoints = answered
    ? Math.min(round2(clamp(rawPoints(indicator, value, maxPoints), 0, maxPoints)), maxPoints)
    : 0;
  const points = rules.noEvidenceScoresZero && !evidenceMet ? 0 : claimedPoints;
  return { points, maxPoints, answered, evidenceMet, claimedPoints };
}

export function scoreSubmission(
  template: Template,
  answersByIndicatorId: ByIndicatorId<unknown>,
  evidenceCountsByIndicatorId: ByIndicatorId<EvidenceCounts> = {},
): SubmissionScore {
  const entries: [string, IndicatorScore][] = [];
  const pillars: PillarScore[] = [];
  const missing: SubmissionScore['missing'] = [];
  let answeredCount = 0;
  let requiredCount = 0;

  for (const pillar of template.pillars) {
    const pillarPoints: number[] = [];
    for (const indicator of pillar.indicators) {
      const score = scoreIndicator(
        indicator,
        get(answersByIndicatorId, indicator.id),
        get(evidenceCountsByIndicatorId, indicator.id),
        template.rules,
      );
      entries.push([indicator.id, score]);
      pillarPoints.push(score.points);
      if (indicator.scoring.rule !== 'none') {
        requiredCount++;
        if (score.answered) answeredCount++;
        else missing.push({ indicatorId: indicator.id, reason: 'unanswered' });
      }
      // Evidence is only missing when it would back a claim: a "no" needs no proof.
      if (score.answered && !score.evidenceMet && score.claimedPoints > 0) {
        missing.push({ indicatorId: indicator.id, reason: 'evidence' });
      }
    }
    pillars.push({
      pillarId: pillar.id,
      points: sum2(pillarPoints),
      maxPoints: nonNegative(pillar.maxPoints),
    });
  }

  const total = sum2(entries.map(([, score]) => score.points));
  const over = template.rules.indexIsScoreOver;
  return {
    total,
    maxScore: nonNegative(template.maxScore),
    index: over > 0 ? clamp(total / over, 0, 1) : 0,
    pillars,
    // fromEntries defines own properties, so even an id like "__proto__" stays a plain key.
    indicators: Object.fromEntries(entries),
    answeredCount,
    requiredCount,
    missing,
  };
}
