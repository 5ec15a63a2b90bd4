import { describe, expect, it } from 'vitest';
import type { Indicator, Template } from '../../../src/shared/schemas/template';
import { templateIndicators } from '../../../src/shared/schemas/template';
import { round2, sum2 } from '../../../src/shared/scoring/rounding';
import {
  evidenceStatus,
  scoreIndicator,
  scoreSubmission,
  type EvidenceCounts,
} from '../../../src/shared/scoring/score';
import {
  booleanIndicator,
  choiceIndicator,
  countRatioIndicator,
  dateNoneIndicator,
  datePresenceIndicator,
  everyIndicator,
  lenientRules,
  percentIndicator,
  plentyOfEvidence,
  ratioIndicator,
  strictRules,
  textNoneIndicator,
  textPresenceIndicator,
  tiersIndicator,
} from './sample-indicators';
import { shippedTemplate } from './shipped-data';

const points = (
  indicator: Indicator,
  value: unknown,
  evidence: EvidenceCounts = plentyOfEvidence,
) => scoreIndicator(indicator, value, evidence, strictRules).points;

describe('scoreIndicator by type and rule', () => {
  it('boolean: yes earns the maximum, no earns nothing', () => {
    expect(points(booleanIndicator, true)).toBe(30);
    expect(points(booleanIndicator, false)).toBe(0);
  });

  it('choice: the chosen option’s points, halves kept exactly', () => {
    expect(points(choiceIndicator, 'chairman')).toBe(25);
    expect(points(choiceIndicator, 'deputy')).toBe(12.5);
    expect(points(choiceIndicator, 'none')).toBe(0);
    expect(
      scoreIndicator(choiceIndicator, 'president', plentyOfEvidence, strictRules),
    ).toMatchObject({ points: 0, answered: false });
  });

  it('count with tiers: 4/3/2/1 meetings earn 25/19/12/6, none earns 0', () => {
    expect([0, 1, 2, 3, 4, 5, 40].map((n) => points(tiersIndicator, n))).toEqual([
      0, 6, 12, 19, 25, 25, 25,
    ]);
    expect(scoreIndicator(tiersIndicator, 0, plentyOfEvidence, strictRules).answered).toBe(true);
  });

  it('count with a ratio: min(count / target, 1) × max', () => {
    expect([0, 3, 4, 8, 20].map((n) => points(countRatioIndicator, n))).toEqual([
      0, 15, 20, 40, 40,
    ]);
  });

  it('ratio: min((numerator / denominator) / target, 1) × max', () => {
    // 0.45 / 0.8 × 25 = 14.0625, rounded to 2 decimals.
    expect(points(ratioIndicator, { numerator: 45, denominator: 100 })).toBe(14.06);
    expect(points(ratioIndicator, { numerator: 80, denominator: 100 })).toBe(25);
    expect(points(ratioIndicator, { numerator: 100, denominator: 100 })).toBe(25);
    expect(points(ratioIndicator, { numerator: 0, denominator: 100 })).toBe(0);
    // A zero denominator is not a valid answer, and scores nothing rather than dividing by zero.
    expect(
      scoreIndicator(
        ratioIndicator,
        { numerator: 0, denominator: 0 },
        plentyOfEvidence,
        strictRules,
      ),
    ).toMatchObject({ points: 0, answered: false });
  });

  it('percent: the entered 0–100 value against a share target', () => {
    expect(points(percentIndicator, 90)).toBe(50);
    expect(points(percentIndicator, 100)).toBe(50);
    expect(points(percentIndicator, 45)).toBe(25);
    expect(points(percentIndicator, 30)).toBe(16.67);
    expect(points(percentIndicator, 0)).toBe(0);
  });

  it('text and date with presence: full points once answered; blank text is unanswered', () => {
    expect(points(textPresenceIndicator, 'Đã triển khai')).toBe(10);
    expect(
      scoreIndicator(textPresenceIndicator, '  ', plentyOfEvidence, strictRules),
    ).toMatchObject({ points: 0, answered: false });
    expect(points(datePresenceIndicator, '2025-03-01')).toBe(10);
    expect(
      scoreIndicator(datePresenceIndicator, '2025-02-30', plentyOfEvidence, strictRules),
    ).toMatchObject({ points: 0, answered: false });
  });

  it('text and date with none: informational, answered but never scored', () => {
    expect(scoreIndicator(textNoneIndicator, 'ghi chú', undefined, strictRules)).toEqual({
      points: 0,
      maxPoints: 0,
      answered: true,
      evidenceMet: true,
      claimedPoints: 0,
    });
    expect(scoreIndicator(dateNoneIndicator, '2025-01-01', undefined, strictRules)).toMatchObject({
      points: 0,
      answered: true,
    });
  });

  it('unanswered scores 0 for every type', () => {
    for (const indicator of everyIndicator) {
      expect(scoreIndicator(indicator, undefined, plentyOfEvidence, strictRules)).toMatchObject({
        points: 0,
        answered: false,
      });
    }
  });

  it('never throws on garbage, and garbage scores 0', () => {
    const garbage: unknown[] = [
      null,
      {},
      [],
      NaN,
      Infinity,
      -1,
      'x',
      { numerator: 'a', denominator: 2 },
      { numerator: 1, denominator: -2 },
      1e308,
      () => 1,
      Symbol('x'),
    ];
    for (const indicator of everyIndicator) {
      for (const value of garbage) {
        const score = scoreIndicator(
          indicator,
          value,
          { photos: NaN, documents: -3 },
          lenientRules,
        );
        expect(score.points, `${indicator.id} ${String(value)}`).toBeGreaterThanOrEqual(0);
        expect(score.points).toBeLessThanOrEqual(indicator.maxPoints);
      }
    }
    expect(points(booleanIndicator, 'true')).toBe(0);
    expect(points(tiersIndicator, 3.5)).toBe(0);
    expect(points(percentIndicator, 101)).toBe(0);
  });
});

