import { describe, expect, it } from 'vitest';
import { syncPhase, uploadPercent, type SyncStatus } from '../../../src/app/sync/status';
import { UploadProgressTracker } from '../../../src/app/sync/upload-progress';

const base: SyncStatus = {
  scheduler: { kind: 'idle', lastSuccessAt: 1000 },
  uploads: {},
  work: { changes: 0, rejected: 0, photos: 0, photoBytes: 0 },
  progress: null,
  online: true,
};

describe('syncPhase', () => {
  it('says synced only with both queues empty after a successful round', () => {
    expect(syncPhase(base)).toEqual({ kind: 'synced', at: 1000 });
    const photos = { ...base.work!, photos: 2, photoBytes: 2_500_000 };
    expect(syncPhase({ ...base, work: photos }).kind).toBe('pending');
    expect(syncPhase({ ...base, work: { ...base.work!, changes: 1 } }).kind).toBe('pending');
    expect(syncPhase({ ...base, work: photos, online: false }).kind).toBe('offline');
    // Before the first read of the database nothing is known: not "synced".
    expect(syncPhase({ ...base, work: null }).kind).toBe('pending');
    // Refused changes wait for the officer, not for the network.
    expect(syncPhase({ ...base, work: { ...base.work!, rejected: 3 } }).kind).toBe('synced');
  });

  it('shows a failed round with its retry time, offline or not', () => {
    const waiting: SyncStatus = {
      ...base,
      scheduler: { kind: 'waiting', retryAt: 9000, failures: 2, lastError: 'upload: stalled' },
    };
    expect(syncPhase(waiting)).toEqual({
      kind: 'retrying',
      retryAt: 9000,
      offline: false,
      failures: 2,
    });
    expect(syncPhase({ ...waiting, online: false })).toMatchObject({ offline: true });
  });
});

describe('UploadProgressTracker', () => {
  it('never goes back across rounds, retries and confirmations', () => {
    const tracker = new UploadProgressTracker();
    const a = { sha256: 'a', size: 100 };
    const b = { sha256: 'b', size: 300 };
    const seen: number[] = [];
    const record = () => seen.push(uploadPercent(tracker.totals()) ?? -1);
    tracker.include([a, b]);
    tracker.progress('a', 60);
    record();
    tracker.progress('a', 100);
    tracker.confirm('a');
    record();
    // The next round lists only b: a stays counted as done.
    tracker.include([b]);
    record();
    tracker.progress('b', 150);
    record();
    // Cut, then resumed from the server's offset, below what had been pushed.
    tracker.progress('b', 90);
    record();
    tracker.progress('b', 300);
    record();
    // A read that raced a's confirmation lists it again: it is not counted afresh.
    tracker.include([a, b]);
    record();
    expect(seen).toEqual([15, 25, 25, 62, 62, 100, 100]);
    tracker.confirm('b');
    tracker.include([]);
    expect(tracker.totals()).toBeNull();
  });

  it('adds a new photo to the total and drops one refused for good', () => {
    const tracker = new UploadProgressTracker();
    tracker.include([{ sha256: 'a', size: 100 }]);
    tracker.progress('a', 50);
    tracker.include([
      { sha256: 'a', size: 100 },
      { sha256: 'c', size: 100 },
    ]);
    expect(tracker.totals()).toEqual({ done: 50, total: 200 });
    tracker.include([{ sha256: 'c', size: 100 }]);
    expect(tracker.totals()).toEqual({ done: 0, total: 100 });
  });
});
