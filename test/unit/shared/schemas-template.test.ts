import { describe, expect, it } from 'vitest';
import { LocalizedText, localize } from '../../../src/shared/i18n-text';
import {
  Answer,
  Indicator,
  OrgUnit,
  Template,
  UnitTreeNode,
  answerValueSchemaFor,
  templateIndicators,
} from '../../../src/shared/schemas/index';
import {
  booleanIndicator,
  choiceIndicator,
  countRatioIndicator,
  dateNoneIndicator,
  datePresenceIndicator,
  everyIndicator,
  percentIndicator,
  ratioIndicator,
  textNoneIndicator,
  textPresenceIndicator,
  tiersIndicator,
} from './sample-indicators';
import { rawTemplate, rawUnits, threeLevelUnits } from './shipped-data';

describe('shipped data', () => {
  it('parses the shipped checklist template', () => {
    const template = Template.parse(rawTemplate());
    expect(template.id).toBe('cds-xa-2025');
    expect(template.pillars).toHaveLength(8);
    expect(templateIndicators(template)).toHaveLength(26);
  });

  it('parses the shipped unit tree, and every flattened unit is a valid OrgUnit', () => {
    expect(UnitTreeNode.safeParse(rawUnits()).success).toBe(true);
    for (const unit of threeLevelUnits) expect(OrgUnit.safeParse(unit).success).toBe(true);
  });
});

describe('LocalizedText', () => {
  it('requires a non-blank Vietnamese text and allows English', () => {
    expect(
      LocalizedText.safeParse({ vi: 'Hạ tầng số', en: 'Digital infrastructure' }).success,
    ).toBe(true);
    expect(LocalizedText.safeParse({ vi: 'Hạ tầng số' }).success).toBe(true);
    expect(LocalizedText.safeParse({ vi: '' }).success).toBe(false);
    expect(LocalizedText.safeParse({ vi: '   ' }).success).toBe(false);
    expect(LocalizedText.safeParse({ en: 'only English' }).success).toBe(false);
    expect(LocalizedText.safeParse({ vi: 'x', fr: 'y' }).success).toBe(false);
  });

  it('localizes with a Vietnamese fallback', () => {
    expect(localize({ vi: 'Xã', en: 'Commune' }, 'en')).toBe('Commune');
    expect(localize({ vi: 'Xã', en: ' ' }, 'en')).toBe('Xã');
    expect(localize({ vi: 'Xã', en: 'Commune' }, 'vi')).toBe('Xã');
  });
});

describe('Indicator', () => {
  it('accepts every indicator type with each of its scoring rules', () => {
    for (const indicator of everyIndicator)
      expect(Indicator.safeParse(indicator).success, indicator.id).toBe(true);
    const rules = new Set(everyIndicator.map((i) => `${i.type}/${i.scoring.rule}`));
    expect([...rules].sort()).toEqual([
      'boolean/boolean',
      'choice/choice',
      'count/ratio',
      'count/tiers',
      'date/none',
      'date/presence',
      'percent/ratio',
      'ratio/ratio',
      'text/none',
      'text/presence',
    ]);
  });

  it('rejects a rule that does not belong to the type', () => {
    expect(
      Indicator.safeParse({ ...booleanIndicator, scoring: { rule: 'presence' } }).success,
    ).toBe(false);
    expect(
      Indicator.safeParse({ ...textPresenceIndicator, scoring: { rule: 'boolean' } }).success,
    ).toBe(false);
    expect(
      Indicator.safeParse({
        ...ratioIndicator,
        scoring: { rule: 'tiers', tiers: [{ min: 1, points: 1 }] },
      }).success,
    ).toBe(false);
    expect(Indicator.safeParse({ ...percentIndicator, scoring: { rule: 'none' } }).success).toBe(
      false,
    );
  });

  it('keeps share targets in (0, 1] but lets a count target any positive number', () => {
    for (const target of [0, -0.5, 1.01, 80]) {
      expect(
        Indicator.safeParse({ ...ratioIndicator, scoring: { rule: 'ratio', target } }).success,
      ).toBe(false);
      expect(
        Indicator.safeParse({ ...percentIndicator, scoring: { rule: 'ratio', target } }).success,
      ).toBe(false);
    }
    expect(
      Indicator.safeParse({ ...ratioIndicator, scoring: { rule: 'ratio', target: 1 } }).success,
    ).toBe(true);
    expect(
      Indicator.safeParse({ ...countRatioIndicator, scoring: { rule: 'ratio', target: 80 } })
        .success,
    ).toBe(true);
    expect(
      Indicator.safeParse({ ...countRatioIndicator, scoring: { rule: 'ratio', target: 0 } })
        .success,
    ).toBe(false);
  });

  it('rejects unknown fields, negative points and fractional photo counts', () => {
    expect(Indicator.safeParse({ ...booleanIndicator, maxPoint: 30 }).success).toBe(false);
    expect(
      Indicator.safeParse({
        ...booleanIndicator,
        evidence: { required: true, minPhotos: 1, minPhoto: 2 },
      }).success,
    ).toBe(false);
    expect(Indicator.safeParse({ ...booleanIndicator, maxPoints: -1 }).success).toBe(false);
    expect(
      Indicator.safeParse({ ...booleanIndicator, evidence: { required: true, minPhotos: 1.5 } })
        .success,
    ).toBe(false);
    expect(Indicator.safeParse({ ...choiceIndicator, options: [] }).success).toBe(false);
    expect(
      Indicator.safeParse({ ...tiersIndicator, scoring: { rule: 'tiers', tiers: [] } }).success,
    ).toBe(false);
  });
});

