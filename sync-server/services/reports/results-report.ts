import type { Kysely } from 'kysely';
import { localize } from '../../../src/shared/i18n-text';
import type { Actor } from '../../../src/shared/permissions/can';
import type { DashboardFigures, UnitFigures } from '../../../src/shared/reports/figures';
import type { Database } from '../../db/schema';
import { dashboardWithTemplate } from './dashboard-service';
import { STATUS_LABEL, type ReportLanguage } from './labels';
import type { Cell, ReportTable } from './table';

const LEVEL_LABEL: Record<UnitFigures['level'], Record<ReportLanguage, string>> = {
  country: { vi: 'Quốc gia', en: 'Country' },
  province: { vi: 'Tỉnh', en: 'Province' },
  district: { vi: 'Huyện', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
  village: { vi: 'Thôn', en: 'Village' },
};

const HEADERS: Record<ReportLanguage, readonly string[]> = {
  vi: [
    'Mã đơn vị',
    'Đơn vị',
    'Cấp',
    'Trực thuộc',
    'Số xã phải gửi',
    'Đã gửi',
    'Gửi đúng hạn',
    'Trạng thái',
    'Số xã đã duyệt',
    'Điểm',
    'Hạng',
    'Số minh chứng',
  ],
  en: [
    'Unit code',
    'Unit',
    'Level',
    'Part of',
    'Communes expected',
    'Sent',
    'Sent on time',
    'Status',
    'Communes approved',
    'Score',
    'Rank',
    'Evidence items',
  ],
};

/** A commune's own status; for a unit above, the word is left out (its counts say it). */
function statusOf(unit: UnitFigures, language: ReportLanguage): string | null {
  if (unit.level !== 'commune') return null;
  const counts = unit.statusCounts;
  const status = (Object.keys(counts) as (keyof typeof counts)[]).find((key) => counts[key] > 0);
  return status ? STATUS_LABEL[status][language] : null;
}

/**
 * The dashboard's figures as a table, one row per unit: the same numbers as the screen (a commune's
 * score, a unit's average), so an official report and the dashboard never disagree.
 */
export function resultsTable(
  figures: DashboardFigures,
  language: ReportLanguage,
  pillarTitles: ReadonlyMap<string, string>,
): ReportTable {
  const names = new Map(figures.units.map((unit) => [unit.unitId, unit.name]));
  const rows: Cell[][] = figures.units.map((unit) => [
    unit.unitId,
    unit.name,
    LEVEL_LABEL[unit.level][language],
    unit.parentId ? (names.get(unit.parentId) ?? unit.parentId) : null,
    unit.expected,
    unit.submitted,
    unit.onTime,
    statusOf(unit, language),
    unit.scored,
    unit.level === 'commune' ? unit.score : unit.averageScore,
    unit.rank,
    unit.evidenceCount,
    ...unit.pillarAverages.map((pillar) => pillar.average),
  ]);
  return {
    sheet: language === 'vi' ? 'Kết quả' : 'Results',
    headers: [
      ...HEADERS[language],
      ...figures.pillars.map((p) => pillarTitles.get(p.pillarId) ?? p.pillarId),
    ],
    rows,
  };
}

/** Results of a unit's subtree for anyone who may read reports (approved and accepted work). */
export async function resultsReport(
  db: Kysely<Database>,
  actor: Actor,
  request: { campaignId: string; unitId: string; language: ReportLanguage },
): Promise<ReportTable> {
  const { figures, template } = await dashboardWithTemplate(db, actor, request);
  const titles = new Map(
    template.pillars.map((pillar) => [pillar.id, localize(pillar.title, request.language)]),
  );
  return resultsTable(figures, request.language, titles);
}
