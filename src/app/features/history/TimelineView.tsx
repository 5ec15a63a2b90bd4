import { useTranslation } from 'react-i18next';
import { ensureHistoryMessages } from '../../i18n/history';
import type { TimelineEntry } from '../../../shared/history/timeline';
import type { Indicator } from '../../../shared/schemas/template';
import { describeEntry, formatWhen } from './describe-entry';
import type { TimelineState } from './use-timeline';

/** The submission's whole history, newest first: answers, evidence, decisions and comments. */
export function TimelineView({
  state,
  indicatorOf,
}: {
  state: TimelineState;
  indicatorOf: (id: string) => Indicator | undefined;
}) {
  ensureHistoryMessages();
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const newestFirst: TimelineEntry[] = [...state.entries].reverse();
  return (
    <section className="card timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">{t('history.title')}</h2>
      {state.fetchedAt === null ? (
        <p className="muted">
          {state.failure ? t(`history.failure_${state.failure}`) : t('history.loading')}
        </p>
      ) : (
        <>
          {state.failure && (
            <p className="muted" role="status">
              {t('history.stale', { when: formatWhen(state.fetchedAt, language) })}
            </p>
          )}
          {newestFirst.length === 0 && <p className="muted">{t('history.none')}</p>}
          <ol className="timeline-list">
            {newestFirst.map((entry) => (
              <li key={entry.seq} className={`timeline-${entry.kind}`}>
                <div className="timeline-meta">
                  <span>{formatWhen(entry.at, language)}</span> · <span>{entry.by.name}</span>
                  {entry.relayedBy && (
                    <span className="history-relay">
                      {' '}
                      {t('history.relayedBy', { name: entry.relayedBy.name })}
                    </span>
                  )}
                </div>
                <div>{describeEntry(t, entry, indicatorOf, language)}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
