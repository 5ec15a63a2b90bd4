import type { TFunction } from 'i18next';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinhChungDb } from '../../db/database';
import {
  syncPhase,
  uploadPercent,
  type SyncController,
  type SyncPhase,
  type SyncStatus,
} from '../../sync/controller';
import { formatBytes } from '../../ui/format';

type Translate = TFunction;

/** One short line: it is cut, not wrapped, and at 360 px about 18 characters show, so what
 * matters (the state, the retry time) comes first and any explanation after it. */
function headlineOf(
  phase: SyncPhase,
  status: SyncStatus,
  t: Translate,
  time: (ms: number) => string,
): string {
  switch (phase.kind) {
    case 'blocked':
      if (phase.reason === 'outdated') return t('sync.outdated');
      return t('auth.sessionEnded');
    case 'paused':
      return t('sync.paused');
    case 'syncing': {
      const percent = uploadPercent(status.progress);
      return percent !== null && (status.work?.photos ?? 0) > 0
        ? t('sync.uploading', { percent: String(percent) })
        : t('sync.syncing');
    }
    case 'retrying':
      return t(phase.offline ? 'sync.offlineRetry' : 'sync.waiting', {
        time: time(phase.retryAt),
      });
    case 'offline':
      return t('sync.offline');
    case 'pending':
      return t('sync.notYet');
    case 'synced':
      return t('sync.synced', { time: time(phase.at) });
    case 'never':
      return t('sync.never');
  }
}

/** What waits, changes first: at 360 px the end of the line is what gets cut. */
function detailOf(status: SyncStatus, t: Translate, language: string): string {
  const work = status.work;
  if (!work) return '';
  const parts: string[] = [];
  if (work.changes > 0) parts.push(t('sync.pending', { count: work.changes }));
  if (work.photos > 0)
    parts.push(
      t('sync.photosPending', {
        count: work.photos,
        size: formatBytes(work.photoBytes, language),
      }),
    );
  if (status.prefetch && status.prefetch.total > 0)
    parts.push(t('sync.prefetch', { done: status.prefetch.done, total: status.prefetch.total }));
  return parts.length > 0 ? parts.join(' · ') : t('sync.pendingNone');
}

/**
 * The phase, except that a round in flight shows as the phase before it. While sync is paused
 * every trigger runs a round that the server refuses at once; the explanation under the bar must
 * not vanish for the length of each round, or the panel would shrink and grow under the finger.
 * (React's "information from previous renders" pattern: a guarded setState while rendering.)
 */
function useSettledPhase(kind: SyncPhase['kind']): SyncPhase['kind'] {
  const [settled, setSettled] = useState(kind);
  if (kind !== 'syncing' && kind !== settled) setSettled(kind);
  return kind === 'syncing' ? settled : kind;
}

/** Always visible: when the phone last reached the server, what is still waiting, and a button.
 * Everything it says comes from the controller's status (see syncPhase in sync/status.ts). */
export function SyncStatusBar({ controller }: { db: MinhChungDb; controller: SyncController }) {
  const { t, i18n } = useTranslation();
  const status = useSyncExternalStore(controller.subscribe, controller.getStatus);
  const language = i18n.language;
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(language === 'en' ? 'en-GB' : 'vi-VN', {
      hour: '2-digit',
      minute: '2-digit',
    });
  const phase = syncPhase(status);
  const rejected = status.work?.rejected ?? 0;
  const settled = useSettledPhase(phase.kind);
  const outdated = phase.kind === 'blocked' && phase.reason === 'outdated';
  // The headline only says that sync stopped; why, and what to do, needs a full sentence.
  const note =
    settled === 'paused' ? t('sync.serverOutdated') : outdated ? t('auth.outdated') : null;

  return (
    <section
      className={`sync-bar sync-${status.scheduler.kind} sync-phase-${phase.kind}`}
      aria-live="polite"
      data-testid="sync-bar"
      data-phase={phase.kind}
    >
      <p className="sync-headline" data-testid="sync-headline">
        {headlineOf(phase, status, t, time)}
      </p>
      <p className="sync-detail" data-testid="sync-pending">
        {detailOf(status, t, language)}
      </p>
      {rejected > 0 ? (
        <p className="sync-rejected">{t('sync.rejected', { count: rejected })}</p>
      ) : null}
      {note !== null ? (
        <p className="sync-note" data-testid="sync-note">
          {note}
        </p>
      ) : null}
      <button
        type="button"
        className="secondary small"
        onClick={() => void controller.syncNow()}
        // Blocked, a round would not even start (the scheduler waits for a new sign-in or an
        // update): a button that looks tappable and does nothing would be a lie.
        disabled={phase.kind === 'syncing' || phase.kind === 'blocked'}
      >
        {t('sync.now')}
      </button>
    </section>
  );
}
