import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { waitingCount, type SyncController } from '../sync/controller';
import { formatNumber } from './format';
import { LanguageSwitch } from './LanguageSwitch';
import { useOnline } from './use-online';

type Tone = 'ok' | 'warn' | 'error' | 'busy';

/**
 * The whole sync state in one chip: the state (offline, retrying, syncing, synced) and, in a
 * bubble that is never cut off at 360 px, how many changes and photos still wait. Network state
 * is folded in here rather than shown as its own badge: for an officer "offline" matters only as
 * "my work has not left the phone yet".
 */
function useChipState(controller: SyncController): { text: string; tone: Tone; pending: number } {
  const { t } = useTranslation();
  const online = useOnline();
  // The same figures as the bar below it (readPendingWork): a photo and its thumbnail are one.
  const { scheduler, work } = useSyncExternalStore(controller.subscribe, controller.getStatus);
  const pending = waitingCount(work);
  const chip = (text: string, tone: Tone) => ({ text, tone, pending });

  if (scheduler.kind === 'blocked')
    return chip(
      scheduler.reason === 'outdated' ? t('shell.chipOutdated') : t('shell.chipBlocked'),
      'error',
    );
  if (work && work.rejected > 0)
    return chip(t('shell.chipRejected', { count: work.rejected }), 'error');
  if (!online) return chip(t('shell.chipOffline'), 'warn');
  if (scheduler.kind === 'syncing') return chip(t('shell.chipSyncing'), 'busy');
  if (scheduler.kind === 'waiting') return chip(t('shell.chipRetrying'), 'warn');
  if (scheduler.kind === 'paused') return chip(t('shell.chipServerOutdated'), 'error');
  if (pending > 0) return chip(t('shell.chipWaiting'), 'warn');
  return scheduler.lastSuccessAt
    ? chip(t('shell.chipSynced'), 'ok')
    : chip(t('shell.chipNever'), 'warn');
}

function SyncChip({
  controller,
  open,
  onToggle,
}: {
  controller: SyncController;
  open: boolean;
  onToggle: () => void;
}) {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const { text, tone, pending } = useChipState(controller);
  const waiting = pending > 0 ? t('shell.chipPending', { count: pending }) : null;
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
      {waiting ? (
        <span className="sync-chip-count" data-testid="sync-chip-count" title={waiting}>
          <span aria-hidden="true">{formatNumber(pending, i18n.language)}</span>
          <span className="visually-hidden">{waiting}</span>
        </span>
      ) : null}
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
  controller,
  details,
}: {
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
