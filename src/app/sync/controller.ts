import { liveQuery } from 'dexie';
import type { MinhChungDb } from '../db/database';
import { requestBackgroundSync } from './background';
import type { SyncResult } from './engine';
import type { SyncPipeline } from './pipeline';
import { SyncScheduler, type BackoffPolicy } from './scheduler';
import { hasPendingWork, readPendingWork, type SyncStatus } from './status';
import type { Actor } from '../../shared/permissions/can';
import type { ThumbnailPrefetcher } from './thumbnail-prefetch';
import { TransportError } from './transport-error';
import { UploadProgressTracker } from './upload-progress';
import type { UploaderOptions } from './uploader';

export type { PendingWork, SyncPhase, SyncStatus, UploadProgress, UploadTotals } from './status';
export { syncPhase, uploadPercent, waitingCount } from './status';

const SYNC_SOON_MS = 3_000;

export interface SyncControllerOptions {
  db: MinhChungDb;
  baseUrl: string;
  getToken: () => string | null;
  /** Regular sync while open (default 3 minutes). */
  intervalMs?: number;
  /** Backoff while changes or photos wait (default PENDING_BACKOFF: 1 s doubling to 30 s). */
  pendingBackoff?: BackoffPolicy;
  /** For Node tests and benchmarks: how bytes are read, and how soon a stall is given up. */
  uploader?: Pick<UploaderOptions, 'toSource' | 'stallTimeoutMs' | 'chunkSize'>;
  /** Metadata request timeout (default 60 s). */
  syncTimeoutMs?: number;
  /**
   * The signed-in user: after each successful round the thumbnails of the submissions this user
   * reviews are downloaded in the background, so the review screen works offline. Which ones is
   * decided by can() (a commune officer reviews nothing and downloads nothing).
   */
  prefetchFor?: Actor;
}

/**
 * The app's sync loop: metadata first (one request per round), then photo bytes. Runs on start,
 * when the browser comes back online, when the app becomes visible again, every few minutes and
 * when the user asks; failures back off. Only one tab syncs at a time (Web Locks where the browser
 * has them).
 */
