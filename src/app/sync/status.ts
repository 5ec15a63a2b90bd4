import type { MinhChungDb } from '../db/database';
import type { SchedulerState } from './scheduler';
import type { PrefetchProgress } from './thumbnail-prefetch';
import type { UploadTotals } from './upload-progress';

export type { UploadTotals } from './upload-progress';

export interface UploadProgress {
  sent: number;
  total: number;
}

/** What is still on the phone only, read from IndexedDB. */
export interface PendingWork {
  /** Outbox entries not yet acknowledged by the server. */
  changes: number;
  /** Entries the server refused; they wait for the officer, not for the network. */
  rejected: number;
  /** Photos and documents (thumbnails included) the server has not confirmed, refused ones aside. */
  photos: number;
  photoBytes: number;
}

export interface SyncStatus {
  scheduler: SchedulerState;
  /** Upload progress of photos being sent right now, by sha256 (a photo's own tile). */
  uploads: Record<string, UploadProgress>;
  /** Null until the first read of the database. */
  work: PendingWork | null;
  /** Over everything waiting to go up; never decreases within a batch (see upload-progress.ts). */
  progress: UploadTotals | null;
  /** The browser's own idea (navigator.onLine); true where it has none. */
  online: boolean;
  /** Thumbnails being downloaded for offline review (see thumbnail-prefetch.ts); null when idle. */
  prefetch?: PrefetchProgress | null;
}

/**
 * The one answer to "is my work on the server?", derived from the status so that the bar, the
 * app bar's chip and any other view say the same thing. "synced" only when the outbox and the
 * photo queue are both empty and the last round succeeded.
 */
export type SyncPhase =
  | { kind: 'blocked'; reason: 'unauthenticated' | 'outdated' }
  | { kind: 'syncing' }
  /** The last round failed; the next attempt is due at `retryAt`. */
  | { kind: 'retrying'; retryAt: number; offline: boolean; failures: number }
  /** The browser is offline and something waits: it goes when the connection returns. */
  | { kind: 'offline' }
  /** The last round succeeded, yet changes or photos still wait (added since, or held back). */
  | { kind: 'pending' }
  | { kind: 'synced'; at: number }
  | { kind: 'never' }
  | { kind: 'paused'; retryAt: number | null };

export function hasPendingWork(work: PendingWork | null): boolean {
  return work === null || work.changes > 0 || work.photos > 0;
}

/** What the app bar's chip counts as waiting: the changes and photos the bar lists, one sum. */
export function waitingCount(work: PendingWork | null): number {
  return work ? work.changes + work.photos : 0;
}

export function syncPhase(status: SyncStatus): SyncPhase {
  const { scheduler, work, online } = status;
  switch (scheduler.kind) {
    case 'blocked':
      return { kind: 'blocked', reason: scheduler.reason };
    case 'syncing':
      return { kind: 'syncing' };
    case 'paused':
      // The server is older than this app: nothing is sent, the outbox is kept as it is.
      return { kind: 'paused', retryAt: scheduler.retryAt };
    case 'waiting':
      return {
        kind: 'retrying',
        retryAt: scheduler.retryAt,
        offline: !online,
        failures: scheduler.failures,
      };
    case 'idle':
      if (hasPendingWork(work)) return online ? { kind: 'pending' } : { kind: 'offline' };
      return scheduler.lastSuccessAt === null
        ? { kind: 'never' }
        : { kind: 'synced', at: scheduler.lastSuccessAt };
  }
}

/** Percent of the pending bytes sent, floored (never shows 100 early); null when none wait. */
export function uploadPercent(progress: UploadTotals | null): number | null {
  if (!progress || progress.total === 0) return null;
  return Math.floor((progress.done / progress.total) * 100);
}

/**
 * How many attached photos the waiting blobs are. A photo travels with its thumbnail: the officer
 * attached one photo, so the pair counts once, and it waits while either file does. The evidence
 * records are read only when something waits — this runs after every save — and outside the
 * queue's transaction, since a record's two hashes never change.
 */
async function photosAmong(db: MinhChungDb, blobs: { sha256: string }[]): Promise<number> {
  if (blobs.length === 0) return 0;
  const evidence = await db.records.where('collection').equals('evidence').toArray();
  const photoOfThumbnail = new Map(
    evidence.flatMap((record) => {
      const { sha256, thumbSha256 } = record.fields;
      return typeof sha256 === 'string' && typeof thumbSha256 === 'string'
        ? [[thumbSha256, sha256] as const]
        : [];
    }),
  );
  return new Set(blobs.map((blob) => photoOfThumbnail.get(blob.sha256) ?? blob.sha256)).size;
}

/** Reads what waits. Blobs are loaded whole by Dexie; the queue is small (a few MB at most). */
export async function readPendingWork(
  db: MinhChungDb,
): Promise<{ work: PendingWork; blobs: { sha256: string; size: number }[] }> {
  const [changes, rejected, waiting] = await db.transaction('r', db.outbox, db.blobs, async () =>
    Promise.all([
      db.outbox.where('state').equals('pending').count(),
      db.outbox.where('state').equals('rejected').count(),
      db.blobs.where('uploaded').equals(0).toArray(),
    ]),
  );
  const blobs = waiting
    .filter((blob) => !blob.refusal)
    .map((blob) => ({ sha256: blob.sha256, size: blob.size }));
  return {
    work: {
      changes,
      rejected,
      photos: await photosAmong(db, blobs),
      photoBytes: blobs.reduce((sum, blob) => sum + blob.size, 0),
    },
    blobs,
  };
}
