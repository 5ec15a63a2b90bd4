import { describe, expect, it } from 'vitest';
import { validateTemplate, type TemplateProblem } from '../../../src/shared/template/validate';
import { rawTemplate } from './shipped-data';

/** Edits raw JSON by path, so that each seeded mistake reads as one line. */
type Key = string | number;
function parentOf(root: unknown, path: readonly Key[]): Record<Key, unknown> {
  let node = root as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>;
  return node;
}
const lastKey = (path: readonly Key[]): Key => path[path.length - 1] as Key;
function set(root: unknown, path: readonly Key[], value: unknown): void {
  parentOf(root, path)[lastKey(path)] = value;
}
function rename(root: unknown, path: readonly Key[], to: string): void {
  const parent = parentOf(root, path);
  parent[to] = parent[lastKey(path)];
  delete parent[lastKey(path)];
}
function push(root: unknown, path: readonly Key[], value: unknown): void {
  (parentOf(root, path)[lastKey(path)] as unknown[]).push(value);
}

function brokenTemplate(): Record<string, unknown> {
  const b = rawTemplate();
  set(b, ['version'], 0);
  delete b.locale;
  set(b, ['extra'], true);
  set(b, ['rules', 'indexIsScoreOver'], 0);
  set(b, ['rules', 'noEvidenceScoresZero'], 'yes');
  set(b, ['pillars', 0, 'indicators', 0, 'options', 1, 'value'], 'chairman'); // duplicate option value
  set(b, ['pillars', 0, 'indicators', 0, 'options', 0, 'points'], 30); // option above the indicator's 25
  set(b, ['pillars', 0, 'indicators', 1, 'scoring', 'tiers', 0, 'points'], 30); // tier above the indicator's 25
  set(b, ['pillars', 0, 'indicators', 1, 'scoring', 'tiers', 2, 'min'], 5); // 4, 3, 5, 1: not descending
  rename(b, ['pillars', 0, 'indicators', 2, 'maxPoints'], 'maxPoint'); // a typo in a field name
  set(b, ['pillars', 1, 'indicators', 1, 'id'], '1.4'); // duplicates indicator 1.4
  set(b, ['pillars', 2, 'indicators', 1, 'scoring', 'target'], 80); // a percentage where a share belongs
  set(b, ['pillars', 2, 'indicators', 2, 'type'], 'yesno');
  set(b, ['pillars', 2, 'indicators', 3, 'maxPoints'], 20); // the pillar now adds up to 95, and tier 1 gives 25
  set(b, ['pillars', 4, 'title', 'vi'], '');
  set(b, ['pillars', 5, 'indicators', 0, 'evidence', 'minPhotos'], -1);
  set(b, ['pillars', 6, 'id'], 'chinh-quyen-so'); // duplicates pillar 5's id
  push(b, ['pillars', 6, 'indicators'], {
    id: '7.9',
    title: { vi: 'Ghi chú' },
    type: 'text',
    maxPoints: 5, // informational yet worth points; the pillar now adds up to 155
    scoring: { rule: 'none' },
    evidence: { required: false, minPhotos: 0 },
  });
  set(b, ['pillars', 7, 'maxPoints'], 140); // its indicators add up to 150; the template to 990
  set(b, ['pillars', 7, 'indicators', 3, 'scoring', 'tiers', 0, 'points'], 35); // no tier reaches 40
  return b;
}

const problemsOf = (input: unknown): TemplateProblem[] => {
  const result = validateTemplate(input);
  return result.ok ? [] : result.problems;
};

