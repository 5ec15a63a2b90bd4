import { adminUnitsEn } from './admin-units-en';
import { adminUnitsVi } from './admin-units-vi';
import { ensureNamespace } from './namespace';

/** The unit tree screen's texts (namespace `adminUnits`), added as it renders. */
export function ensureAdminUnitsMessages(): void {
  ensureNamespace('adminUnits', adminUnitsVi, adminUnitsEn);
}
