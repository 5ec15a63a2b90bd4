import { useLiveQuery } from 'dexie-react-hooks';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MinhChungDb } from '../db/database';
import type { SyncController } from '../sync/controller';
import { LanguageSwitch } from './LanguageSwitch';
import { useOnline } from './use-online';

async function waitingWork(db: MinhChungDb) {
  const [pending, rejected, blobs] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.outbox.where('state').equals('rejected').count(),
    db.blobs.where('uploaded').equals(0).toArray(),
  ]);
  return { pending: pending + blobs.filter((blob) => !blob.refusal).length, rejected };
}

type Tone = 'ok' | 'warn' | 'error' | 'busy';

/**
 * The whole sync state in one chip: the state first (offline, retrying, syncing, synced), then
 * what is still waiting. Network state is folded in here rather than shown as its own badge:
 * for an officer "offline" matters only as "my work has not left the phone yet".
 */
function useChipState(db: MinhChungDb, controller: SyncController): { text: string; tone: Tone } {
  const { t } = useTranslation();
  const online = useOnline();
  const { scheduler } = useSyncExternalStore(controller.subscribe, controller.getStatus);
  const work = useLiveQuery(() => waitingWork(db), [db]);
  const pending = work?.pending ?? 0;
  const withPending = (head: string) =>
    pending > 0 ? `${head} · ${t('shell.chipPending', { count: pending })}` : head;

  if (scheduler.kind === 'blocked')
    return {
      text: scheduler.reason === 'outdated' ? t('shell.chipOutdated') : t('shell.chipBlocked'),
      tone: 'error',
    };
  if (work && work.rejected > 0)
    return { text: t('shell.chipRejected', { count: work.rejected }), tone: 'error' };
  if (!online) return { text: withPending(t('shell.chipOffline')), tone: 'warn' };
  if (scheduler.kind === 'syncing')
    return { text: withPending(t('shell.chipSyncing')), tone: 'busy' };
  if (scheduler.kind === 'waiting')
    return { text: withPending(t('shell.chipRetrying')), tone: 'warn' };
  if (pending > 0) return { text: t('shell.chipPending', { count: pending }), tone: 'warn' };
  return scheduler.lastSuccessAt
    ? { text: t('shell.chipSynced'), tone: 'ok' }
    : { text: t('shell.chipNever'), tone: 'warn' };
}

function SyncChip({
  db,
  controller,
  open,
  onToggle,
}: {
  db: MinhChungDb;
  controller: SyncController;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const { text, tone } = useChipState(db, controller);
  return (
    <button
      type="button"
      className={`sync-chip sync-chip-${tone}`}
      aria-expanded={open}
      aria-controls="sync-details"
      onClick={onToggle}
      data-testid="sync-chip"
    >
      <span className="sync-chip-dot" aria-hidden="true" />
      <span className="sync-chip-text">{text}</span>
      {/* The full sentence for screen readers (and the tests that read the network state). */}
      <span className="visually-hidden" data-testid="network-badge">
        {online ? t('network.online') : t('network.offline')}
      </span>
    </button>
  );
}

/**
 * One line on a 360-px phone: the app's name, the sync chip, the language. The chip opens the
 * detailed sync status (the SyncStatusBar, always mounted so its live region keeps announcing)
 * and a link to the queue. Sticky, with a fixed height that styles.css uses for scroll margins.
 */
export function AppBar({
  db,
  controller,
  details,
}: {
  db: MinhChungDb;
  controller: SyncController | null;
  details: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const online = useOnline();
  return (
    <header className="app-bar">
      <div className="app-bar-row">
        <h1 data-testid="app-name">{t('app.name')}</h1>
        {controller ? (
          <SyncChip
            db={db}
            controller={controller}
            open={open}
            onToggle={() => setOpen((value) => !value)}
          />
        ) : (
          <p className={`sync-chip sync-chip-${online ? 'ok' : 'warn'}`} role="status">
            <span className="sync-chip-dot" aria-hidden="true" />
            <span className="sync-chip-text" aria-hidden="true">
              {online ? t('network.online') : t('shell.chipOffline')}
            </span>
            <span className="visually-hidden" data-testid="network-badge">
              {online ? t('network.online') : t('network.offline')}
            </span>
          </p>
        )}
        <LanguageSwitch compact />
      </div>
      {controller ? (
        <div id="sync-details" className="sync-details" hidden={!open}>
          {details}
          <Link to="/queue" onClick={() => setOpen(false)}>
            {t('shell.openQueue')}
          </Link>
        </div>
      ) : null}
    </header>
  );
}