describe('validateTemplate', () => {
  it('accepts the shipped template', () => {
    const result = validateTemplate(rawTemplate());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.template.maxScore).toBe(1000);
  });

  it('reports every seeded mistake with its exact path and code', () => {
    const problems = problemsOf(brokenTemplate());
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['$.version', 'too_small'],
      ['$.locale', 'required'],
      ['$.rules.noEvidenceScoresZero', 'wrong_type'],
      ['$.rules.indexIsScoreOver', 'too_small'],
      ['$.pillars[0].indicators[2].maxPoints', 'required'],
      ['$.pillars[0].indicators[2].maxPoint', 'unknown_field'],
      ['$.pillars[2].indicators[1].scoring.target', 'too_big'],
      ['$.pillars[2].indicators[2].type', 'not_one_of'],
      ['$.pillars[4].title.vi', 'empty'],
      ['$.pillars[5].indicators[0].evidence.minPhotos', 'too_small'],
      ['$.extra', 'unknown_field'],
      ['$.pillars[1].indicators[1].id', 'duplicate_id'],
      ['$.pillars[6].id', 'duplicate_id'],
      ['$.pillars[2].maxPoints', 'points_mismatch'],
      ['$.pillars[6].maxPoints', 'points_mismatch'],
      ['$.pillars[7].maxPoints', 'points_mismatch'],
      ['$.maxScore', 'max_score_mismatch'],
      ['$.pillars[0].indicators[0].options[0].points', 'option_exceeds_max'],
      ['$.pillars[0].indicators[0].options[1].value', 'duplicate_option'],
      ['$.pillars[0].indicators[1].scoring.tiers[0].points', 'tier_exceeds_max'],
      ['$.pillars[0].indicators[1].scoring.tiers[2].min', 'tiers_not_descending'],
      ['$.pillars[2].indicators[3].scoring.tiers[0].points', 'tier_exceeds_max'],
      ['$.pillars[6].indicators[3].maxPoints', 'none_rule_has_points'],
      ['$.pillars[7].indicators[3].scoring.tiers', 'no_tier_scores_max'],
    ]);
  });

  it('explains problems in plain words that name the pillar and indicator', () => {
    const problems = problemsOf(brokenTemplate());
    const messages = problems.map((p) => p.message);
    expect(messages).toContain(
      "The pillar 'Hạ tầng số' says 100 points but its indicators add up to 95. Make the pillar's maxPoints equal the sum of its indicators' maxPoints.",
    );
    expect(messages).toContain(
      "Pillar 'Nhận thức số', indicator '1.3': the field “maxPoint” is not a field this template format knows; check its spelling or remove it.",
    );
    expect(messages).toContain(
      "Pillar 'Hạ tầng số', indicator '3.2': the field “scoring.target” must be at most 1 but it is the number 80.",
    );
    expect(messages).toContain(
      "Pillar 'Nhận thức số', indicator '1.2': tier 3 starts at 5 but the tier before starts at 3; list the tiers from the highest minimum down, each lower than the one before.",
    );
    expect(messages).toContain(
      'The field “rules.noEvidenceScoresZero” should be true or false but it is the text "yes".',
    );
    for (const message of messages) {
      expect(message).not.toMatch(
        /\[object Object\]|invalid_type|invalid_union|invalid_value|unrecognized_keys|too_small|too_big|Invalid input|received|undefined|NaN/,
      );
      expect(message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('gives parameters for translated messages', () => {
    const problems = problemsOf(brokenTemplate());
    expect(problems.find((p) => p.code === 'points_mismatch')?.params).toEqual({
      pillar: 'Hạ tầng số',
      declared: 100,
      sum: 95,
    });
    expect(problems.find((p) => p.code === 'max_score_mismatch')?.params).toEqual({
      declared: 1000,
      sum: 990,
    });
    expect(problems.find((p) => p.code === 'duplicate_id')?.params).toEqual({
      id: '1.4',
      firstPath: '$.pillars[0].indicators[3]',
    });
    expect(problems.find((p) => p.code === 'unknown_field')?.params).toEqual({ field: 'maxPoint' });
  });

  it('describes a non-object input in one plain problem', () => {
    for (const [input, actual] of [
      [null, 'empty (null)'],
      [[], 'a list'],
      ['abc', 'the text "abc"'],
      [42, 'the number 42'],
    ] as const) {
      expect(problemsOf(input)).toEqual([
        {
          path: '$',
          code: 'wrong_type',
          params: { expected: 'object', actual },
          message: `The template should be a group of fields (a JSON object) but it is ${actual}.`,
        },
      ]);
    }
    expect(problemsOf(undefined)).toEqual([
      { path: '$', code: 'required', params: {}, message: 'The template is missing.' },
    ]);
  });

  it('reports missing parts and still checks the parts that are there', () => {
    const b = rawTemplate();
    set(b, ['pillars', 3], 5);
    set(b, ['pillars', 0, 'indicators', 0], { id: '1.1' });
    set(b, ['pillars', 1, 'maxPoints'], 99);
    const problems = problemsOf(b);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['$.pillars[0].indicators[0].type', 'required'],
      ['$.pillars[3]', 'wrong_type'],
      ['$.pillars[1].maxPoints', 'points_mismatch'],
    ]);
    expect(problems[1]?.message).toBe(
      'Pillar #4 should be a group of fields (a JSON object) but it is the number 5.',
    );
  });

  it('checks choice options and informational dates', () => {
    const b = rawTemplate();
    set(b, ['pillars', 0, 'indicators', 0, 'options', 0, 'points'], 20);
    set(b, ['pillars', 0, 'indicators', 2], {
      id: '1.3',
      title: { vi: 'Ngày ban hành' },
      type: 'date',
      maxPoints: 25,
      scoring: { rule: 'none' },
      evidence: { required: false, minPhotos: 0 },
    });
    expect(problemsOf(b).map((p) => [p.path, p.code])).toEqual([
      ['$.pillars[0].indicators[0].options', 'no_option_scores_max'],
      ['$.pillars[0].indicators[2].maxPoints', 'none_rule_has_points'],
    ]);
  });

  it('rejects tiers whose points go up as the minimum goes down', () => {
    const b = rawTemplate();
    set(b, ['pillars', 0, 'indicators', 1, 'scoring', 'tiers', 3, 'points'], 20); // 25, 19, 12, 20
    const problems = problemsOf(b);
    expect(problems.map((p) => [p.path, p.code, p.params.field])).toEqual([
      ['$.pillars[0].indicators[1].scoring.tiers[3].points', 'tiers_not_descending', 'points'],
    ]);
    expect(problems[0]?.message).toBe(
      "Pillar 'Nhận thức số', indicator '1.2': tier 4 gives 20 points, more than the 12 of the tier before; a lower tier must not give more points.",
    );
  });

  it('adds up decimal points without float trouble', () => {
    const b = rawTemplate();
    set(b, ['pillars', 0, 'indicators', 2, 'maxPoints'], 24.9);
    set(b, ['pillars', 0, 'indicators', 3, 'maxPoints'], 25.1);
    set(b, ['pillars', 1, 'indicators', 0, 'maxPoints'], 49.7);
    set(b, ['pillars', 1, 'indicators', 1, 'maxPoints'], 50.3);
    expect(validateTemplate(b).ok).toBe(true);
  });

  it('reports empty lists and quotes odd field names in paths', () => {
    const b = rawTemplate();
    set(b, ['pillars', 1, 'indicators'], []);
    set(b, ['max score'], 1);
    expect(problemsOf(b).map((p) => [p.path, p.code])).toEqual([
      ['$.pillars[1].indicators', 'empty'],
      ['$["max score"]', 'unknown_field'],
    ]);
  });
});
