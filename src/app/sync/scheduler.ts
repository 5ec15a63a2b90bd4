import type { SyncResult } from './engine';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0..1 spread around the delay, so a province's phones do not all retry on the same second. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000, jitter: 0.3 };

/**
 * While changes or photos wait, retries stay close together: a link that comes back (or a stall
 * that ends) is used within seconds, not after a five-minute backoff or the regular timer. With
 * nothing waiting, a failed round was only a pull and may back off further.
 */
export const PENDING_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000, jitter: 0.3 };

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … up to 5 minutes. */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const spread = raw * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(raw + spread));
}

export type SchedulerState =
  | { kind: 'idle'; lastSuccessAt: number | null }
  | { kind: 'syncing' }
  | { kind: 'waiting'; retryAt: number; failures: number; lastError: string }
  /** Needs the user: sign in again (401) or update the app (426). No automatic retry. */
  | { kind: 'blocked'; reason: 'unauthenticated' | 'outdated'; message: string }
  /**
   * The server is older than this app (PROTOCOL_TOO_NEW): nothing this phone can do fixes it, and
   * its outbox is kept untouched. Unlike `blocked`, a trigger (the button, coming online) tries
   * again, and so does the regular interval — the server may be updated at any moment — but
   * there is no backoff: retrying sooner would only get the same answer.
   */
  | { kind: 'paused'; reason: 'serverOutdated'; message: string; retryAt: number | null };

export interface SchedulerOptions {
  run: () => Promise<SyncResult>;
  /** Regular sync while the app is open, even with nothing pending, to pull others' changes. */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  /** The backoff while `workPending()` says something waits (default PENDING_BACKOFF). */
  pendingBackoff?: BackoffPolicy;
  /** Whether changes or photos are waiting to go up, asked after each failed round. */
  workPending?: () => boolean | Promise<boolean>;
  now?: () => number;
  random?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onState?: (state: SchedulerState) => void;
}

/**
 * Decides when to sync: on demand (app start, back online, tab visible, the user's button), every
 * few minutes, and after a failure with exponential backoff — capped at 30 s while work waits. A
 * trigger while a retry is waiting runs at once — coming back online should not wait it out.
 */
export class SyncScheduler {
  private state: SchedulerState = { kind: 'idle', lastSuccessAt: null };
  private timer: unknown = null;
  private failures = 0;
  private stopped = false;
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  get current(): SchedulerState {
    return this.state;
  }

  private setState(state: SchedulerState) {
    this.state = state;
    this.options.onState?.(state);
  }

  private schedule(ms: number) {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.trigger();
    }, ms);
  }

  /** Sync now (unless blocked on the user or already running). */
  async trigger(): Promise<void> {
    if (this.stopped || this.state.kind === 'syncing' || this.state.kind === 'blocked') return;
    this.setState({ kind: 'syncing' });
    const result = await this.options.run();
    if (this.stopped) return;
    if (result.ok) {
      this.failures = 0;
      this.setState({ kind: 'idle', lastSuccessAt: this.now() });
      if (this.options.intervalMs) this.schedule(this.options.intervalMs);
      return;
    }
    const failure = result.error.failure;
    if (failure.kind === 'unauthenticated' || failure.kind === 'outdated') {
      this.setState({ kind: 'blocked', reason: failure.kind, message: failure.message });
      return;
    }
    if (failure.kind === 'serverOutdated') {
      this.failures = 0;
      const interval = this.options.intervalMs;
      this.setState({
        kind: 'paused',
        reason: failure.kind,
        message: failure.message,
        retryAt: interval ? this.now() + interval : null,
      });
      if (interval) this.schedule(interval);
      return;
    }
    this.failures += 1;
    const pending = (await this.options.workPending?.()) ?? false;
    if (this.stopped) return;
    const policy = pending
      ? (this.options.pendingBackoff ?? PENDING_BACKOFF)
      : this.options.backoff;
    const delay = backoffDelay(this.failures, policy, this.options.random);
    this.setState({
      kind: 'waiting',
      retryAt: this.now() + delay,
      failures: this.failures,
      lastError: failure.message,
    });
    this.schedule(delay);
  }

  /** After the user signed in again or the app updated. */
  unblock() {
    if (this.state.kind === 'blocked') this.setState({ kind: 'idle', lastSuccessAt: null });
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
