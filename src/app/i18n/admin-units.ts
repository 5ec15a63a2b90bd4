import i18next from 'i18next';
import { adminUnitsEn } from './admin-units-en';
import { adminUnitsVi } from './admin-units-vi';

/** Adds the unit tree screen's texts (`adminUnits.*`) as it renders, like review.ts: they travel
 * in that screen's lazily loaded chunk. */
export function ensureAdminUnitsMessages(): void {
  if (i18next.getResource('vi', 'translation', 'adminUnits.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { adminUnits: adminUnitsVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { adminUnits: adminUnitsEn }, true, true);
}
