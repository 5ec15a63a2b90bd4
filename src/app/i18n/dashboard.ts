import i18next from 'i18next';
import { dashboardEn, mapEn } from './dashboard-en';
import { dashboardVi, mapVi } from './dashboard-vi';
import { reportEn } from './report-en';
import { reportVi } from './report-vi';

/** Adds the `dashboard.*`, `map.*` and `report.*` texts as the dashboard renders (like review.ts): off the first route. */
export function ensureDashboardMessages(): void {
  if (i18next.getResource('vi', 'translation', 'dashboard.title') !== undefined) return;
  i18next.addResourceBundle(
    'vi',
    'translation',
    { dashboard: dashboardVi, map: mapVi, report: reportVi },
    true,
    true,
  );
  i18next.addResourceBundle(
    'en',
    'translation',
    { dashboard: dashboardEn, map: mapEn, report: reportEn },
    true,
    true,
  );
}
