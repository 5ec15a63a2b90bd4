import { useTranslation } from 'react-i18next';
import type { Campaign } from '../../../shared/schemas/campaign';
import { localized } from '../../i18n';
import { useServices } from '../../services';
import { formatDateTime } from '../../ui/format-date';
import { rememberCampaignChoice } from './campaign-choice';

/**
 * Which campaign the checklist shows, and until when it may be answered. The picker appears only
 * when the commune is asked to report in more than one campaign; the choice stays on the device.
 */
export function CampaignChooser({
  campaign,
  choices,
}: {
  campaign: Campaign;
  choices: readonly Campaign[];
}) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const language = i18n.language;
  const label = (c: Campaign) =>
    c.status === 'closed'
      ? t('checklist.campaignClosedOption', { title: localized(c.title, language) })
      : localized(c.title, language);
  return (
    <div className="card" data-testid="campaign-chooser">
      {choices.length > 1 ? (
        <label className="field">
          <span>{t('checklist.chooseCampaign')}</span>
          <select
            value={campaign.id}
            data-testid="campaign-select"
            onChange={(event) => void rememberCampaignChoice(db, event.target.value)}
          >
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p className="small" data-testid="campaign-deadline">
        {t(campaign.status === 'closed' ? 'checklist.campaignClosed' : 'checklist.deadline', {
          deadline: formatDateTime(campaign.deadline, language),
        })}
      </p>
    </div>
  );
}
