import { adminTemplatesEn } from './admin-templates-en';
import { adminTemplatesVi } from './admin-templates-vi';
import { ensureNamespace } from './namespace';

/** The templates screen's texts (namespace `adminTemplates`), added as it renders. */
export function ensureAdminTemplatesMessages(): void {
  ensureNamespace('adminTemplates', adminTemplatesVi, adminTemplatesEn);
}
