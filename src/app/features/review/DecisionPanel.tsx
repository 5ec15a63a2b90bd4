import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SYNC_LIMITS } from '../../../shared/protocol/sync';
import type { DecisionEvent } from '../../../shared/permissions/decisions';
import { requiresReason } from '../../../shared/workflow/state-machine';
import { asksForReason, indicatorReasons, mayTake, type ReasonDraft } from './decision-form';

export type { DecisionEvent };

/**
 * The buttons the permission function allows at this status, and nothing else. A step that needs
 * a reason stays disabled until one is written (here or on an indicator), and says so.
 */
export function DecisionPanel({
  events,
  draft,
  onGeneral,
  onDecide,
}: {
  events: DecisionEvent[];
  draft: ReasonDraft;
  onGeneral: (text: string) => void;
  onDecide: (event: DecisionEvent) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (events.length === 0) return null;
  const perIndicator = indicatorReasons(draft).length;
  const blocked = events.some((event) => !mayTake(event, draft));
  return (
    <section
      className="card decision-panel"
      aria-labelledby="decision-title"
      data-testid="decision-panel"
    >
      <h2 id="decision-title">{t('review.decisionTitle')}</h2>
      {asksForReason(events) ? (
        <div className="review-field">
          <label htmlFor="decision-reason">{t('review.generalReason')}</label>
          <textarea
            id="decision-reason"
            value={draft.general}
            maxLength={SYNC_LIMITS.maxText}
            onChange={(event) => onGeneral(event.target.value)}
          />
          {perIndicator > 0 ? (
            <p className="small" data-testid="reason-count">
              {t('review.reasonCount', { count: perIndicator })}
            </p>
          ) : null}
          {blocked ? (
            <p className="small warn-text" id="reason-needed">
              {t('review.reasonNeeded', {
                actions: events
                  .filter((event) => !mayTake(event, draft))
                  .map((event) => t(`review.action_${event}`).toLocaleLowerCase(i18n.language))
                  .join(', '),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="decision-actions">
        {events.map((event) => {
          const disabled = busy || !mayTake(event, draft);
          return (
            <button
              key={event}
              type="button"
              className={requiresReason(event) ? 'secondary' : undefined}
              data-testid={`decide-${event}`}
              disabled={disabled}
              aria-describedby={!mayTake(event, draft) ? 'reason-needed' : undefined}
              onClick={() => {
                setBusy(true);
                void onDecide(event).finally(() => setBusy(false));
              }}
            >
              {t(`review.action_${event}`)}
            </button>
          );
        })}
      </div>
    </section>
  );
}
