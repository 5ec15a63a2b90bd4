import { lazy, Suspense, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { DashboardFigures, UnitFigures } from '../../../shared/reports/figures';
import type { PreviousUnit } from '../../../shared/reports/previous';
import { can } from '../../../shared/permissions/can';
import { submissionIdFor } from '../../../shared/protocol/record-ids';
import { ensureDashboardMessages } from '../../i18n/dashboard';
import { ensureReviewMessages } from '../../i18n/review';
import { localize } from '../../../shared/i18n-text';
import { useServices } from '../../services';
import { useFormat } from '../../ui/format';
import { useDateFormat } from '../../ui/format-date';
import type { Session } from '../auth/session';
import { ExportButtons } from './ExportButtons';
import { FiguresSummary } from './FiguresSummary';
import { useDashboard } from './use-dashboard';
import { useDashboardContext, type DashboardContext } from './use-dashboard-context';
import './dashboard.css';

// Chart.js is the heaviest part of the dashboard and only draws pictures of figures already in
// the tables: it loads after them.
const ScoreCharts = lazy(() => import('./ScoreCharts').then((m) => ({ default: m.ScoreCharts })));
const ProvinceMap = lazy(() => import('./ProvinceMap').then((m) => ({ default: m.ProvinceMap })));

const actorOf = (session: Session, context: DashboardContext) => ({
  userId: session.user.id,
  role: session.user.role,
  orgPath: context.unitsById.get(session.user.orgUnitId)?.path ?? '',
});

function ChildRow(props: {
  figures: UnitFigures;
  name: string;
  maxScore: number;
  submissionLink: string | null;
  /** `?campaign=…` when the address names one: drill-downs stay on that campaign. */
  query: string;
  previous: { unit: PreviousUnit; names: string } | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { figures } = props;
  const value = figures.level === 'commune' ? figures.score : figures.averageScore;
  return (
    <li className="rank-row" data-testid={`rank-row-${figures.unitId}`}>
      <span className="rank-badge">
        {figures.rank === null ? '–' : format.number(figures.rank, 0)}
      </span>
      <span className="rank-main">
        {figures.childIds.length > 0 ? (
          <Link
            to={`/dashboard/${figures.unitId}${props.query}`}
            aria-label={t('dashboard.openUnit', { name: props.name })}
          >
            {props.name}
          </Link>
        ) : (
          <strong>{props.name}</strong>
        )}
        <span className="small muted">
          {value === null
            ? t('dashboard.unranked')
            : t('dashboard.score', {
                score: `${format.number(value)}/${format.number(props.maxScore, 0)}`,
              })}
          {' · '}
          {t('dashboard.sent', { done: figures.submitted, expected: figures.expected })}
        </span>
        {props.previous ? (
          <span className="small muted" data-testid={`previous-${figures.unitId}`}>
            {t('dashboard.previous', {
              names: props.previous.names,
              scored: format.number(props.previous.unit.scored, 0),
              expected: format.number(props.previous.unit.expected, 0),
              sum: format.number(props.previous.unit.scoreSum),
              average:
                props.previous.unit.averageScore === null
                  ? '–'
                  : format.number(props.previous.unit.averageScore),
            })}
          </span>
        ) : null}
        {props.submissionLink ? (
          <Link className="small" to={props.submissionLink}>
            {t('dashboard.openSubmission')}
          </Link>
        ) : null}
        {figures.level === 'commune' ? (
          <Link
            className="small"
            to={`/report/${figures.unitId}${props.query}`}
            aria-label={t('report.openFor', { name: props.name })}
          >
            {t('report.open')}
          </Link>
        ) : null}
      </span>
    </li>
  );
}

function Children(props: {
  figures: DashboardFigures;
  root: UnitFigures;
  context: DashboardContext;
  session: Session;
  query: string;
}) {
  const { t, i18n } = useTranslation();
  const { figures, root, context, session } = props;
  const previousOf = new Map((figures.previous?.units ?? []).map((unit) => [unit.unitId, unit]));
  const byId = new Map(figures.units.map((unit) => [unit.unitId, unit]));
  const children = root.childIds
    .flatMap((id) => byId.get(id) ?? [])
    .sort(
      (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unitId.localeCompare(b.unitId),
    );
  const nameOf = (unit: UnitFigures) => {
    const local = context.unitsById.get(unit.unitId);
    return i18n.language === 'en' && local?.nameEn ? local.nameEn : unit.name;
  };
  const actor = {
    userId: session.user.id,
    role: session.user.role,
    orgPath: context.unitsById.get(session.user.orgUnitId)?.path ?? '',
  };
  return (
    <section className="card" aria-labelledby="ranking-title">
      <h3 id="ranking-title">{t('dashboard.rankingChildren')}</h3>
      <ol className="rank-list">
        {children.map((child) => {
          const path = context.unitsById.get(child.unitId)?.path;
          // The submission itself only for those who may read the work (not viewers).
          const readsWork =
            path !== undefined &&
            child.level === 'commune' &&
            can(actor, 'submission.read', { orgPath: path });
          return (
            <ChildRow
              key={child.unitId}
              figures={child}
              name={nameOf(child)}
              maxScore={figures.maxScore}
              submissionLink={
                readsWork ? `/review/${submissionIdFor(figures.campaignId, child.unitId)}` : null
              }
              query={props.query}
              previous={previousLine(previousOf.get(child.unitId), context, i18n.language)}
            />
          );
        })}
      </ol>
    </section>
  );
}

/** The campaign before, for a commune: the old communes it stands for, by name. */
function previousLine(unit: PreviousUnit | undefined, context: DashboardContext, language: string) {
  if (!unit) return null;
  const names = unit.fromUnitIds
    .map((id) => {
      const local = context.unitsById.get(id);
      return local ? (language === 'en' && local.nameEn ? local.nameEn : local.name) : id;
    })
    .join(' + ');
  return { unit, names };
}

/** Which campaign the figures are of, when more than one involves the scope. */
function CampaignChoice({ context }: { context: DashboardContext }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  if (context.campaigns.length < 2 || !context.campaign) return null;
  return (
    <label className="field small">
      <span>{t('dashboard.campaign')}</span>
      <select
        value={context.campaign.id}
        data-testid="dashboard-campaign"
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.set('campaign', event.target.value);
          setParams(next);
        }}
      >
        {context.campaigns.map((campaign) => (
          <option key={campaign.id} value={campaign.id}>
            {localize(campaign.title, i18n.language === 'en' ? 'en' : 'vi')}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A unit's results for the campaign: the figures the server computed from approved and accepted
 * work, kept on the phone for offline reading; drill down to the units below, and to a commune's
 * submission for those who review it.
 */
export function DashboardScreen({
  session,
  unitId,
}: {
  session: Session;
  unitId?: string | undefined;
}) {
  ensureDashboardMessages();
  ensureReviewMessages();
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const dates = useDateFormat();
  const [params] = useSearchParams();
  const chosen = params.get('campaign');
  const query = chosen ? `?campaign=${encodeURIComponent(chosen)}` : '';
  const context = useDashboardContext(db, session.user.orgUnitId, chosen);
  const scopeUnit = unitId ?? session.user.orgUnitId;
  const campaign = context?.campaign ?? null;
  const state = useDashboard(
    campaign ? { campaignId: campaign.id, unitId: scopeUnit } : null,
    session.token,
  );

  const template = context?.template;
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const pillarTitle = useCallback(
    (pillarId: string) => {
      const pillar = template?.pillars.find((p) => p.id === pillarId);
      return pillar ? localize(pillar.title, language) : pillarId;
    },
    [template, language],
  );

  if (context === undefined || state.cached === undefined)
    return <p className="card muted">{t('dashboard.loading')}</p>;
  if (!campaign) return <p className="card">{t('dashboard.noCampaign')}</p>;
  const figures = state.cached?.figures;
  const root = figures?.units[0];
  const parent = root?.parentId && unitId ? context.unitsById.get(root.parentId) : undefined;
  return (
    <div className="dashboard" data-testid="dashboard">
      {parent &&
      parent.path.startsWith(context.unitsById.get(session.user.orgUnitId)?.path ?? '/') ? (
        <Link
          to={`${parent.id === session.user.orgUnitId ? '/dashboard' : `/dashboard/${parent.id}`}${query}`}
        >
          {t('dashboard.up', { name: parent.fullName ?? parent.name })}
        </Link>
      ) : null}
      {root &&
      !unitId &&
      can(actorOf(session, context), 'nomination.manage', {
        orgPath: context.unitsById.get(root.unitId)?.path ?? '',
      }) ? (
        <p className="card small">
          <Link to="/commendation" data-testid="open-commendation">
            {t('dashboard.commendation')}
          </Link>
        </p>
      ) : null}
      <section className="card">
        <p className="eyebrow">{localize(campaign.title, i18n.language === 'en' ? 'en' : 'vi')}</p>
        <CampaignChoice context={context} />
        <h2 data-testid="dashboard-unit">{root?.name ?? t('dashboard.title')}</h2>
        {state.cached ? (
          <p className="small muted" data-testid="dashboard-as-of">
            {state.failure
              ? t('dashboard.stale', { when: dates.shortDateTime(state.cached.fetchedAt) })
              : t('dashboard.asOf', { when: dates.shortDateTime(state.cached.fetchedAt) })}
          </p>
        ) : state.failure ? (
          <p role="alert">{t(`dashboard.failure_${state.failure}`)}</p>
        ) : (
          <p className="muted">{t('dashboard.loading')}</p>
        )}
        <div className="dashboard-actions">
          <button
            type="button"
            className="secondary small"
            disabled={state.refreshing}
            onClick={state.refresh}
          >
            {t('dashboard.refresh')}
          </button>
          {root ? (
            <Link className="small" to={`/report/${root.unitId}${query}`} data-testid="open-report">
              {t('report.open')}
            </Link>
          ) : null}
        </div>
      </section>
      {figures && root ? (
        <>
          <FiguresSummary figures={figures} root={root} pillarTitle={pillarTitle} />
          <Suspense fallback={<p className="card muted">{t('dashboard.chartLoading')}</p>}>
            <ProvinceMap figures={figures} root={root} />
            <ScoreCharts figures={figures} />
          </Suspense>
          {root.childIds.length > 0 ? (
            <Children
              figures={figures}
              root={root}
              context={context}
              session={session}
              query={query}
            />
          ) : null}
          <ExportButtons
            session={session}
            campaignId={campaign.id}
            unitId={root.unitId}
            orgPath={context.unitsById.get(root.unitId)?.path ?? null}
          />
        </>
      ) : null}
    </div>
  );
}
