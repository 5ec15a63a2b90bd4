import i18next from 'i18next';
import { adminUsersEn } from './admin-users-en';
import { adminUsersVi } from './admin-users-vi';

/** Adds the `adminUsers.*` texts as the accounts screen renders (like admin.ts): off the first route. */
export function ensureAdminUsersMessages(): void {
  if (i18next.getResource('vi', 'translation', 'adminUsers.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { adminUsers: adminUsersVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { adminUsers: adminUsersEn }, true, true);
}
