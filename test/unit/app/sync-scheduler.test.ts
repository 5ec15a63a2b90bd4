import { describe, expect, it } from 'vitest';
import type { SyncResult } from '../../../src/app/sync/engine';
import { backoffDelay, SyncScheduler, type SchedulerState } from '../../../src/app/sync/scheduler';
import { TransportError } from '../../../src/app/sync/transport';

const ok: SyncResult = { ok: true, rounds: 1, acked: 0, rejected: 0, pulled: 0 };
const down: SyncResult = {
  ok: false,
  rounds: 0,
  error: new TransportError({ kind: 'retryable', message: 'network: offline' }),
};

/** A hand-driven clock and timer queue: deterministic, no real waiting. */
function fakeTime() {
  let now = 0;
  const timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (callback: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimer: (handle: unknown) => {
      const index = timers.findIndex((timer) => timer.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    pending: () => timers.map((timer) => timer.at - now),
    async advance(ms: number) {
      now += ms;
      for (const timer of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  };
}

describe('sync backoff', () => {
  it('doubles from 2 s up to 5 minutes, without jitter', () => {
    const policy = { baseMs: 2000, maxMs: 300_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 9, 20].map((n) => backoffDelay(n, policy))).toEqual([
      2000, 4000, 8000, 16000, 32000, 300_000, 300_000,
    ]);
  });

  it('keeps jitter within its bounds', () => {
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelay(3, { baseMs: 1000, maxMs: 60_000, jitter: 0.3 }, () => i / 100);
      expect(delay).toBeGreaterThanOrEqual(2800);
      expect(delay).toBeLessThanOrEqual(5200);
    }
  });
});

describe('SyncScheduler', () => {
  it('backs off after failures, retries on its own, and resets after a success', async () => {
    const time = fakeTime();
    const results = [down, down, down, ok];
    const states: SchedulerState['kind'][] = [];
    const scheduler = new SyncScheduler({
      run: () => Promise.resolve(results.shift() ?? ok),
      backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 },
      intervalMs: 300_000,
      ...time,
      onState: (state) => states.push(state.kind),
    });
    await scheduler.trigger();
    expect(scheduler.current).toMatchObject({ kind: 'waiting', failures: 1 });
    expect(time.pending()).toEqual([1000]);
    await time.advance(1000);
    expect(time.pending()).toEqual([2000]);
    await time.advance(2000);
    expect(time.pending()).toEqual([4000]);
    await time.advance(4000);
    expect(scheduler.current).toMatchObject({ kind: 'idle', lastSuccessAt: 7000 });
    expect(time.pending()).toEqual([300_000]);
    expect(states).toEqual([
      'syncing',
      'waiting',
      'syncing',
      'waiting',
      'syncing',
      'waiting',
      'syncing',
      'idle',
    ]);
  });

  it('runs at once when triggered during a backoff wait', async () => {
    const time = fakeTime();
    const results = [down, ok];
    const scheduler = new SyncScheduler({
      run: () => Promise.resolve(results.shift() ?? ok),
      backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 0 },
      ...time,
    });
    await scheduler.trigger();
    expect(scheduler.current.kind).toBe('waiting');
    await scheduler.trigger(); // e.g. the 'online' event
    expect(scheduler.current.kind).toBe('idle');
  });

  it('stops and waits for the user on 401 and 426', async () => {
    const time = fakeTime();
    const revoked: SyncResult = {
      ok: false,
      rounds: 0,
      error: new TransportError({
        kind: 'unauthenticated',
        message: 'signed out',
        code: 'TOKEN_REVOKED',
      }),
    };
    let runs = 0;
    const scheduler = new SyncScheduler({
      run: () => {
        runs += 1;
        return Promise.resolve(revoked);
      },
      ...time,
    });
    await scheduler.trigger();
    await scheduler.trigger();
    expect(runs).toBe(1);
    expect(scheduler.current).toMatchObject({ kind: 'blocked', reason: 'unauthenticated' });
    expect(time.pending()).toEqual([]);
    scheduler.unblock();
    expect(scheduler.current.kind).toBe('idle');
  });

  it('pauses without backoff while the server is older than the app, and resumes by itself', async () => {
    const time = fakeTime();
    const tooNew: SyncResult = {
      ok: false,
      rounds: 0,
      error: new TransportError({ kind: 'serverOutdated', message: 'server speaks 1' }),
    };
    const results = [down, tooNew, tooNew, tooNew, ok];
    const scheduler = new SyncScheduler({
      run: () => Promise.resolve(results.shift() ?? ok),
      backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 },
      intervalMs: 180_000,
      ...time,
    });
    await scheduler.trigger();
    expect(scheduler.current.kind).toBe('waiting');
    await time.advance(1000);
    expect(scheduler.current).toMatchObject({
      kind: 'paused',
      reason: 'serverOutdated',
      retryAt: 181_000,
    });
    // The regular interval, not a growing backoff: the server may be updated at any moment.
    expect(time.pending()).toEqual([180_000]);
    await time.advance(180_000);
    expect(time.pending()).toEqual([180_000]);
    // Unlike `blocked`, the user's button (or coming online) tries at once.
    await scheduler.trigger();
    expect(scheduler.current.kind).toBe('paused');
    await scheduler.trigger();
    expect(scheduler.current).toMatchObject({ kind: 'idle', lastSuccessAt: 181_000 });
  });

  it('retries at most 30 s apart while work waits, and backs off further when nothing does', async () => {
    const time = fakeTime();
    let pending = true;
    const scheduler = new SyncScheduler({
      run: () => Promise.resolve(down),
      backoff: { baseMs: 2000, maxMs: 300_000, jitter: 0 },
      pendingBackoff: { baseMs: 1000, maxMs: 30_000, jitter: 0 },
      workPending: () => pending,
      ...time,
    });
    await scheduler.trigger();
    const delays: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const [delay] = time.pending();
      delays.push(delay ?? -1);
      await time.advance(delay ?? 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30_000, 30_000, 30_000]);
    pending = false;
    await scheduler.trigger();
    expect(time.pending()).toEqual([300_000]);
    expect(scheduler.current).toMatchObject({ kind: 'waiting', failures: 10 });
  });
});
