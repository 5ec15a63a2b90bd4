import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureHistoryMessages } from '../../i18n/history';
import { changesSinceLastReturn, type TimelineEntry } from '../../../shared/history/timeline';
import type { Indicator } from '../../../shared/schemas/template';
import { changeText, formatWhen } from './describe-entry';

/**
 * For the reviewer of a resubmitted submission: what the commune changed since it was returned —
 * answers (old → new) and photos added or removed, indicator by indicator. Nothing when the
 * submission was never returned.
 */
export function ChangesSince({
  entries,
  indicatorOf,
}: {
  entries: readonly TimelineEntry[];
  indicatorOf: (id: string) => Indicator | undefined;
}) {
  ensureHistoryMessages();
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const changes = useMemo(() => changesSinceLastReturn(entries), [entries]);
  if (!changes) return null;
  const { returned } = changes;
  return (
    <section className="card changes-since" data-testid="changes-since" aria-live="polite">
      <h2>
        {t('history.changesSinceTitle', {
          when: formatWhen(returned.at, language),
          name: returned.by.name,
        })}
      </h2>
      {changes.indicators.length === 0 ? (
        <p>{t('history.changesNone')}</p>
      ) : (
        <ul>
          {changes.indicators.map((item) => {
            const indicator = indicatorOf(item.indicatorId);
            const parts = [
              item.value && changeText(t, indicator, item.value, language),
              item.note &&
                t('history.noteChange', { change: changeText(t, undefined, item.note, language) }),
              item.evidenceAdded.length > 0 &&
                t('history.photosAdded', { count: item.evidenceAdded.length }),
              item.evidenceRemoved.length > 0 &&
                t('history.photosRemoved', { count: item.evidenceRemoved.length }),
              item.evidenceCaptioned.length > 0 &&
                t('history.photosCaptioned', { count: item.evidenceCaptioned.length }),
            ].filter(Boolean);
            return (
              <li key={item.indicatorId} data-testid={`changed-${item.indicatorId}`}>
                <strong>{item.indicatorId}</strong> {parts.join(' · ')}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