describe('answer values', () => {
  const cases: { name: string; indicator: Indicator; good: unknown[]; bad: unknown[] }[] = [
    {
      name: 'boolean',
      indicator: booleanIndicator,
      good: [true, false],
      bad: ['true', 1, null, undefined],
    },
    {
      name: 'choice',
      indicator: choiceIndicator,
      good: ['chairman', 'deputy', 'none'],
      bad: ['president', '', 25, true],
    },
    {
      name: 'count',
      indicator: tiersIndicator,
      good: [0, 1, 4, 1000],
      bad: [-1, 1.5, '3', NaN, Infinity],
    },
    {
      name: 'ratio',
      indicator: ratioIndicator,
      good: [
        { numerator: 0, denominator: 1 },
        { numerator: 45, denominator: 100 },
        { numerator: 7, denominator: 7 },
      ],
      bad: [
        { numerator: 5, denominator: 0 },
        { numerator: 6, denominator: 5 },
        { numerator: -1, denominator: 5 },
        { numerator: 1 },
        { numerator: 1, denominator: 2, extra: true },
        0.5,
      ],
    },
    {
      name: 'percent',
      indicator: percentIndicator,
      good: [0, 45.5, 100],
      bad: [-0.1, 100.1, '90', null],
    },
    {
      name: 'text',
      indicator: textPresenceIndicator,
      good: ['', 'Có', 'x'.repeat(4000)],
      bad: ['x'.repeat(4001), 5, ['a']],
    },
    {
      name: 'date',
      indicator: datePresenceIndicator,
      good: ['2025-11-26', '2024-02-29'],
      bad: ['2025-02-29', '26/11/2025', '2025-11-26T00:00:00Z', 20251126],
    },
  ];
  for (const { name, indicator, good, bad } of cases) {
    it(`${name}: accepts good values and rejects bad ones`, () => {
      const schema = answerValueSchemaFor(indicator);
      for (const value of good)
        expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(true);
      for (const value of bad)
        expect(schema.safeParse(value).success, String(JSON.stringify(value))).toBe(false);
    });
  }

  it('gives informational and presence indicators of the same type the same value schema', () => {
    expect(answerValueSchemaFor(textNoneIndicator).safeParse('ghi chú').success).toBe(true);
    expect(answerValueSchemaFor(dateNoneIndicator).safeParse('2025-01-31').success).toBe(true);
  });

  it('parses an Answer record', () => {
    const answer = {
      id: '01JD0000000000000000000000',
      submissionId: 's1',
      indicatorId: '1.4',
      value: { numerator: 3, denominator: 4 },
      updatedBy: 'u1',
      updatedAt: '2025-11-26T08:00:00+07:00',
    };
    expect(Answer.safeParse(answer).success).toBe(true);
    expect(Answer.safeParse({ ...answer, note: 'theo sổ' }).success).toBe(true);
    expect(Answer.safeParse({ ...answer, updatedAt: 'yesterday' }).success).toBe(false);
  });
});
