import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionStatus } from '../../../shared/schemas/submission';
import type { SubmissionScore } from '../../../shared/scoring/score';
import { useFormat } from '../../ui/format';

export function ScoreSummary({
  score,
  status,
  unitName,
  campaignTitle,
  footer,
}: {
  score: SubmissionScore;
  status: SubmissionStatus;
  unitName: string;
  campaignTitle: string;
  /** Shown under the figures (the link to the printable report). */
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent =
    score.requiredCount === 0 ? 0 : Math.round((score.answeredCount / score.requiredCount) * 100);
  return (
    <section className="card summary" aria-label={t('checklist.title')}>
      <p className="eyebrow">{campaignTitle}</p>
      <h2>{unitName}</h2>
      <p>
        <span className={`status status-${status}`} data-testid="submission-status">
          {t(`checklist.status_${status}`)}
        </span>
      </p>
      <p data-testid="progress">
        {t('checklist.progress', {
          answered: format.number(score.answeredCount),
          required: format.number(score.requiredCount),
        })}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="total" data-testid="total-score">
        {t('checklist.score', {
          points: format.number(score.total),
          max: format.number(score.maxScore),
        })}
      </p>
      {footer}
    </section>
  );
}
