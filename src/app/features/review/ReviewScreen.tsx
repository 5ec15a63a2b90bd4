import { useCallback, useMemo, useState } from 'react';
import type { AnswerEntry } from '../../../shared/history/timeline';
import { useTranslation } from 'react-i18next';
import { can, type Target } from '../../../shared/permissions/can';
import { decisionsAt, EVENT_OF_DECISION } from '../../../shared/permissions/decisions';
import { localized } from '../../i18n';
import { ensureReviewMessages } from '../../i18n/review';
import { useServices } from '../../services';
import { useFormat } from '../../ui/format';
import { AppLink } from '../../ui/navigation';
import type { Session } from '../auth/session';
import { unitDisplayName } from '../checklist/unit-names';
import { ChangesSince } from '../history/ChangesSince';
import { TimelineView } from '../history/TimelineView';
import { useTimeline } from '../history/use-timeline';
import { asksForReason, indicatorReasons, type ReasonDraft } from './decision-form';
import { DecisionNotices, PendingDecisions } from './DecisionNotices';
import { DecisionPanel, type DecisionEvent } from './DecisionPanel';
import { comment, decide, dismissRefusal } from './repository';
import { ReviewIndicator } from './ReviewIndicator';
import { ReviewNote } from './ReviewNote';
import { useReview, type ReviewData } from './use-review';
import './review.css';

/** One empty array for every card without items, so memoised cards see an unchanged prop. */
const NONE: never[] = [];

function Summary({ data }: { data: ReviewData }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { score } = data;
  return (
    <section className="card summary" aria-labelledby="review-unit">
      <p className="eyebrow">{localized(data.campaign.title, i18n.language)}</p>
      <h2 id="review-unit">{unitDisplayName(data.unit, i18n.language)}</h2>
      <p>
        <span className={`status status-${data.status}`} data-testid="review-status">
          {t(`review.status_${data.status}`)}
        </span>
        {data.pendingDecisions.length > 0 ? (
          <>
            {' '}
            <span className="chip" data-testid="review-waiting">
              {t('review.waiting')}
            </span>
          </>
        ) : null}
      </p>
      <p data-testid="review-completeness">
        {t('checklist.progress', {
          answered: format.number(score.answeredCount),
          required: format.number(score.requiredCount),
        })}
      </p>
      <p className="total" data-testid="review-score">
        {t('checklist.score', {
          points: format.number(score.total),
          max: format.number(score.maxScore),
        })}
      </p>
    </section>
  );
}

