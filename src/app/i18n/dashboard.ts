import i18next from 'i18next';
import { dashboardEn } from './dashboard-en';
import { dashboardVi } from './dashboard-vi';

/** Adds the `dashboard.*` texts as the dashboard renders (like review.ts): off the first route. */
export function ensureDashboardMessages(): void {
  if (i18next.getResource('vi', 'translation', 'dashboard.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { dashboard: dashboardVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { dashboard: dashboardEn }, true, true);
}
