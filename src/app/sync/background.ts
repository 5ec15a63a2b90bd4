export const BACKGROUND_SYNC_TAG = 'mc-sync';

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/**
 * Asks the browser to wake the service worker when the connection returns (Background Sync API,
 * Chromium-based browsers on Android); elsewhere the app's own triggers (online, visibility,
 * timer) do the work in the foreground. Never throws: it is an optimisation, not a promise.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
      sync?: SyncManagerLike;
    };
    if (!registration.sync) return false;
    await registration.sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
