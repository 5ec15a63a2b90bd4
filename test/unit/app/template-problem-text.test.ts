// Every template problem in plain Vietnamese and complete English: each TemplateProblemCode has a
// sentence in both languages, no sentence is left with an unfilled {{variable}}, and the places
// read as the official knows them ("Trụ cột 3 (Hạ tầng số), chỉ tiêu 2 (mã 3.1)").
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  TEMPLATE_PROBLEM_CODES,
  type TemplateProblemWire,
} from '../../../src/shared/api/templates';
import { Template } from '../../../src/shared/schemas/template';
import { validateTemplate } from '../../../src/shared/template/validate';
import {
  parsePath,
  problemKey,
  problemSentence,
} from '../../../src/app/features/admin-templates/problem-text';
import { initI18n } from '../../../src/app/i18n';
import { ensureAdminTemplatesMessages } from '../../../src/app/i18n/admin-templates';
import { adminTemplatesEn } from '../../../src/app/i18n/admin-templates-en';
import { adminTemplatesVi } from '../../../src/app/i18n/admin-templates-vi';
import { threeMistakes } from '../../helpers/template-files';

const shipped = Template.parse(JSON.parse(readFileSync('data/template-cds-xa-2025.json', 'utf8')));

/** Every variable any sentence may use, so a sentence with an unknown one shows it unfilled. */
const ALL_PARAMS = {
  expected: 'number',
  actual: 'x',
  allowed: '"boolean", "choice"',
  field: 'min',
  minimum: 0,
  maximum: 10,
  id: '3.1',
  firstPath: '$.pillars[2].indicators[0]',
  declared: 90,
  sum: 100,
  tier: 2,
  points: 30,
  maxPoints: 25,
  previous: 5,
  best: 20,
  option: 2,
  value: 'yes',
  pillar: 'Hạ tầng số',
  format: 'date',
};

const sentences = (language: 'vi' | 'en', problems: TemplateProblemWire[], input: unknown) =>
  problems.map((p) =>
    problemSentence(i18next.getFixedT(language, 'adminTemplates'), p, input, language),
  );

describe('template problem sentences', () => {
  beforeAll(async () => {
    await initI18n('vi');
    ensureAdminTemplatesMessages();
  });

  it('has a Vietnamese and an English sentence for every problem code', () => {
    expect(TEMPLATE_PROBLEM_CODES.length).toBe(18);
    for (const code of TEMPLATE_PROBLEM_CODES) {
      expect(adminTemplatesVi[problemKey(code)].trim(), code).not.toBe('');
      expect(adminTemplatesEn[problemKey(code)].trim(), code).not.toBe('');
      expect(adminTemplatesEn[problemKey(code)], code).not.toBe(adminTemplatesVi[problemKey(code)]);
    }
  });

  it('fills every variable of every sentence, in both languages', () => {
    const path = '$.pillars[2].indicators[1].scoring.tiers[1].min';
    for (const code of TEMPLATE_PROBLEM_CODES) {
      const problem: TemplateProblemWire = { path, code, params: ALL_PARAMS, message: '' };
      for (const language of ['vi', 'en'] as const) {
        const [text] = sentences(language, [problem], shipped);
        expect(text, `${code} ${language}`).not.toMatch(/\{\{|undefined|\[object/);
        expect(text, `${code} ${language}`).not.toContain(`problem_${code}`);
      }
    }
  });

  it('says the three mistakes of a broken file in Vietnamese, naming pillars and indicators', () => {
    const input = threeMistakes(shipped);
    const checked = validateTemplate(input);
    if (checked.ok) throw new Error('the broken file passed the validator');
    expect(sentences('vi', checked.problems, input)).toEqual([
      'Trụ cột 1 (Nhận thức số), chỉ tiêu 1 (mã 1.1): thiếu trường “title”; hãy thêm trường này.',
      'Trụ cột 3 (Hạ tầng số), chỉ tiêu 2 (mã 3.1): mã “3.1” bị dùng hai lần (lần đầu ở Trụ cột 3 (Hạ tầng số), chỉ tiêu 1 (mã 3.1)); mỗi mục cần một mã riêng vì câu trả lời được lưu theo mã.',
      'Trụ cột 3 (Hạ tầng số): trụ cột ghi 90 điểm nhưng các chỉ tiêu cộng lại được 100 điểm; hãy sửa “maxPoints” của trụ cột bằng tổng điểm các chỉ tiêu.',
    ]);
    expect(sentences('en', checked.problems, input)[2]).toBe(
      'Pillar 3 (Digital infrastructure): the pillar says 90 points but its indicators add up to 100; make the pillar’s “maxPoints” the sum of its indicators’.',
    );
  });

  it('words values and numbers the reader’s way', () => {
    const input = structuredClone(shipped) as unknown as { maxScore: unknown; pillars: unknown[] };
    input.maxScore = 'một nghìn';
    input.pillars = [...input.pillars, 7];
    const checked = validateTemplate(input);
    if (checked.ok) throw new Error('the broken file passed the validator');
    const vi = sentences('vi', checked.problems, input);
    expect(vi).toContain(
      'Mẫu phiếu: trường “maxScore” phải là một số nhưng đang là chữ “một nghìn”.',
    );
    expect(vi).toContain(
      'Trụ cột 9: trường “pillars[8]” phải là một nhóm trường { } nhưng đang là số 7.',
    );
  });

  it('reads JSON paths back into their parts', () => {
    expect(parsePath('$')).toEqual([]);
    expect(parsePath('$.pillars[2].indicators[10].scoring')).toEqual([
      'pillars',
      2,
      'indicators',
      10,
      'scoring',
    ]);
    expect(parsePath('$.pillars[0]["a b"]')).toEqual(['pillars', 0, 'a b']);
  });
});
