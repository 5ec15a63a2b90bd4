import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionScore } from '../../../shared/scoring/score';

/** Submit when complete; otherwise say exactly what is missing. */
export function SubmitPanel({
  score,
  onSubmit,
}: {
  score: SubmissionScore;
  onSubmit: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const unanswered = score.missing.filter((item) => item.reason === 'unanswered');
  const noEvidence = score.missing.filter((item) => item.reason === 'evidence');
  return (
    <section className="card submit-panel">
      {unanswered.length > 0 || noEvidence.length > 0 ? (
        // Folded by default: the list shrinks as answers come in, and at the bottom of the page a
        // shrinking list would scroll everything above it under the officer's finger.
        <details data-testid="missing-summary">
          <summary>
            <h2>{t('checklist.missingTitle')}</h2>
            <span className="muted small">
              {t('checklist.missingCount', { count: unanswered.length + noEvidence.length })}
            </span>
          </summary>
          <ul>
            {unanswered.map((item) => (
              <li key={item.indicatorId}>
                <a href={`#ind-${item.indicatorId.replace(/[^a-zA-Z0-9]/g, '-')}-title`}>
                  {t('checklist.missingUnanswered', { id: item.indicatorId })}
                </a>
              </li>
            ))}
            {noEvidence.map((item) => (
              <li key={item.indicatorId} className="muted">
                {t('checklist.missingEvidence', { id: item.indicatorId })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <button
        type="button"
        disabled={unanswered.length > 0 || submitting}
        onClick={() => {
          if (!window.confirm(t('checklist.submitConfirm'))) return;
          setSubmitting(true);
          void onSubmit().finally(() => setSubmitting(false));
        }}
      >
        {t('checklist.submit')}
      </button>
    </section>
  );
}
