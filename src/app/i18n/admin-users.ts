import { adminUsersEn } from './admin-users-en';
import { adminUsersVi } from './admin-users-vi';
import { ensureNamespace } from './namespace';

/** The accounts screen's texts (namespace `adminUsers`), added as it renders. */
export function ensureAdminUsersMessages(): void {
  ensureNamespace('adminUsers', adminUsersVi, adminUsersEn);
}
