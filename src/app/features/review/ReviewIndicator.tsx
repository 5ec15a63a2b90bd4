import { memo, useState } from 'react';
import type { AnswerEntry } from '../../../shared/history/timeline';
import { AnswerHistory } from '../history/AnswerHistory';
import { useTranslation } from 'react-i18next';
import { SYNC_LIMITS } from '../../../shared/protocol/sync';
import type { Campaign } from '../../../shared/schemas/campaign';
import type { Indicator } from '../../../shared/schemas/template';
import type { IndicatorScore } from '../../../shared/scoring/score';
import type { MinhChungDb } from '../../db/database';
import { localized } from '../../i18n';
import { useFormat } from '../../ui/format';
import { displayAnswer } from '../checklist/refusal';
import type { ReviewEvidence, SubmissionReview } from './records';
import { ReviewEvidenceList } from './ReviewEvidence';
import { ReviewNote } from './ReviewNote';

export interface ReviewIndicatorProps {
  db: MinhChungDb;
  indicator: Indicator;
  answer: { value: unknown; note: unknown } | undefined;
  score: IndicatorScore | undefined;
  evidence: ReviewEvidence[];
  reviews: SubmissionReview[];
  /** Comments on this indicator still on the phone. */
  pendingComments: string[];
  period: Campaign['period'];
  token: string;
  /** Shown when a decision that needs a reason may be taken (return, send back, reopen). */
  reason: string | null;
  onReason: (indicatorId: string, text: string) => void;
  /** Null when the actor may not comment at this status. */
  onComment: ((indicatorId: string, text: string) => Promise<void>) | null;
  /** The answer's changes (who, when, old → new), from the submission's timeline. */
  history: readonly AnswerEntry[];
}

function CommentForm({ id, onSend }: { id: string; onSend: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const fieldId = `comment-${id.replace(/[^a-zA-Z0-9]/g, '-')}`;
  return (
    <details className="review-comment-form review-field">
      <summary>{t('review.commentFor', { id })}</summary>
      <label htmlFor={fieldId} className="visually-hidden">
        {t('review.commentFor', { id })}
      </label>
      <textarea
        id={fieldId}
        value={text}
        maxLength={SYNC_LIMITS.maxText}
        onChange={(event) => setText(event.target.value)}
      />
      <button
        type="button"
        className="secondary small"
        disabled={text.trim() === '' || sending}
        onClick={() => {
          setSending(true);
          void onSend(text)
            .then(() => setText(''))
            .finally(() => setSending(false));
        }}
      >
        {t('review.commentSend')}
      </button>
    </details>
  );
}

/**
 * One indicator under review: the commune's answer and note as the officer sees them, the points
 * they give, the evidence, what was said about it, and the reviewer's own fields. Memoised: typing
 * a reason in one card must not re-render the other twenty-five.
 */
export const ReviewIndicator = memo(function ReviewIndicator({
  db,
  indicator,
  answer,
  score,
  evidence,
  reviews,
  pendingComments,
  period,
  token,
  reason,
  onReason,
  onComment,
  history,
}: ReviewIndicatorProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language;
  const shown = displayAnswer(t, indicator, answer?.value, language);
  const note = typeof answer?.note === 'string' && answer.note.trim() !== '' ? answer.note : null;
  const slug = indicator.id.replace(/[^a-zA-Z0-9]/g, '-');
  return (
    <article
      className="indicator"
      aria-labelledby={`rv-${slug}-title`}
      data-testid={`review-indicator-${indicator.id}`}
    >
      <header className="indicator-head">
        <h3 id={`rv-${slug}-title`}>
          <span className="indicator-id">{indicator.id}</span>{' '}
          {localized(indicator.title, language)}
        </h3>
        <span className="points" data-testid={`review-points-${indicator.id}`}>
          {t('checklist.indicatorPoints', {
            points: format.number(score?.points ?? 0),
            max: format.number(indicator.maxPoints),
          })}
        </span>
      </header>
      <p className="review-answer" data-testid={`review-answer-${indicator.id}`}>
        {t('review.answer')}:{' '}
        {shown === null ? (
          <span className="muted">{t('review.noAnswer')}</span>
        ) : (
          <strong>{shown}</strong>
        )}
      </p>
      {note ? (
        <p className="review-meta">
          {t('review.note')}: {note}
        </p>
      ) : null}
      <ReviewEvidenceList db={db} items={evidence} period={period} token={token} />
      {reviews.map((review) => (
        <ReviewNote key={review.id} review={review} />
      ))}
      {pendingComments.map((text, index) => (
        <p className="review-note" key={`pending-${index}`} role="note">
          {text} <span className="chip">{t('review.commentPending')}</span>
        </p>
      ))}
      {reason !== null ? (
        <div className="review-field">
          <label htmlFor={`reason-${slug}`}>{t('review.reasonFor', { id: indicator.id })}</label>
          <textarea
            id={`reason-${slug}`}
            value={reason}
            maxLength={SYNC_LIMITS.maxText}
            onChange={(event) => onReason(indicator.id, event.target.value)}
          />
        </div>
      ) : null}
      <AnswerHistory entries={history} indicator={indicator} />
      {onComment ? (
        <CommentForm id={indicator.id} onSend={(text) => onComment(indicator.id, text)} />
      ) : null}
    </article>
  );
});
