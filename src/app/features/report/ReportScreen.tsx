import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { localize } from '../../../shared/i18n-text';
import { can, type Actor } from '../../../shared/permissions/can';
import { submissionIdFor } from '../../../shared/protocol/record-ids';
import type { UnitFigures } from '../../../shared/reports/figures';
import { ensureDashboardMessages } from '../../i18n/dashboard';
import { ensureReviewMessages } from '../../i18n/review';
import { useServices } from '../../services';
import { useFormat } from '../../ui/format';
import { useDateFormat } from '../../ui/format-date';
import type { Session } from '../auth/session';
import { useDashboard } from '../dashboard/use-dashboard';
import { useDashboardContext } from '../dashboard/use-dashboard-context';
import { useReview } from '../review/use-review';
import {
  ChildrenTable,
  communeStatus,
  IndicatorTable,
  PillarTable,
  SummaryTable,
} from './ReportTables';
import './report.css';

/** A commune's headline: its total, its status, and its rank among its district's communes. */
function CommuneSummary(props: {
  unit: UnitFigures;
  maxScore: number;
  rankIn: { rank: number; count: number; parent: string } | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { unit } = props;
  return (
    <table className="report-table report-summary" data-testid="report-summary">
      <tbody>
        <tr>
          <th scope="row">{t('report.status')}</th>
          <td>{t(`review.status_${communeStatus(unit)}`)}</td>
        </tr>
        <tr>
          <th scope="row">{t('report.score')}</th>
          <td data-testid="report-score">
            {unit.score === null
              ? '–'
              : `${format.number(unit.score)}/${format.number(props.maxScore, 0)}`}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('report.rank')}</th>
          <td data-testid="report-rank">
            {props.rankIn
              ? t('report.rankOf', {
                  rank: props.rankIn.rank,
                  total: props.rankIn.count,
                  parent: props.rankIn.parent,
                })
              : '–'}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('report.evidence')}</th>
          <td>{unit.evidenceCount === null ? '–' : format.number(unit.evidenceCount, 0)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Signature lines: a printed report is signed before it is filed. */
function Signatures() {
  const { t } = useTranslation();
  return (
    <div className="report-signatures">
      <p>
        <strong>{t('report.preparedBy')}</strong>
        <br />
        <em>{t('report.signHint')}</em>
      </p>
      <p>
        <strong>{t('report.head')}</strong>
        <br />
        <em>{t('report.sealHint')}</em>
      </p>
    </div>
  );
}

/**
 * One unit's results on A4 (print stylesheet; the browser's "save as PDF"): a district's or the
 * province's figures and its units ranked, or a commune's total, pillars and rank — and, for those
 * who may read its work, every indicator scored. From the figures on the phone, so it prints
 * offline too.
 */
export function ReportScreen({ session, unitId }: { session: Session; unitId: string }) {
  ensureDashboardMessages();
  ensureReviewMessages();
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const { db } = useServices();
  const dates = useDateFormat();
  const context = useDashboardContext(
    db,
    session.user.orgUnitId,
    new URLSearchParams(useLocation().search).get('campaign'),
  );
  const campaign = context?.campaign ?? null;
  const unit = context?.unitsById.get(unitId);
  const actor: Actor = {
    userId: session.user.id,
    role: session.user.role,
    orgPath: session.user.orgPath,
  };
  const parent = unit?.parentId ? context?.unitsById.get(unit.parentId) : undefined;
  // A commune's rank is among its district's communes: read from the district's figures when
  // this account may read them (a commune officer may not).
  const readsParent =
    unit?.level === 'commune' &&
    parent !== undefined &&
    can(actor, 'report.read', { orgPath: parent.path });
  const own = useDashboard(campaign ? { campaignId: campaign.id, unitId } : null, session.token);
  const above = useDashboard(
    campaign && readsParent && parent ? { campaignId: campaign.id, unitId: parent.id } : null,
    session.token,
  );
  const readsWork =
    unit?.level === 'commune' && can(actor, 'submission.read', { orgPath: unit.path });
  const review = useReview(db, readsWork && campaign ? submissionIdFor(campaign.id, unitId) : '');
  const template = context?.template;
  const pillarTitle = useCallback(
    (pillarId: string) => {
      const pillar = template?.pillars.find((p) => p.id === pillarId);
      return pillar ? localize(pillar.title, language) : pillarId;
    },
    [template, language],
  );
  const nameOf = useCallback(
    (figures: UnitFigures) => {
      const local = context?.unitsById.get(figures.unitId);
      return language === 'en' && local?.nameEn ? local.nameEn : (local?.fullName ?? figures.name);
    },
    [context, language],
  );
  const evidenceCounts = useMemo(
    () =>
      new Map(
        review.kind === 'ready'
          ? [...review.data.evidence].map(([id, items]) => [id, items.length])
          : [],
      ),
    [review],
  );

  const back = (
    <p className="no-print">
      <Link to={unitId === session.user.orgUnitId ? '/dashboard' : `/dashboard/${unitId}`}>
        {t('report.back')}
      </Link>
    </p>
  );
  if (context === undefined || own.cached === undefined)
    return <p className="card muted">{t('dashboard.loading')}</p>;
  if (!campaign || !unit)
    return (
      <div className="card">
        {back}
        <p>{t(campaign ? 'report.unknownUnit' : 'dashboard.noCampaign')}</p>
      </div>
    );
  const figures = own.cached?.figures;
  const root = figures?.units[0];
  const fromAbove = above.cached?.figures;
  const inParent = fromAbove?.units.find((u) => u.unitId === unitId);
  const siblings = fromAbove?.units.filter(
    (u) => u.parentId === parent?.id && u.level === 'commune',
  );
  const rankIn =
    inParent?.rank && siblings && parent
      ? { rank: inParent.rank, count: siblings.length, parent: parent.fullName ?? parent.name }
      : null;
  return (
    <article className="report" data-testid="report">
      {back}
      <div className="no-print report-actions">
        <button type="button" onClick={() => window.print()} data-testid="report-print">
          {t('report.print')}
        </button>
        <p className="small muted">{t('report.printHint')}</p>
      </div>
      <header className="report-header">
        <p className="report-eyebrow">{localize(campaign.title, language)}</p>
        <h1>{t('report.title')}</h1>
        <p className="report-unit" data-testid="report-unit">
          {language === 'en' && unit.nameEn ? unit.nameEn : (unit.fullName ?? unit.name)}
          {parent ? ` — ${parent.fullName ?? parent.name}` : ''}
        </p>
        {own.cached ? (
          <p className="small">
            {t('report.asOf', { when: dates.dateTime(own.cached.fetchedAt) })}
          </p>
        ) : null}
      </header>
      {figures && root ? (
        <>
          <section aria-labelledby="report-summary-title">
            <h2 id="report-summary-title">{t('report.summary')}</h2>
            {unit.level === 'commune' ? (
              <CommuneSummary unit={root} maxScore={figures.maxScore} rankIn={rankIn} />
            ) : (
              <SummaryTable figures={figures} unit={root} />
            )}
          </section>
          <section aria-labelledby="report-pillars-title">
            <h2 id="report-pillars-title">{t('report.pillars')}</h2>
            <PillarTable figures={figures} unit={root} pillarTitle={pillarTitle} />
          </section>
          {root.childIds.length > 0 ? (
            <section aria-labelledby="report-children-title">
              <h2 id="report-children-title">{t('report.children')}</h2>
              <ChildrenTable figures={figures} unit={root} nameOf={nameOf} />
            </section>
          ) : null}
          {review.kind === 'ready' ? (
            <section aria-labelledby="report-indicators-title">
              <h2 id="report-indicators-title">{t('report.indicators')}</h2>
              <IndicatorTable
                template={review.data.template}
                answers={review.data.answers}
                score={review.data.score}
                evidenceCounts={evidenceCounts}
              />
            </section>
          ) : null}
          <Signatures />
          <p className="report-footer small">
            {t('report.footer', { when: dates.dateTime(figures.computedAt) })}
          </p>
        </>
      ) : (
        <p role="alert">
          {own.failure ? t(`dashboard.failure_${own.failure}`) : t('report.noFigures')}
        </p>
      )}
    </article>
  );
}
