import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { unsyncedWork } from '../features/auth/session';
import { AUTOSAVE_DELAY_MS } from '../features/checklist/autosave-delay';
import { useServices } from '../services';

/**
 * The service worker is registered with `registerType: 'prompt'`: a new version is installed in
 * the background and takes over only when the user presses "Update" — and even then not while
 * something typed is unsaved or saved work has not reached the server: an update reload must
 * never be the moment work is lost.
 */
/** Long enough to read six words, short enough not to sit over the form. */
const OFFLINE_READY_MS = 3000;

export function UpdatePrompt() {
  const { t } = useTranslation();
  const { db, sync } = useServices();
  const [blockedBy, setBlockedBy] = useState<number | null>(null);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();

  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(() => setOfflineReady(false), OFFLINE_READY_MS);
    return () => clearTimeout(timer);
  }, [offlineReady, setOfflineReady]);

  const install = async () => {
    // Let the field being edited save itself first.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    await new Promise((resolve) => setTimeout(resolve, AUTOSAVE_DELAY_MS + 200));
    const work = await unsyncedWork(db);
    if (work.mutations > 0) {
      setBlockedBy(work.mutations);
      void sync?.syncNow();
      return;
    }
    await updateServiceWorker(true);
  };

  if (needRefresh) {
    return (
      <div className="toast" role="alert">
        <p>{t('update.available')}</p>
        {blockedBy !== null ? <p>{t('update.waitForSync', { count: blockedBy })}</p> : null}
        <button type="button" onClick={() => void install()}>
          {t('update.install')}
        </button>
        <button type="button" className="secondary" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    // Information only: one short line in a pill at the bottom corner, gone after 3 s or at a
    // tap on ×. Only the pill itself takes taps; it never spans the width of the form.
    return (
      <div className="toast-pill" role="status" data-testid="offline-ready">
        <span>{t('update.offlineReady')}</span>
        <button
          type="button"
          className="toast-close"
          aria-label={t('update.dismiss')}
          onClick={() => setOfflineReady(false)}
        >
          ×
        </button>
      </div>
    );
  }
  return null;
}
