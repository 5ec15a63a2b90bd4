import type { Kysely } from 'kysely';
import { z } from 'zod';
import { localize } from '../../../src/shared/i18n-text';
import type { Actor } from '../../../src/shared/permissions/can';
import type { OrgUnit } from '../../../src/shared/schemas/org';
import { templateIndicators, type Indicator } from '../../../src/shared/schemas/template';
import type { Database } from '../../db/schema';
import { STATUS_LABEL, YES_NO, type ReportLanguage } from './labels';
import { loadReportScope, recordsUnder, type ReportScope } from './scope';
import type { Cell, ReportTable } from './table';

const StoredAnswer = z.object({
  submissionId: z.string(),
  indicatorId: z.string(),
  value: z.unknown(),
  note: z.string().optional(),
});

const HEADERS: Record<ReportLanguage, string[]> = {
  vi: [
    'Mã đơn vị',
    'Đơn vị',
    'Trực thuộc',
    'Trạng thái hồ sơ',
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    'Trả lời',
    'Ghi chú',
  ],
  en: [
    'Unit code',
    'Unit',
    'Part of',
    'Submission status',
    'Indicator',
    'Indicator title',
    'Answer',
    'Note',
  ],
};

/** "Xã Phước Bình", as an official document names a unit, where the data has it. */
export function displayName(unit: OrgUnit): string;
export function displayName(unit: OrgUnit | undefined): string | undefined;
export function displayName(unit: OrgUnit | undefined): string | undefined {
  return unit && (unit.fullName ?? unit.name);
}

/** An answer as a cell: numbers stay numbers (a spreadsheet sums them), the rest as words. */
function answerCell(indicator: Indicator, value: unknown, language: ReportLanguage): Cell {
  if (value === null || value === undefined) return null;
  switch (indicator.type) {
    case 'boolean':
      return typeof value === 'boolean' ? YES_NO[language][value ? 0 : 1] : null;
    case 'choice': {
      const option = indicator.options.find((candidate) => candidate.value === value);
      if (option) return localize(option.label, language);
      return typeof value === 'string' ? value : null;
    }
    case 'ratio': {
      const ratio = z.object({ numerator: z.number(), denominator: z.number() }).safeParse(value);
      return ratio.success ? `${ratio.data.numerator}/${ratio.data.denominator}` : null;
    }
    case 'count':
    case 'percent':
      return typeof value === 'number' ? value : null;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function communeRows(
  scope: ReportScope,
  answers: Map<string, z.infer<typeof StoredAnswer>>,
  language: ReportLanguage,
) {
  const byId = new Map(scope.units.map((unit) => [unit.id, unit]));
  const indicators = templateIndicators(scope.template);
  const rows: Cell[][] = [];
  const communes = scope.units.filter((unit: OrgUnit) => unit.level === 'commune');
  for (const commune of communes) {
    const submission = scope.submissions.get(commune.id);
    const parent = commune.parentId
      ? (displayName(byId.get(commune.parentId)) ?? commune.parentId)
      : '';
    const status = STATUS_LABEL[submission?.status ?? 'notStarted'][language];
    for (const indicator of indicators) {
      const answer = submission ? answers.get(`${submission.id}#${indicator.id}`) : undefined;
      rows.push([
        commune.code,
        displayName(commune),
        parent,
        status,
        indicator.id,
        localize(indicator.title, language),
        answerCell(indicator, answer?.value, language),
        answer?.note ?? null,
      ]);
    }
  }
  return rows;
}

/**
 * Every commune's answer to every indicator, drafts included, for those who may read the work
 * itself (`submission.read`: not viewers, who get results). One row per commune and indicator.
 */
export async function answersReport(
  db: Kysely<Database>,
  actor: Actor,
  request: { campaignId: string; unitId: string; language: ReportLanguage },
): Promise<ReportTable> {
  const scope = await loadReportScope(db, actor, { ...request, action: 'submission.read' });
  const submissionIds = new Set([...scope.submissions.values()].map((s) => s.id));
  const answers = new Map<string, z.infer<typeof StoredAnswer>>();
  for (const row of await recordsUnder(db, 'answer', scope.root.path)) {
    const answer = StoredAnswer.safeParse(JSON.parse(row.data));
    if (answer.success && submissionIds.has(answer.data.submissionId))
      answers.set(`${answer.data.submissionId}#${answer.data.indicatorId}`, answer.data);
  }
  return {
    sheet: request.language === 'vi' ? 'Câu trả lời' : 'Answers',
    headers: HEADERS[request.language],
    rows: communeRows(scope, answers, request.language),
  };
}
