import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedNominationEvents } from '../../../shared/commendation/nomination';
import type { Nomination, PublicComment } from '../../../shared/commendation/schemas';
import { localize } from '../../../shared/i18n-text';
import { commentsOf, moderate, stepNomination, type Connection } from './api';

type Step =
  | { type: 'publish' | 'close' | 'withdraw' }
  | { type: 'decide'; decision: 'approved' | 'rejected' };

/** The buttons a nomination's state allows, from the shared table (decide comes as two). */
function stepsFor(nomination: Nomination): { step: Step; label: string }[] {
  return allowedNominationEvents(nomination.state).flatMap(
    (event): { step: Step; label: string }[] =>
      event === 'decide'
        ? (['approved', 'rejected'] as const).map((decision) => ({
            step: { type: 'decide', decision },
            label: `step_decide_${decision}`,
          }))
        : [{ step: { type: event }, label: `step_${event}` }],
  );
}

/** One proposal: its state, the steps it allows, and the public's comments to moderate. */
export function NominationItem(props: {
  nomination: Nomination;
  unitName: string;
  connection: Connection;
  onChanged: () => void;
  onError: (code: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { nomination, connection, onChanged, onError } = props;
  const [comments, setComments] = useState<PublicComment[]>([]);
  const [busy, setBusy] = useState(false);
  const posted = nomination.state !== 'draft' && nomination.state !== 'withdrawn';

  const loadComments = useCallback(() => {
    if (!posted) return;
    commentsOf(connection, nomination.id).then(setComments, (error: { code?: string }) =>
      onError(error.code ?? 'other'),
    );
  }, [posted, connection, nomination.id, onError]);
  useEffect(loadComments, [loadComments]);

  const run = (action: Promise<unknown>, after: () => void) => {
    setBusy(true);
    action
      .then(after, (error: { code?: string }) => onError(error.code ?? 'other'))
      .finally(() => setBusy(false));
  };
  return (
    <li className="queue-item" data-testid={`nomination-${nomination.id}`}>
      <p className="queue-title">
        {localize(nomination.title, i18n.language === 'en' ? 'en' : 'vi')}
      </p>
      <p>
        {nomination.personName ? `${nomination.personName} — ` : ''}
        {props.unitName}
      </p>
      {nomination.achievement ? <p className="small">{nomination.achievement}</p> : null}
      <p className="small">
        <span className="chip" data-testid="nomination-state">
          {t(`commendation.state_${nomination.state}`)}
        </span>{' '}
        {nomination.commentUntil
          ? t('commendation.until', { date: nomination.commentUntil })
          : null}
        {nomination.decision ? ` · ${t(`commendation.decision_${nomination.decision}`)}` : null}
      </p>
      <div className="export-buttons">
        {stepsFor(nomination).map(({ step, label }) => (
          <button
            key={label}
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => run(stepNomination(connection, nomination.id, step), onChanged)}
          >
            {t(`commendation.${label}` as 'commendation.step_publish')}
          </button>
        ))}
      </div>
      {posted ? (
        <>
          <h4>{t('commendation.comments')}</h4>
          {comments.length === 0 ? (
            <p className="small muted">{t('commendation.noComments')}</p>
          ) : null}
          <ul className="queue-list">
            {comments.map((comment) => (
              <li key={comment.id} className="queue-item" data-testid="public-comment">
                <p>{comment.body}</p>
                <p className="small muted">
                  {comment.authorName ? `${comment.authorName} · ` : ''}
                  {t(`commendation.comment_${comment.state}`)}
                </p>
                {comment.state !== 'shown' ? (
                  <button
                    type="button"
                    className="secondary small"
                    disabled={busy}
                    onClick={() => run(moderate(connection, comment.id, 'shown'), loadComments)}
                  >
                    {t('commendation.show')}
                  </button>
                ) : null}
                {comment.state !== 'hidden' ? (
                  <button
                    type="button"
                    className="secondary small"
                    disabled={busy}
                    onClick={() => run(moderate(connection, comment.id, 'hidden'), loadComments)}
                  >
                    {t('commendation.hide')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </li>
  );
}
