import { useTranslation } from 'react-i18next';
import { ensureHistoryMessages } from '../../i18n/history';
import type { AnswerEntry } from '../../../shared/history/timeline';
import type { Indicator } from '../../../shared/schemas/template';
import { changeText, formatWhen } from './describe-entry';

/** Under an answer: who changed it, when, and from what to what — oldest first, folded away. */
export function AnswerHistory({
  entries,
  indicator,
}: {
  entries: readonly AnswerEntry[];
  indicator: Indicator;
}) {
  ensureHistoryMessages();
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return null;
  const language = i18n.language;
  return (
    <details className="answer-history" data-testid={`history-${indicator.id}`}>
      <summary>{t('history.summary', { count: entries.length })}</summary>
      <ol>
        {entries.map((entry) => (
          <li key={entry.seq}>
            <span className="history-when">{formatWhen(entry.at, language)}</span>{' '}
            <span className="history-who">{entry.by.name}</span>
            {entry.relayedBy && (
              <span className="history-relay">
                {' '}
                {t('history.relayedBy', { name: entry.relayedBy.name })}
              </span>
            )}
            {': '}
            {entry.value && changeText(t, indicator, entry.value, language)}
            {entry.value && entry.note && '; '}
            {entry.note &&
              t('history.noteChange', { change: changeText(t, undefined, entry.note, language) })}
          </li>
        ))}
      </ol>
    </details>
  );
}
