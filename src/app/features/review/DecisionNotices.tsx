import { useTranslation } from 'react-i18next';
import { refusalText } from '../../i18n/refusal';
import type { InboxStatus } from './inbox';
import type { Comment, Queued, Transition } from './use-review';

/**
 * What happened to the reviewer's own decisions on this phone: waiting to be sent ("chờ gửi")
 * until the server acknowledges them, or refused — said in words, with the status the server
 * holds now (the engine has already put the record back to it) and the reason the reviewer
 * wrote, so nothing typed is lost. The wording comes from the shared refusal sentences; a
 * workflow refusal of a decision gets its own, since it nearly always means someone else decided
 * first.
 */
/** Shown where the decision panel was: the reviewer's eyes are there when they decide. */
export function PendingDecisions({ pending }: { pending: Queued<Transition>[] }) {
  const { t } = useTranslation();
  return pending.map(({ entry, mutation }) => (
    <p
      key={entry.mutationId}
      className="card banner-warn"
      role="status"
      data-testid="decision-pending"
    >
      {t('review.pending', { action: t(`review.action_${mutation.event}`) })}
    </p>
  ));
}

/** Refusals, at the top of the screen: they are news when the reviewer opens the submission. */
export function DecisionNotices({
  status,
  refused,
  refusedComments,
  onDismiss,
}: {
  status: InboxStatus;
  refused: Queued<Transition>[];
  refusedComments: Queued<Comment>[];
  onDismiss: (mutationId: string) => void;
}) {
  const { t } = useTranslation();
  const statusText = t(`review.status_${status}`);
  return (
    <>
      {refused.map(({ entry, mutation }) => {
        const code = entry.rejection?.code;
        const reason =
          code === 'WORKFLOW_VIOLATION' ? t('review.refusedWorkflow') : refusalText(t, code);
        const written = [
          mutation.reason,
          ...(mutation.indicatorReasons ?? []).map((r) => `${r.indicatorId}: ${r.reason}`),
        ].filter(Boolean);
        return (
          <div
            key={entry.mutationId}
            className="card banner-error"
            role="alert"
            data-testid="decision-refused"
          >
            <p title={entry.rejection?.message}>
              {t('review.refused', {
                action: t(`review.action_${mutation.event}`),
                reason,
                status: statusText,
              })}
            </p>
            {written.length > 0 ? (
              <p className="small">{t('review.yourReason', { reason: written.join(' · ') })}</p>
            ) : null}
            <button
              type="button"
              className="secondary small"
              onClick={() => onDismiss(entry.mutationId)}
            >
              {t('refused.dismiss')}
            </button>
          </div>
        );
      })}
      {refusedComments.map(({ entry, mutation }) => (
        <div key={entry.mutationId} className="card banner-error" role="alert">
          <p title={entry.rejection?.message}>
            {t('review.refusedComment', { reason: refusalText(t, entry.rejection?.code) })}
          </p>
          <p className="small">{mutation.text}</p>
          <button
            type="button"
            className="secondary small"
            onClick={() => onDismiss(entry.mutationId)}
          >
            {t('refused.dismiss')}
          </button>
        </div>
      ))}
    </>
  );
}