describe('evidence', () => {
  it('reports what is needed and what is there', () => {
    expect(evidenceStatus(booleanIndicator, { photos: 0, documents: 0 })).toEqual({
      required: true,
      met: false,
      needPhotos: 1,
      havePhotos: 0,
      needAny: 1,
      haveAny: 0,
    });
    expect(evidenceStatus(ratioIndicator, { photos: 0, documents: 1 })).toEqual({
      required: true,
      met: true,
      needPhotos: 0,
      havePhotos: 0,
      needAny: 1,
      haveAny: 1,
    });
    expect(evidenceStatus(textPresenceIndicator, { photos: 0, documents: 0 })).toEqual({
      required: false,
      met: true,
      needPhotos: 0,
      havePhotos: 0,
      needAny: 0,
      haveAny: 0,
    });
  });

  it('no evidence scores zero when the template says so', () => {
    const none = { photos: 0, documents: 0 };
    expect(scoreIndicator(booleanIndicator, true, none, strictRules)).toEqual({
      points: 0,
      maxPoints: 30,
      answered: true,
      evidenceMet: false,
      claimedPoints: 30,
    });
    expect(scoreIndicator(booleanIndicator, true, undefined, strictRules).points).toBe(0);
    expect(scoreIndicator(booleanIndicator, true, none, lenientRules).points).toBe(30);
  });

  it('minPhotos 2 with one photo (and a document) is not enough', () => {
    const twoPhotos: Indicator = {
      ...booleanIndicator,
      evidence: { required: true, minPhotos: 2 },
    };
    expect(points(twoPhotos, true, { photos: 1, documents: 3 })).toBe(0);
    expect(points(twoPhotos, true, { photos: 2, documents: 0 })).toBe(30);
  });

  it('a document alone satisfies a required indicator with minPhotos 0, but not one needing a photo', () => {
    expect(
      points(ratioIndicator, { numerator: 4, denominator: 5 }, { photos: 0, documents: 1 }),
    ).toBe(25);
    expect(points(booleanIndicator, true, { photos: 0, documents: 1 })).toBe(0);
    expect(
      points(ratioIndicator, { numerator: 4, denominator: 5 }, { photos: 1, documents: 0 }),
    ).toBe(25);
  });
});

/** The answer that earns an indicator's full points. */
function perfectAnswer(indicator: Indicator): unknown {
  switch (indicator.type) {
    case 'boolean':
      return true;
    case 'choice':
      return [...indicator.options].sort((a, b) => b.points - a.points)[0]?.value;
    case 'count':
      return indicator.scoring.rule === 'tiers'
        ? Math.max(...indicator.scoring.tiers.map((t) => t.min))
        : indicator.scoring.target;
    case 'ratio':
      return { numerator: 250, denominator: 250 };
    case 'percent':
      return 100;
    case 'text':
      return 'Có';
    case 'date':
      return '2025-06-30';
  }
}

function perfectSubmission(template: Template) {
  const answers: Record<string, unknown> = {};
  const evidence: Record<string, EvidenceCounts> = {};
  for (const indicator of templateIndicators(template)) {
    answers[indicator.id] = perfectAnswer(indicator);
    evidence[indicator.id] = { photos: Math.max(1, indicator.evidence.minPhotos), documents: 0 };
  }
  return { answers, evidence };
}