export class SyncController {
  private status: SyncStatus = {
    scheduler: { kind: 'idle', lastSuccessAt: null },
    uploads: {},
    work: null,
    progress: null,
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
  };
  private readonly progress = new UploadProgressTracker();
  /** Reads of the pending work run one after another, so an older read never lands last. */
  private reading: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: SyncScheduler;
  /** The engine and uploader, loaded with their validation on the first round (pipeline.ts). */
  private pipeline: Promise<SyncPipeline> | null = null;
  /** Loaded on the first successful round: the first screen does not carry the permission rules. */
  private prefetcher: Promise<ThumbnailPrefetcher> | null = null;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: SyncControllerOptions) {
    this.scheduler = new SyncScheduler({
      run: () => this.runExclusive(),
      intervalMs: options.intervalMs ?? 3 * 60_000,
      pendingBackoff: options.pendingBackoff,
      workPending: async () => {
        await this.refreshWork();
        return hasPendingWork(this.status.work);
      },
      onState: (scheduler) => this.update({ scheduler }),
    });
  }

  private loadPipeline(): Promise<SyncPipeline> {
    this.pipeline ??= import('./pipeline').then(({ createSyncPipeline }) =>
      createSyncPipeline({
        db: this.options.db,
        baseUrl: this.options.baseUrl,
        getToken: this.options.getToken,
        syncTimeoutMs: this.options.syncTimeoutMs,
        uploader: {
          ...this.options.uploader,
          onProgress: (sha256, sent, total) => {
            this.progress.progress(sha256, sent);
            this.update({
              uploads: { ...this.status.uploads, [sha256]: { sent, total } },
              progress: this.progress.totals(),
            });
          },
          onConfirmed: (sha256) => {
            this.progress.confirm(sha256);
            const { [sha256]: _done, ...uploads } = this.status.uploads;
            this.update({ uploads, progress: this.progress.totals() });
            void this.refreshWork();
          },
        },
      }),
    );
    // A chunk that failed to load (offline before the service worker cached it) is retried on
    // the next round instead of failing every round after it.
    this.pipeline.catch(() => {
      this.pipeline = null;
    });
    return this.pipeline;
  }

  /** Re-reads what waits (outbox, photo queue) into the status. */
  refreshWork = (): Promise<void> => {
    const read = this.reading.then(async () => {
      const { work, blobs } = await readPendingWork(this.options.db);
      this.progress.include(blobs);
      this.update({ work, progress: this.progress.totals() });
    });
    // A failed read (the database closing) must not block the reads after it.
    this.reading = read.catch(() => undefined);
    return this.reading;
  };

  private update(patch: Partial<SyncStatus>) {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async run(): Promise<SyncResult> {
    // Every blob waiting now belongs to the progress batch before its first byte is counted.
    await this.refreshWork();
    let pipeline: SyncPipeline;
    try {
      pipeline = await this.loadPipeline();
    } catch (error) {
      const message = `app files: ${error instanceof Error ? error.message : String(error)}`;
      return { ok: false, rounds: 0, error: new TransportError({ kind: 'retryable', message }) };
    }
    const { engine, uploader } = pipeline;
    const result = await engine.sync();
    if (!result.ok) {
      // Let the browser finish the job when the connection returns, even if the app is closed.
      if (result.error.failure.kind === 'retryable') void requestBackgroundSync();
      return result;
    }
    const uploads = await uploader.uploadPending();
    this.update({ uploads: {} });
    await this.refreshWork();
    // A photo that could not go up because of the link fails the round: the status must not say
    // "synced", and the scheduler retries soon instead of at the next regular sync.
    const down = uploads.find((upload) => !upload.ok && upload.linkDown);
    if (down && !down.ok) {
      void requestBackgroundSync();
      return {
        ok: false,
        rounds: result.rounds,
        error: new TransportError({ kind: 'retryable', message: `upload: ${down.message}` }),
      };
    }
    // In the background, outside the sync lock: thumbnails must not hold up the next round, and
    // a failed download is simply tried again after the next pull.
    void this.prefetch();
    return result;
  }

  private async prefetch(): Promise<void> {
    const actor = this.options.prefetchFor;
    if (!actor) return;
    this.prefetcher ??= import('./thumbnail-prefetch').then(
      ({ ThumbnailPrefetcher }) =>
        new ThumbnailPrefetcher(this.options.db, {
          actor,
          baseUrl: this.options.baseUrl,
          getToken: this.options.getToken,
          onProgress: (prefetch) => this.update({ prefetch }),
        }),
    );
    await (await this.prefetcher).run();
  }

  private runExclusive(): Promise<SyncResult> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return this.run();
    return locks.request('mc-sync', () => this.run()) as unknown as Promise<SyncResult>;
  }

  syncNow = (): Promise<void> => this.scheduler.trigger();

  /** After signing in again or updating: lift the block and sync. */
  resume = (): Promise<void> => {
    this.scheduler.unblock();
    return this.scheduler.trigger();
  };

  start() {
    // A change saved while online goes out a few seconds later (edits typed in a burst share one
    // request); offline it simply waits for the next trigger.
    let pendingBefore = -1;
    let soon: ReturnType<typeof setTimeout> | null = null;
    const subscription = liveQuery(() =>
      this.options.db.outbox.where('state').equals('pending').count(),
    ).subscribe({
      next: (pending) => {
        if (pending > pendingBefore && pendingBefore >= 0) {
          if (!navigator.onLine) {
            void requestBackgroundSync();
          } else {
            if (soon) clearTimeout(soon);
            soon = setTimeout(() => void this.scheduler.trigger(), SYNC_SOON_MS);
          }
        }
        pendingBefore = pending;
      },
    });
    // Whatever changes the outbox or the photo queue (a save, a new photo, a confirmation, a
    // refusal) re-reads the pending work, so the status is true between rounds too.
    const db = this.options.db;
    const work = liveQuery(() =>
      Promise.all([
        db.outbox.where('state').equals('pending').count(),
        db.outbox.where('state').equals('rejected').count(),
        db.blobs.where('uploaded').equals(0).primaryKeys(),
      ]),
    ).subscribe({ next: () => void this.refreshWork() });
    this.cleanups.push(() => {
      subscription.unsubscribe();
      work.unsubscribe();
      if (soon) clearTimeout(soon);
    });
    const onOnline = () => {
      this.update({ online: true });
      void this.scheduler.trigger();
    };
    const onOffline = () => this.update({ online: false });
    window.addEventListener('offline', onOffline);
    this.cleanups.push(() => window.removeEventListener('offline', onOffline));
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.scheduler.trigger();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    this.cleanups.push(
      () => window.removeEventListener('online', onOnline),
      () => document.removeEventListener('visibilitychange', onVisible),
    );
    void this.scheduler.trigger();
  }

  stop() {
    this.scheduler.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
