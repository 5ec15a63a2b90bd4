import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useDateFormat } from '../../ui/format-date';
import { AppLink } from '../../ui/navigation';
import { daysToDeadline, owesWork, type InboxRow } from './inbox';

/** How the deadline concerns this unit: days left or overdue while it owes work, else when sent. */
function DeadlineText({ row, deadline, now }: { row: InboxRow; deadline: string; now: number }) {
  const { t } = useTranslation();
  const dates = useDateFormat();
  if (!owesWork(row.status)) {
    return row.submittedAt ? (
      <span>{t('review.submittedAt', { time: dates.shortDateTime(row.submittedAt) })}</span>
    ) : null;
  }
  const days = daysToDeadline(deadline, now);
  const text =
    days > 0
      ? t('review.daysLeft', { count: days })
      : days < 0
        ? t('review.overdue', { count: -days })
        : t('review.dueToday');
  return <span className={days < 0 ? 'warn-text' : undefined}>{text}</span>;
}

export function reviewPath(submissionId: string): string {
  return `/review/${encodeURIComponent(submissionId)}`;
}

/** One unit of the inbox: name and status first (what a thumb scrolls past), figures below. */
export function InboxRowItem({
  row,
  deadline,
  now,
}: {
  row: InboxRow;
  deadline: string;
  now: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const dates = useDateFormat();
  const name =
    row.status === 'notStarted' ? (
      <span className="inbox-name">{row.name}</span>
    ) : (
      <AppLink
        className="inbox-name"
        to={reviewPath(row.submissionId)}
        aria-label={t('review.open', { name: row.name })}
      >
        {row.name}
      </AppLink>
    );
  return (
    <li className="inbox-row" data-testid={`inbox-row-${row.unitId}`} data-status={row.status}>
      <div className="inbox-row-head">
        {name}
        <span className="inbox-badges">
          {row.waiting ? (
            <span className="chip" data-testid="inbox-waiting">
              {t('review.waiting')}
            </span>
          ) : null}
          <span className={`status status-${row.status}`} data-testid="inbox-status">
            {t(`review.status_${row.status}`)}
          </span>
        </span>
      </div>
      <p className="inbox-figures small">
        <span data-testid="inbox-completeness">
          {t('review.completeness', {
            answered: format.number(row.answered),
            required: format.number(row.required),
          })}
        </span>
        {' · '}
        <span data-testid="inbox-score">
          {t('review.points', {
            points: format.number(row.score),
            max: format.number(row.maxScore),
          })}
        </span>
        {' · '}
        <span data-testid="inbox-evidence">{t('review.evidence', { count: row.evidence })}</span>
      </p>
      <p className="inbox-figures small muted">
        <span>
          {row.lastUpdate
            ? t('review.updated', { time: dates.shortDateTime(row.lastUpdate) })
            : t('review.neverUpdated')}
        </span>
        {' · '}
        <DeadlineText row={row} deadline={deadline} now={now} />
      </p>
    </li>
  );
}
