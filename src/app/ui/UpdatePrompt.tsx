import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * The service worker is registered with `registerType: 'prompt'`: a new version is installed in
 * the background but only takes over when the user presses "Update", so the page is never
 * reloaded under someone's hands.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();

  if (needRefresh) {
    return (
      <div className="toast" role="alert">
        <p>{t('update.available')}</p>
        <button type="button" onClick={() => void updateServiceWorker(true)}>
          {t('update.install')}
        </button>
        <button type="button" className="secondary" onClick={() => setNeedRefresh(false)}>
          {t('update.later')}
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="toast" role="status" data-testid="offline-ready">
        <p>{t('update.offlineReady')}</p>
        <button type="button" className="secondary" onClick={() => setOfflineReady(false)}>
          {t('update.dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
