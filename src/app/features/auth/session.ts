import { z } from 'zod';
import { SessionUser } from '../../../shared/protocol/auth';
import type { MinhChungDb } from '../../db/database';

export const Session = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: SessionUser,
  signedInAt: z.string(),
});
export type Session = z.infer<typeof Session>;

const KEY = 'session';

/** The signed-in user lives in the same IndexedDB as their data: the app opens offline with it. */
export async function readSession(db: MinhChungDb): Promise<Session | null> {
  const row = await db.syncState.get(KEY);
  const parsed = Session.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
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
