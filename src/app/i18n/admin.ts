import i18next from 'i18next';
import { adminEn } from './admin-en';
import { adminVi } from './admin-vi';

/**
 * Adds the `admin.*` texts to the app's resources, in both languages, as the screens that use them
 * render (like review.ts): they travel in those screens' lazily loaded chunks, not the first route.
 */
export function ensureAdminMessages(): void {
  if (i18next.getResource('vi', 'translation', 'admin.auditTitle') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { admin: adminVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { admin: adminEn }, true, true);
}
