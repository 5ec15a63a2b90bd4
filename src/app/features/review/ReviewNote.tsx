import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../ui/format-date';
import type { SubmissionReview } from './records';

const KNOWN_DECISIONS = ['return', 'approve', 'accept', 'sendBack', 'reopen', 'comment', 'submit'];
type KnownDecision = 'return' | 'approve' | 'accept' | 'sendBack' | 'reopen' | 'comment' | 'submit';
const isKnown = (decision: string): decision is KnownDecision => KNOWN_DECISIONS.includes(decision);

/** A recorded decision or comment: what, who, when, and the reason when there is one. */
export function ReviewNote({ review }: { review: SubmissionReview }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  const decision = isKnown(review.decision)
    ? t(`review.decision_${review.decision}`)
    : review.decision;
  return (
    <div className="review-note" role="note" data-testid="review-note">
      <p className="review-meta">
        {t('review.reviewBy', {
          decision,
          name: review.byName ?? '',
          time: dates.dateTime(review.at),
        })}
      </p>
      {review.reason ? <p>{review.reason}</p> : null}
    </div>
  );
}
