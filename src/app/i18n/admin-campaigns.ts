import i18next from 'i18next';
import { adminCampaignsEn } from './admin-campaigns-en';
import { adminCampaignsVi } from './admin-campaigns-vi';

/** Adds the `adminCampaigns.*` texts as the screen renders (like review.ts): off the first route. */
export function ensureAdminCampaignsMessages(): void {
  if (i18next.getResource('vi', 'translation', 'adminCampaigns.title') !== undefined) return;
  i18next.addResourceBundle('vi', 'translation', { adminCampaigns: adminCampaignsVi }, true, true);
  i18next.addResourceBundle('en', 'translation', { adminCampaigns: adminCampaignsEn }, true, true);
}
