import type { MinhChungDb } from '../../db/database';
import type { Session } from './session-schema';

export type { Session } from './session-schema';

const KEY = 'session';

/**
 * The signed-in user lives in the same IndexedDB as their data: the app opens offline with it.
 * `parse` defaults to the validator loaded on demand; the service worker, a classic script that
 * cannot load modules, passes it in.
 */
export async function readSession(
  db: MinhChungDb,
  parse?: (value: unknown) => Session | null,
): Promise<Session | null> {
  const row = await db.syncState.get(KEY);
  // Nothing stored (a fresh phone, or signed out): no validator to load.
  if (row?.value === undefined) return null;
  const parseSession = parse ?? (await import('./answers')).parseSession;
  return parseSession(row.value);
}

export async function saveSession(db: MinhChungDb, session: Session): Promise<void> {
  await db.syncState.put({ key: KEY, value: session });
}

/** Unsynced work that signing out would destroy on a shared phone. */
export async function unsyncedWork(
  db: MinhChungDb,
): Promise<{ mutations: number; photos: number; rejected: number }> {
  const [mutations, photos, rejected] = await Promise.all([
    db.outbox.where('state').equals('pending').count(),
    db.blobs.where('uploaded').equals(0).count(),
    db.outbox.where('state').equals('rejected').count(),
  ]);
  return { mutations, photos, rejected };
}
