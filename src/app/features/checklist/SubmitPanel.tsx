import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionScore } from '../../../shared/scoring/score';
import { useFormat } from '../../ui/format';

/**
 * One state at a time, and every sentence agrees with the button:
 * - unanswered indicators: the button is disabled and the panel says why and what to do;
 * - all answered: the button is enabled; indicators without evidence are listed as scoring 0,
 *   and the confirmation repeats the score and names them before anything is sent;
 * - submitted: whether the submit is still in this phone's outbox or the server has it.
 * Missing evidence never blocks (a commune may honestly have none), but it is never a surprise.
 */
export type SubmitPanelState = { kind: 'editable' } | { kind: 'submitted'; onServer: boolean };

export function anchorOf(indicatorId: string): string {
  return `#ind-${indicatorId.replace(/[^a-zA-Z0-9]/g, '-')}-title`;
}

function MissingList({ score }: { score: SubmissionScore }) {
  const { t } = useTranslation();
  if (score.missing.length === 0) return null;
  return (
    // Folded by default: the list shrinks as answers come in, and at the bottom of the page a
    // shrinking list would scroll everything above it under the officer's finger.
    <details data-testid="missing-summary">
      <summary>
        <h2>{t('checklist.missingTitle')}</h2>
        <span className="muted small">
          {t('checklist.missingCount', { count: score.missing.length })}
        </span>
      </summary>
      <ul>
        {score.missing.map((item) => (
          <li key={item.indicatorId} className={item.reason === 'evidence' ? 'muted' : undefined}>
            <a href={anchorOf(item.indicatorId)}>
              {item.reason === 'unanswered'
                ? t('checklist.missingUnanswered', { id: item.indicatorId })
                : t('checklist.missingEvidence', { id: item.indicatorId })}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SubmitPanel({
  score,
  state,
  reviewer,
  onSubmit,
}: {
  score: SubmissionScore;
  state: SubmitPanelState;
  /** The reviewing unit's name for a sentence ("UBND huyện Bác Ái"); null if not on the phone. */
  reviewer: string | null;
  onSubmit: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [submitting, setSubmitting] = useState(false);
  const unanswered = score.missing.filter((item) => item.reason === 'unanswered');
  const noEvidence = score.missing.filter((item) => item.reason === 'evidence');
  const unit = reviewer ?? t('checklist.submitToParent');
  const scoreText = { points: format.number(score.total), max: format.number(score.maxScore) };

  if (state.kind === 'submitted') {
    return (
      <section className="card submit-panel" data-testid="submit-panel" data-state="submitted">
        <p
          role="status"
          className={state.onServer ? 'ok-text' : 'warn-text'}
          data-testid="submit-state"
        >
          {state.onServer
            ? reviewer
              ? t('checklist.submitOnServer', { unit: reviewer })
              : t('checklist.submitOnServerParent')
            : t('checklist.submitPending')}
        </p>
      </section>
    );
  }

  const confirmText = () =>
    [
      reviewer ? t('checklist.submitConfirm', { unit }) : t('checklist.submitToParent'),
      t('checklist.submitConfirmScore', scoreText),
      noEvidence.length > 0
        ? t('checklist.submitConfirmZero', {
            count: noEvidence.length,
            ids: noEvidence.map((item) => item.indicatorId).join(', '),
          })
        : null,
      t('checklist.submitConfirmLock'),
    ]
      .filter((line) => line !== null)
      .join('\n\n');

  const blocked = unanswered.length > 0;
  return (
    <section
      className="card submit-panel"
      data-testid="submit-panel"
      data-state={blocked ? 'incomplete' : 'ready'}
    >
      <p data-testid="submit-state" className={blocked ? 'warn-text' : undefined}>
        {blocked
          ? t('checklist.submitBlocked', { count: unanswered.length })
          : t('checklist.submitReady', scoreText)}
      </p>
      {!blocked && noEvidence.length > 0 ? (
        <p className="warn-text" data-testid="zero-warning">
          {t('checklist.zeroWarning', { count: noEvidence.length })}
        </p>
      ) : null}
      <MissingList score={score} />
      <button
        type="button"
        data-testid="submit-button"
        disabled={blocked || submitting}
        onClick={() => {
          if (!window.confirm(confirmText())) return;
          setSubmitting(true);
          void onSubmit().finally(() => setSubmitting(false));
        }}
      >
        {reviewer ? t('checklist.submitTo', { unit: reviewer }) : t('checklist.submitToParent')}
      </button>
    </section>
  );
}
