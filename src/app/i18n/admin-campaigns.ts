import { adminCampaignsEn } from './admin-campaigns-en';
import { adminCampaignsVi } from './admin-campaigns-vi';
import { ensureNamespace } from './namespace';

/** The campaigns screen's texts (namespace `adminCampaigns`), added as it renders. */
export function ensureAdminCampaignsMessages(): void {
  ensureNamespace('adminCampaigns', adminCampaignsVi, adminCampaignsEn);
}
