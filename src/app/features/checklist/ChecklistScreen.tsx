import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Target } from '../../../shared/permissions/can';
import { localized } from '../../i18n';
import { refusalText } from '../../i18n/refusal';
import { useServices } from '../../services';
import { useFormat } from '../../ui/format';
import { AppLink } from '../../ui/navigation';
import type { Session } from '../auth/session';
import { EvidenceGallery } from '../evidence/EvidenceGallery';
import { answerHistory } from '../../../shared/history/timeline';
import { AnswerHistory } from '../history/AnswerHistory';
import { TimelineView } from '../history/TimelineView';
import { useTimeline } from '../history/use-timeline';
import { CampaignChooser } from './CampaignChooser';
import { IndicatorCard } from './IndicatorCard';
import { dismissRefusal, saveAnswer, submitChecklist } from './repository';
import { PillarJump } from './PillarJump';
import { ScoreSummary } from './ScoreSummary';
import { SubmitPanel } from './SubmitPanel';
import { useUnitNames } from './unit-names';
import { flushPendingAnswers } from './use-autosave';
import { NO_ANSWER, useChecklist } from './use-checklist';

export function ChecklistScreen({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const state = useChecklist(db, session.user.orgUnitId);
  const format = useFormat();
  const actor = { userId: session.user.id };
  const submissionId = state.kind === 'ready' ? state.data.submissionId : '';
  // A workflow step or a new reviewer's note means new history on the server.
  const historyVersion =
    state.kind === 'ready' ? `${state.data.status}:${state.data.reviews.length}` : '';
  const timeline = useTimeline(submissionId, submissionId ? session.token : null, historyVersion);
  const onSave = useCallback(
    (indicatorId: string, fields: { value?: unknown; note?: string | null }) =>
      saveAnswer(db, actor, submissionId, indicatorId, fields),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- actor is derived from the stable session id
    [db, session.user.id, submissionId],
  );
  const names = useUnitNames(
    db,
    session.user.orgUnitId,
    state.kind === 'ready' ? state.data.unitName : '',
  );
  // Submitted on the phone is not submitted on the server: the submit waits in the outbox until
  // a sync round acknowledges it, and the panel says which of the two is true.
  const submitWaiting = useLiveQuery(
    async () =>
      (await db.outbox.where('state').equals('pending').toArray()).some(
        (entry) =>
          entry.mutation.type === 'submission.transition' &&
          entry.mutation.submissionId === submissionId &&
          entry.mutation.event === 'submit',
      ),
    [db, submissionId],
  );

  if (state.kind === 'loading') return <p className="card muted">{t('checklist.loading')}</p>;
  if (state.kind === 'none') return <p className="card">{t('checklist.noCampaign')}</p>;
  const { data } = state;
  // What the screen offers comes from the shared permission function the server enforces.
  const permissions = {
    userId: session.user.id,
    role: session.user.role,
    orgPath: session.user.orgPath,
  };
  const target: Target = {
    orgPath: session.user.orgPath,
    status: data.status,
    campaignStatus: data.campaign.status,
  };
  const editable = can(permissions, 'answer.write', target);
  const mayAddEvidence = can(permissions, 'evidence.write', target);
  const maySubmit = can(permissions, 'submission.submit', target);
  const language = i18n.language;
  const indicatorsById = new Map(
    data.template.pillars.flatMap((pillar) => pillar.indicators.map((item) => [item.id, item])),
  );

  return (
    <div className="checklist">
      <ScoreSummary
        score={data.score}
        status={data.status}
        unitName={names.unit}
        campaignTitle={localized(data.campaign.title, language)}
        footer={
          <p className="small">
            <AppLink to={`/report/${session.user.orgUnitId}`} data-testid="open-own-report">
              {t('checklist.printReport')}
            </AppLink>
          </p>
        }
      />
      <CampaignChooser campaign={data.campaign} choices={data.choices} />
      {data.status === 'returned' ? (
        <div className="card banner-warn" role="alert" data-testid="returned-banner">
          <p>{t('checklist.returnedBanner')}</p>
          {/* Reasons given for the submission as a whole (not tied to one indicator), newest first. */}
          {data.reviews
            .filter(
              (review) =>
                !review.indicatorId &&
                review.reason &&
                (review.decision === 'return' || review.decision === 'reopen'),
            )
            .slice(0, 3)
            .map((review) => (
              <p className="review-note" key={review.id}>
                <strong>{t('checklist.reviewerSays', { name: review.byName ?? '' })}:</strong>{' '}
                {review.reason}
              </p>
            ))}
        </div>
      ) : null}
      {!editable ? (
        <p className="card muted" data-testid="locked">
          {data.campaign.status !== 'open'
            ? t('checklist.lockedCampaignClosed')
            : data.status === 'accepted'
              ? t('checklist.lockedAccepted')
              : t('checklist.locked')}
        </p>
      ) : null}
      {data.rejections
        .filter((entry) => entry.mutation.type !== 'answer.set')
        .map((entry) => (
          <div className="card banner-error" role="alert" key={entry.mutationId}>
            <p title={entry.rejection?.message}>
              {t('checklist.rejectedChange', { message: refusalText(t, entry.rejection?.code) })}
            </p>
            <button
              type="button"
              className="secondary small"
              onClick={() => void dismissRefusal(db, entry.mutationId)}
            >
              {t('refused.dismiss')}
            </button>
          </div>
        ))}
      <PillarJump pillars={data.template.pillars} />
      {data.template.pillars.map((pillar, index) => {
        const pillarScore = data.score.pillars[index];
        return (
          <section className="pillar" key={pillar.id} aria-labelledby={`pillar-${pillar.id}`}>
            <h2 id={`pillar-${pillar.id}`} className="pillar-head">
              <span>{localized(pillar.title, language)}</span>
              <span className="points">
                {t('checklist.pillarScore', {
                  points: format.number(pillarScore?.points ?? 0),
                  max: format.number(pillar.maxPoints),
                })}
              </span>
            </h2>
            {pillar.indicators.map((indicator) => (
              <IndicatorCard
                key={indicator.id}
                indicator={indicator}
                stored={data.answers.get(indicator.id) ?? NO_ANSWER}
                evidence={data.evidence.get(indicator.id) ?? []}
                score={data.score.indicators[indicator.id]}
                reviews={data.reviews.filter(
                  (review) => review.indicatorId === indicator.id && review.reason,
                )}
                editable={editable}
                refusals={data.rejections.filter(
                  (entry) =>
                    entry.mutation.type === 'answer.set' &&
                    entry.mutation.indicatorId === indicator.id,
                )}
                onDismissRefusal={(mutationId) => void dismissRefusal(db, mutationId)}
                onSave={onSave}
              >
                <EvidenceGallery
                  db={db}
                  target={{
                    userId: session.user.id,
                    submissionId: data.submissionId,
                    indicatorId: indicator.id,
                  }}
                  items={data.evidence.get(indicator.id) ?? []}
                  editable={mayAddEvidence}
                />
                <AnswerHistory
                  entries={answerHistory(timeline.entries, indicator.id)}
                  indicator={indicator}
                />
              </IndicatorCard>
            ))}
          </section>
        );
      })}
      {maySubmit || (data.status === 'submitted' && submitWaiting !== undefined) ? (
        <SubmitPanel
          score={data.score}
          state={editable ? { kind: 'editable' } : { kind: 'submitted', onServer: !submitWaiting }}
          reviewer={names.reviewer}
          onSubmit={async () => {
            // What is still typed goes first: queued after the submit, the server would refuse it.
            await flushPendingAnswers();
            await submitChecklist(db, actor, data.submissionId);
          }}
        />
      ) : null}
      <TimelineView state={timeline} indicatorOf={(id) => indicatorsById.get(id)} />
    </div>
  );
}
