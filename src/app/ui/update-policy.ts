import type { SchedulerState } from '../sync/scheduler';

/**
 * Whether an update may reload now. Not while changes wait for the server — except when this
 * version can never send them: a server that answered 426 requires a newer app, so waiting for
 * sync would wait forever (the officer stuck between "update the app" and "wait for sync"). The
 * changes are saved in IndexedDB and survive the reload; the new version sends them.
 */
export function updateMayReload(pendingMutations: number, scheduler: SchedulerState | undefined) {
  if (scheduler?.kind === 'blocked' && scheduler.reason === 'outdated') return true;
  return pendingMutations === 0;
}
