import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Nomination } from '../../../shared/commendation/schemas';
import { ensureCommendationMessages } from '../../i18n/commendation';
import { useServices } from '../../services';
import type { Session } from '../auth/session';
import { useDashboard } from '../dashboard/use-dashboard';
import { useDashboardContext } from '../dashboard/use-dashboard-context';
import { listNominations, proposeNomination, publishResults } from './api';
import { NominationItem } from './NominationItem';

const ERROR_KEYS = ['offline', 'WORKFLOW_VIOLATION', 'VALIDATION_FAILED', 'FORBIDDEN'] as const;
type KnownError = (typeof ERROR_KEYS)[number];
const isKnown = (code: string): code is KnownError =>
  (ERROR_KEYS as readonly string[]).includes(code);
const errorKey = (code: string) => `commendation.error_${isKnown(code) ? code : 'other'}` as const;

/**
 * The province's commendation work, online: publish the campaign's results, propose accepted
 * communes (or their officials) for an award, post the proposals for public comment, moderate the
 * comments, record the council's decision. Every step is checked and audited by the server.
 */
export function CommendationScreen({ session }: { session: Session }) {
  ensureCommendationMessages();
  const { t } = useTranslation();
  const { db, baseUrl } = useServices();
  const connection = useMemo(() => ({ baseUrl, token: session.token }), [baseUrl, session.token]);
  const context = useDashboardContext(db, session.user.orgUnitId, null);
  const campaign = context?.campaign ?? null;
  const dashboard = useDashboard(
    campaign ? { campaignId: campaign.id, unitId: session.user.orgUnitId } : null,
    session.token,
  );
  const [nominations, setNominations] = useState<Nomination[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [publishedAt, setPublishedAt] = useState<string | null>(null);
  const [kind, setKind] = useState<'collective' | 'individual'>('collective');

  const accepted = (dashboard.cached?.figures.units ?? []).filter(
    (unit) => unit.level === 'commune' && unit.statusCounts.accepted > 0,
  );
  const nameOf = (unitId: string) =>
    dashboard.cached?.figures.units.find((unit) => unit.unitId === unitId)?.name ?? unitId;

  const reload = useCallback(() => {
    if (!campaign) return;
    listNominations(connection, campaign.id).then(setNominations, (e: { code?: string }) =>
      setError(e.code ?? 'other'),
    );
  }, [campaign, connection]);
  useEffect(reload, [reload]);

  if (!campaign) return <p className="card muted">{t('dashboard.noCampaign')}</p>;

  const onPropose = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    setError(null);
    proposeNomination(connection, {
      campaignId: campaign.id,
      kind,
      unitId: text('unitId'),
      title: { vi: text('title') },
      ...(kind === 'individual'
        ? { personName: text('personName'), achievement: text('achievement') }
        : {}),
    }).then(reload, (e: { code?: string }) => setError(e.code ?? 'other'));
  };
  const onPublish = () => {
    setError(null);
    publishResults(connection, campaign.id).then(
      (p) => setPublishedAt(p.publishedAt),
      (e: { code?: string }) => setError(e.code ?? 'other'),
    );
  };

  return (
    <div data-testid="commendation">
      {error ? (
        <p className="card banner-error" role="alert" data-testid="commendation-error">
          {t(errorKey(error))}
        </p>
      ) : null}
      <section className="card" aria-labelledby="publish-title">
        <h2 id="publish-title">{t('commendation.publishTitle')}</h2>
        <p className="small">{t('commendation.publishHelp')}</p>
        <button type="button" onClick={onPublish} data-testid="publish-results">
          {t('commendation.publish')}
        </button>
        {publishedAt ? (
          <p role="status">
            {t('commendation.published', { when: new Date(publishedAt).toLocaleString() })}
          </p>
        ) : null}
        <p>
          <a href={`/public/${encodeURIComponent(campaign.id)}`} target="_blank" rel="noopener">
            {t('commendation.publicPage')}
          </a>
        </p>
      </section>
      <section className="card" aria-labelledby="propose-title">
        <h2 id="propose-title">{t('commendation.proposeTitle')}</h2>
        <p className="small">{t('commendation.proposeHelp')}</p>
        {accepted.length === 0 ? (
          <p className="muted">{t('commendation.noAccepted')}</p>
        ) : (
          <form onSubmit={onPropose}>
            <label className="field">
              <span>{t('commendation.kind')}</span>
              <select
                value={kind}
                onChange={(e) =>
                  setKind(e.target.value === 'individual' ? 'individual' : 'collective')
                }
              >
                <option value="collective">{t('commendation.kind_collective')}</option>
                <option value="individual">{t('commendation.kind_individual')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('commendation.unit')}</span>
              <select name="unitId">
                {accepted.map((unit) => (
                  <option key={unit.unitId} value={unit.unitId}>
                    {unit.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('commendation.awardTitle')}</span>
              <input name="title" required maxLength={200} />
            </label>
            {kind === 'individual' ? (
              <>
                <label className="field">
                  <span>{t('commendation.personName')}</span>
                  <input name="personName" required maxLength={200} />
                </label>
                <label className="field">
                  <span>{t('commendation.achievement')}</span>
                  <textarea name="achievement" required maxLength={1000} rows={3} />
                </label>
              </>
            ) : null}
            <button type="submit">{t('commendation.propose')}</button>
          </form>
        )}
      </section>
      <section className="card" aria-labelledby="nominations-title">
        <h2 id="nominations-title">{t('commendation.listTitle')}</h2>
        {nominations.length === 0 ? <p className="muted">{t('commendation.none')}</p> : null}
        <ul className="queue-list">
          {nominations.map((nomination) => (
            <NominationItem
              key={nomination.id}
              nomination={nomination}
              unitName={nameOf(nomination.unitId)}
              connection={connection}
              onChanged={reload}
              onError={setError}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}
