// One indicator of every type and scoring rule, used by the schema and scoring tests.
import type { Indicator, TemplateRules } from '../../../src/shared/schemas/template';

const base = (id: string, maxPoints: number, minPhotos = 0, required = true) => ({
  id,
  title: { vi: `Chỉ tiêu ${id}` },
  maxPoints,
  evidence: { required, minPhotos },
});

export const booleanIndicator = {
  ...base('b', 30, 1),
  type: 'boolean',
  scoring: { rule: 'boolean' },
} satisfies Indicator;

export const choiceIndicator = {
  ...base('c', 25, 1),
  type: 'choice',
  options: [
    { value: 'chairman', label: { vi: 'Chủ tịch' }, points: 25 },
    { value: 'deputy', label: { vi: 'Phó Chủ tịch' }, points: 12.5 },
    { value: 'none', label: { vi: 'Chưa thành lập' }, points: 0 },
  ],
  scoring: { rule: 'choice' },
} satisfies Indicator;

/** The steering-committee meetings of the domain brief: 4/3/2/1 meetings → 25/19/12/6. */
export const tiersIndicator = {
  ...base('t', 25, 1),
  type: 'count',
  unit: { vi: 'cuộc họp', en: 'meetings' },
  scoring: {
    rule: 'tiers',
    tiers: [
      { min: 4, points: 25 },
      { min: 3, points: 19 },
      { min: 2, points: 12 },
      { min: 1, points: 6 },
    ],
  },
} satisfies Indicator;

/** A count scored against a target number of things: 8 stores wanted. */
export const countRatioIndicator = {
  ...base('cr', 40, 0),
  type: 'count',
  scoring: { rule: 'ratio', target: 8 },
} satisfies Indicator;

export const ratioIndicator = {
  ...base('r', 25, 0),
  type: 'ratio',
  numerator: { vi: 'Số hộ có cáp quang' },
  denominator: { vi: 'Tổng số hộ' },
  scoring: { rule: 'ratio', target: 0.8 },
} satisfies Indicator;

export const percentIndicator = {
  ...base('p', 50, 1),
  type: 'percent',
  scoring: { rule: 'ratio', target: 0.9 },
} satisfies Indicator;

export const textPresenceIndicator = {
  ...base('tp', 10, 0, false),
  type: 'text',
  scoring: { rule: 'presence' },
} satisfies Indicator;

export const textNoneIndicator = {
  ...base('tn', 0, 0, false),
  type: 'text',
  scoring: { rule: 'none' },
} satisfies Indicator;

export const datePresenceIndicator = {
  ...base('dp', 10, 0, true),
  type: 'date',
  scoring: { rule: 'presence' },
} satisfies Indicator;

export const dateNoneIndicator = {
  ...base('dn', 0, 0, false),
  type: 'date',
  scoring: { rule: 'none' },
} satisfies Indicator;

export const everyIndicator: readonly Indicator[] = [
  booleanIndicator,
  choiceIndicator,
  tiersIndicator,
  countRatioIndicator,
  ratioIndicator,
  percentIndicator,
  textPresenceIndicator,
  textNoneIndicator,
  datePresenceIndicator,
  dateNoneIndicator,
];

export const strictRules: TemplateRules = { noEvidenceScoresZero: true, indexIsScoreOver: 1000 };
export const lenientRules: TemplateRules = { noEvidenceScoresZero: false, indexIsScoreOver: 1000 };

/** Enough evidence for any of the indicators above. */
export const plentyOfEvidence = { photos: 5, documents: 5 };