export function ReviewScreen({
  session,
  submissionId,
}: {
  session: Session;
  submissionId: string;
}) {
  ensureReviewMessages();
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const format = useFormat();
  const state = useReview(db, submissionId);
  // The history (answers old → new, decisions, what changed since a return) from the audit trail,
  // kept on the phone; a new status or review brings a fresh copy when online.
  const timeline = useTimeline(
    submissionId,
    session.token,
    state.kind === 'ready' ? `${state.data.status}:${state.data.reviews.length}` : '',
  );
  const historyByIndicator = useMemo(() => {
    const byIndicator = new Map<string, AnswerEntry[]>();
    for (const entry of timeline.entries)
      if (entry.kind === 'answer')
        byIndicator.set(entry.indicatorId, [...(byIndicator.get(entry.indicatorId) ?? []), entry]);
    return byIndicator;
  }, [timeline.entries]);
  const [general, setGeneral] = useState('');
  const [perIndicator, setPerIndicator] = useState<ReadonlyMap<string, string>>(new Map());
  const onReason = useCallback(
    (indicatorId: string, text: string) =>
      setPerIndicator((previous) => new Map(previous).set(indicatorId, text)),
    [],
  );
  const actor = {
    userId: session.user.id,
    role: session.user.role,
    orgPath: session.user.orgPath,
  };
  const mayComment =
    state.kind === 'ready' &&
    state.data.status !== 'notStarted' &&
    can(actor, 'review.comment', { orgPath: state.data.unit.path, status: state.data.status });
  const onComment = useCallback(
    (indicatorId: string, text: string) => comment(db, actor, { submissionId, indicatorId, text }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the actor is the stable session user
    [db, submissionId, session.user.id],
  );

  const back = (
    <AppLink to="/" className="review-back">
      {t('review.back')}
    </AppLink>
  );
  if (state.kind === 'loading') return <p className="card muted">{t('review.loading')}</p>;
  if (state.kind === 'none')
    return (
      <div data-testid="review-screen">
        {back}
        <p className="card">{t('review.notFound')}</p>
      </div>
    );
  const { data } = state;
  const target: Target = {
    orgPath: data.unit.path,
    status: data.status === 'notStarted' ? undefined : data.status,
    campaignStatus: data.campaign.status,
  };
  // Buttons come from the permission function the server enforces, for this status only.
  const events = (data.status === 'notStarted' ? [] : decisionsAt(actor, target)).map(
    (action) => EVENT_OF_DECISION[action],
  );
  const draft: ReasonDraft = { general, perIndicator };
  const indicatorOf = (id: string) =>
    data.template.pillars.flatMap((pillar) => pillar.indicators).find((item) => item.id === id);
  const withReasons = asksForReason(events);
  const unitName = unitDisplayName(data.unit, i18n.language);

  const onDecide = async (event: DecisionEvent) => {
    const question = t('review.confirm', {
      action: t(`review.action_${event}`),
      unit: unitName,
      points: format.number(data.score.total),
      max: format.number(data.score.maxScore),
    });
    if (!window.confirm(question)) return;
    await decide(db, actor, {
      submissionId,
      event,
      reason: withReasons ? general : undefined,
      indicatorReasons: withReasons ? indicatorReasons(draft) : undefined,
    });
    setGeneral('');
    setPerIndicator(new Map());
  };

  return (
    <div className="review" data-testid="review-screen">
      {back}
      <Summary data={data} />
      <DecisionNotices
        status={data.status}
        refused={data.refusedDecisions}
        refusedComments={data.refusedComments}
        onDismiss={(mutationId) => void dismissRefusal(db, mutationId)}
      />
      <ChangesSince entries={timeline.entries} indicatorOf={indicatorOf} />
      {data.template.pillars.map((pillar) => (
        <section className="pillar" key={pillar.id} aria-labelledby={`rv-pillar-${pillar.id}`}>
          <h2 id={`rv-pillar-${pillar.id}`} className="pillar-head">
            <span>{localized(pillar.title, i18n.language)}</span>
          </h2>
          {pillar.indicators.map((indicator) => (
            <ReviewIndicator
              key={indicator.id}
              db={db}
              indicator={indicator}
              answer={data.answers.get(indicator.id)}
              score={data.score.indicators[indicator.id]}
              evidence={data.evidence.get(indicator.id) ?? NONE}
              reviews={data.reviewsByIndicator.get(indicator.id) ?? NONE}
              pendingComments={data.pendingCommentsByIndicator.get(indicator.id) ?? NONE}
              period={data.campaign.period}
              token={session.token}
              reason={withReasons ? (perIndicator.get(indicator.id) ?? '') : null}
              onReason={onReason}
              onComment={mayComment ? onComment : null}
              history={historyByIndicator.get(indicator.id) ?? NONE}
            />
          ))}
        </section>
      ))}
      <PendingDecisions pending={data.pendingDecisions} />
      <DecisionPanel events={events} draft={draft} onGeneral={setGeneral} onDecide={onDecide} />
      {events.length === 0 && data.pendingDecisions.length === 0 ? (
        <p className="card muted" data-testid="no-decision">
          {t('review.noDecision')}
        </p>
      ) : null}
      <GeneralReviews data={data} />
      <TimelineView state={timeline} indicatorOf={indicatorOf} />
    </div>
  );
}

/** Decisions and comments about the submission as a whole, newest first. */
function GeneralReviews({ data }: { data: ReviewData }) {
  const { t } = useTranslation();
  const general = data.reviews.filter((review) => !review.indicatorId);
  if (general.length === 0) return null;
  return (
    <section className="card" aria-labelledby="review-history">
      <h2 id="review-history">{t('review.history')}</h2>
      {general.map((review) => (
        <ReviewNote key={review.id} review={review} />
      ))}
    </section>
  );
}
