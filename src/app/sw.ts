/// <reference lib="webworker" />
// The service worker: precaches the app shell and every chunk (so the app, the photo pipeline
// included, runs offline), answers navigations with the shell, and — where the browser has the
// Background Sync API — sends queued changes when the connection returns even if the app is
// closed. Photo bytes wait for the app: tus-js-client needs XMLHttpRequest, which workers lack.
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { MinhChungDb } from './db/database';
import { parseSession } from './features/auth/answers';
import { readSession } from './features/auth/session';
import { SyncEngine } from './sync/engine';
import { HttpSyncTransport } from './sync/transport';
import { BACKGROUND_SYNC_TAG } from './sync/background';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: { url: string; revision: string | null }[];
};

/** The Background Sync event (not in TypeScript's lib yet). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every navigation is the app's, except what the server renders itself: the API, and the public
// results pages and open data, which a phone with the app installed must still reach.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/public(\/|$)/, /^\/open-data\//],
  }),
);
// The first worker takes over the open page at once; later versions wait for the user's "Update"
// (the page sends SKIP_WAITING), so an update never reloads under someone's hands.
clientsClaim();
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

async function backgroundSync(): Promise<void> {
  const db = new MinhChungDb();
  try {
    const session = await readSession(db, parseSession);
    if (!session) return;
    const engine = new SyncEngine(
      db,
      new HttpSyncTransport({ baseUrl: self.location.origin, getToken: () => session.token }),
    );
    const result = await engine.sync();
    // A network failure is thrown so that the browser schedules another attempt.
    if (!result.ok && result.error.failure.kind === 'retryable') throw result.error;
  } finally {
    db.close();
  }
}

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === BACKGROUND_SYNC_TAG) sync.waitUntil(backgroundSync());
});