describe('scoreSubmission', () => {
  it('scores the shipped template answered perfectly with evidence at 1000, index 1', () => {
    const { answers, evidence } = perfectSubmission(shippedTemplate);
    const score = scoreSubmission(shippedTemplate, answers, evidence);
    expect(score.total).toBe(1000);
    expect(score.maxScore).toBe(1000);
    expect(score.index).toBe(1);
    expect(score.answeredCount).toBe(26);
    expect(score.requiredCount).toBe(26);
    expect(score.missing).toEqual([]);
    expect(score.pillars.map((p) => [p.pillarId, p.points, p.maxPoints])).toEqual(
      shippedTemplate.pillars.map((p) => [p.id, p.maxPoints, p.maxPoints]),
    );
    expect(Object.keys(score.indicators)).toHaveLength(26);
  });

  it('accepts Maps as well as records', () => {
    const { answers, evidence } = perfectSubmission(shippedTemplate);
    const score = scoreSubmission(
      shippedTemplate,
      new Map(Object.entries(answers)),
      new Map(Object.entries(evidence)),
    );
    expect(score.total).toBe(1000);
  });

  it('lists what is missing: unanswered indicators, and claims without their evidence', () => {
    const { answers, evidence } = perfectSubmission(shippedTemplate);
    delete answers['3.1'];
    evidence['1.4'] = { photos: 1, documents: 0 }; // needs 2 photos
    answers['5.2'] = false; // a "no" needs no proof
    evidence['5.2'] = { photos: 0, documents: 0 };
    const score = scoreSubmission(shippedTemplate, answers, evidence);
    expect(score.missing).toEqual([
      { indicatorId: '1.4', reason: 'evidence' },
      { indicatorId: '3.1', reason: 'unanswered' },
    ]);
    expect(score.total).toBe(1000 - 25 - 25 - 50);
    expect(score.answeredCount).toBe(25);
    expect(score.indicators['1.4']).toEqual({
      points: 0,
      maxPoints: 25,
      answered: true,
      evidenceMet: false,
      claimedPoints: 25,
    });
    expect(score.pillars[0]).toEqual({ pillarId: 'nhan-thuc-so', points: 75, maxPoints: 100 });
    expect(score.index).toBe(0.9);
  });

  it('scores an empty submission 0 with everything unanswered', () => {
    const score = scoreSubmission(shippedTemplate, {});
    expect(score.total).toBe(0);
    expect(score.index).toBe(0);
    expect(score.missing).toHaveLength(26);
    expect(score.missing.every((m) => m.reason === 'unanswered')).toBe(true);
  });

  it('adds rounded points exactly (12.5 stays 12.5; thirds do not drift)', () => {
    const third: Indicator = {
      ...ratioIndicator,
      id: 'x',
      maxPoints: 25,
      scoring: { rule: 'ratio', target: 1 },
    };
    const template: Template = {
      ...shippedTemplate,
      maxScore: 100,
      rules: { noEvidenceScoresZero: false, indexIsScoreOver: 100 },
      pillars: [
        {
          id: 'a',
          title: { vi: 'A' },
          maxPoints: 75,
          indicators: ['x1', 'x2', 'x3'].map((id) => ({ ...third, id })),
        },
        {
          id: 'b',
          title: { vi: 'B' },
          maxPoints: 25,
          indicators: [{ ...choiceIndicator, id: 'c1' }],
        },
      ],
    };
    const oneThird = { numerator: 1, denominator: 3 };
    const score = scoreSubmission(template, {
      x1: oneThird,
      x2: oneThird,
      x3: oneThird,
      c1: 'deputy',
    });
    expect(score.indicators.x1?.points).toBe(8.33);
    expect(score.pillars.map((p) => p.points)).toEqual([24.99, 12.5]);
    expect(score.total).toBe(37.49);
    expect(score.index).toBeCloseTo(0.3749, 10);
  });

  it('does not pick up Object.prototype members for odd indicator ids', () => {
    const odd: Template = {
      ...shippedTemplate,
      maxScore: 30,
      rules: { noEvidenceScoresZero: false, indexIsScoreOver: 30 },
      pillars: [
        {
          id: 'p',
          title: { vi: 'P' },
          maxPoints: 30,
          indicators: [{ ...booleanIndicator, id: 'constructor' }],
        },
      ],
    };
    const score = scoreSubmission(odd, {});
    expect(score.total).toBe(0);
    expect(score.indicators.constructor).toMatchObject({ answered: false });
  });
});

describe('rounding helpers', () => {
  it('round like a person and sum without drift', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(14.0625)).toBe(14.06);
    expect(round2(12.5)).toBe(12.5);
    expect(round2(NaN)).toBe(0);
    expect(sum2([0.1, 0.2])).toBe(0.3);
    expect(sum2(Array.from({ length: 10 }, () => 0.1))).toBe(1);
  });
});
