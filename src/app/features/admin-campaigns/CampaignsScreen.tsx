import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignList, CampaignStep, NewCampaign } from '../../../shared/api/campaigns';
import { can } from '../../../shared/permissions/can';
import { localized } from '../../i18n';
import { ensureAdminCampaignsMessages } from '../../i18n/admin-campaigns';
import { useServices } from '../../services';
import type { Session } from '../auth/session';
import { createCampaign, errorKey, extendDeadline, listCampaigns, stepCampaign } from './api';
import { CampaignForm } from './CampaignForm';
import { CampaignItem } from './CampaignItem';
import { useUnitChoices } from './use-units';

/**
 * The administrator's campaigns, online: the list with status, template version, deadline and
 * assigned count; a new draft; open, close and extend. The server checks and audits every step;
 * the phones receive the campaign in their next sync.
 */
export function CampaignsScreen({ session }: { session: Session }) {
  ensureAdminCampaignsMessages();
  const { t, i18n } = useTranslation('adminCampaigns');
  const { db, baseUrl } = useServices();
  const connection = useMemo(() => ({ baseUrl, token: session.token }), [baseUrl, session.token]);
  const units = useUnitChoices(db, session.user.orgPath);
  const [list, setList] = useState<CampaignList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const allowed = can(
    { userId: session.user.id, role: session.user.role, orgPath: session.user.orgPath },
    'campaign.manage',
    { orgPath: session.user.orgPath },
  );

  const reload = useCallback(() => {
    listCampaigns(connection).then(setList, setError);
  }, [connection]);
  useEffect(() => {
    if (allowed) reload();
  }, [allowed, reload]);

  if (!allowed) return <p className="card">{t('error_FORBIDDEN')}</p>;

  /** Runs a change; true when it was done (the form then clears), false when refused. */
  const run = async (change: () => Promise<unknown>, done?: string) => {
    setError(null);
    setNotice(null);
    try {
      await change();
      if (done) setNotice(done);
      reload();
      return true;
    } catch (refusal) {
      setError(refusal);
      return false;
    }
  };
  const onCreate = (campaign: NewCampaign) =>
    run(
      () => createCampaign(connection, campaign),
      t('created', { title: localized(campaign.title, i18n.language) }),
    );
  const onStep = (id: string, step: CampaignStep) =>
    void run(() => stepCampaign(connection, id, step));
  const onExtend = (id: string, deadline: string, reason: string) =>
    run(() => extendDeadline(connection, id, { deadline, reason }));

  return (
    <div data-testid="admin-campaigns">
      <h2>{t('title')}</h2>
      {error ? (
        <p className="card banner-error" role="alert" data-testid="campaigns-error">
          {t(errorKey(error))}
        </p>
      ) : null}
      {notice ? (
        <p className="card" role="status" data-testid="campaigns-notice">
          {notice}
        </p>
      ) : null}
      {list === null ? (
        <p className="card muted">{t('loading')}</p>
      ) : (
        <>
          {list.campaigns.length === 0 ? <p className="card muted">{t('none')}</p> : null}
          <ul className="queue-list">
            {list.campaigns.map((campaign) => (
              <CampaignItem
                key={campaign.id}
                campaign={campaign}
                onStep={(step) => onStep(campaign.id, step)}
                onExtend={(deadline, reason) => onExtend(campaign.id, deadline, reason)}
              />
            ))}
          </ul>
          <section className="card" aria-labelledby="campaign-create-title">
            <h2 id="campaign-create-title">{t('createTitle')}</h2>
            {units ? (
              <CampaignForm templates={list.templates} units={units} onCreate={onCreate} />
            ) : null}
          </section>
        </>
      )}
    </div>
  );
}
