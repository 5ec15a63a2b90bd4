import { liveQuery } from 'dexie';
import type { MinhChungDb } from '../db/database';
import { requestBackgroundSync } from './background';
import { SyncEngine, type SyncResult } from './engine';
import { SyncScheduler, type SchedulerState } from './scheduler';
import { HttpSyncTransport } from './transport';
import { BlobUploader } from './uploader';

const SYNC_SOON_MS = 3_000;

export interface UploadProgress {
  sent: number;
  total: number;
}

export interface SyncStatus {
  /** What the sync loop is doing; `paused` means the server is older than this app (its outbox is
   * kept untouched and sync resumes by itself once the server is updated). */
  scheduler: SchedulerState;
  /** Upload progress of photos being sent right now, by sha256. */
  uploads: Record<string, UploadProgress>;
}

export interface SyncControllerOptions {
  db: MinhChungDb;
  baseUrl: string;
  getToken: () => string | null;
  /** Regular sync while open (default 3 minutes). */
  intervalMs?: number;
}

/**
 * The app's sync loop: metadata first (one request per round), then photo bytes. Runs on start,
 * when the browser comes back online, when the app becomes visible again, every few minutes and
 * when the user asks; failures back off. Only one tab syncs at a time (Web Locks where the browser
 * has them).
 */
export class SyncController {
  private status: SyncStatus = { scheduler: { kind: 'idle', lastSuccessAt: null }, uploads: {} };
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: SyncScheduler;
  private readonly engine: SyncEngine;
  private readonly uploader: BlobUploader;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: SyncControllerOptions) {
    const transport = new HttpSyncTransport({
      baseUrl: options.baseUrl,
      getToken: options.getToken,
    });
    this.engine = new SyncEngine(options.db, transport);
    this.uploader = new BlobUploader(options.db, {
      baseUrl: options.baseUrl,
      getToken: options.getToken,
      onProgress: (sha256, sent, total) =>
        this.update({ uploads: { ...this.status.uploads, [sha256]: { sent, total } } }),
    });
    this.scheduler = new SyncScheduler({
      run: () => this.runExclusive(),
      intervalMs: options.intervalMs ?? 3 * 60_000,
      onState: (scheduler) => this.update({ scheduler }),
    });
  }

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
    const result = await this.engine.sync();
    if (!result.ok) {
      // Let the browser finish the job when the connection returns, even if the app is closed.
      if (result.error.failure.kind === 'retryable') void requestBackgroundSync();
      return result;
    }
    await this.uploader.uploadPending();
    this.update({ uploads: {} });
    return result;
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
    this.cleanups.push(() => {
      subscription.unsubscribe();
      if (soon) clearTimeout(soon);
    });
    const onOnline = () => void this.scheduler.trigger();
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
