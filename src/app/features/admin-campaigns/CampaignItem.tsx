import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canStep, type AdminCampaign, type CampaignStep } from '../../../shared/api/campaigns';
import { localized } from '../../i18n';
import { localeOf } from '../../ui/format';
import { formatDate } from '../../ui/format-date';
import { vietnamTime } from './api';

/** A deadline in Vietnam time, as the administrator typed it, whatever this device's zone. */
function vietnamDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(localeOf(language), {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** One campaign: its status and figures, and the steps its status allows. */
export function CampaignItem({
  campaign,
  onStep,
  onExtend,
}: {
  campaign: AdminCampaign;
  onStep: (step: CampaignStep) => void;
  onExtend: (deadline: string, reason: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation('adminCampaigns');
  const language = i18n.language;
  const [confirming, setConfirming] = useState(false);
  const [extending, setExtending] = useState(false);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState('');

  const onSubmitExtension = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void onExtend(vietnamTime(deadline), reason.trim()).then((done) => {
      if (!done) return;
      setExtending(false);
      setReason('');
    });
  };

  return (
    <li className="card" data-testid={`campaign-${campaign.id}`}>
      <h3>{localized(campaign.title, language)}</h3>
      <p>
        <strong data-testid="campaign-status">{t(`status_${campaign.status}`)}</strong>
      </p>
      <p className="small" data-testid="campaign-summary">
        {t('summary', {
          template: campaign.templateId,
          templateVersion: campaign.templateVersion,
          count: campaign.assignedCount,
          deadline: vietnamDateTime(campaign.deadline, language),
        })}
      </p>
      <p className="small">
        {t('period', {
          start: formatDate(campaign.period.start, language),
          end: formatDate(campaign.period.end, language),
        })}
      </p>
      <div className="actions">
        {canStep(campaign.status, 'open') ? (
          <button type="button" data-testid="campaign-open" onClick={() => onStep('open')}>
            {t('open')}
          </button>
        ) : null}
        {canStep(campaign.status, 'close') && !confirming ? (
          <button
            type="button"
            className="secondary"
            data-testid="campaign-close"
            onClick={() => setConfirming(true)}
          >
            {t('close')}
          </button>
        ) : null}
        {campaign.status !== 'closed' && !extending ? (
          <button
            type="button"
            className="secondary"
            data-testid="campaign-extend"
            onClick={() => setExtending(true)}
          >
            {t('extend')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="banner-warn" role="alertdialog" data-testid="close-confirm">
          <p>{t('closeConfirm')}</p>
          <button
            type="button"
            data-testid="close-yes"
            onClick={() => {
              setConfirming(false);
              onStep('close');
            }}
          >
            {t('closeYes')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
      {extending ? (
        <form onSubmit={onSubmitExtension} data-testid="extend-form">
          <label className="field">
            <span>{t('newDeadline')}</span>
            <input
              type="datetime-local"
              name="deadline"
              required
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('reason')}</span>
            <textarea
              name="reason"
              required
              maxLength={1000}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <button type="submit" disabled={reason.trim() === '' || deadline === ''}>
            {t('extendSave')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setExtending(false)}>
            {t('cancel')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
