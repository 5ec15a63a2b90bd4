import i18next from 'i18next';
import { adminTemplatesEn } from './admin-templates-en';
import { adminTemplatesVi } from './admin-templates-vi';

/**
 * Adds the `adminTemplates.*` texts in both languages as the templates screen renders (like
 * admin.ts): they travel in that screen's lazily loaded chunk, not the first route.
 */
export function ensureAdminTemplatesMessages(): void {
  if (i18next.getResource('vi', 'translation', 'adminTemplates.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { adminTemplates: adminTemplatesVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { adminTemplates: adminTemplatesEn }, true, true);
}
