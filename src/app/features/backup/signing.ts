import type { MinhChungDb, MutationSignature, OutboxEntry } from '../../db/database';
import { readDeviceKey, signMutation } from '../auth/device-key';

export interface SigningResult {
  /** Entries signed now. */
  signed: number;
  /** Pending entries of this user left without a signature: no key on this device (it signed in
   * before keys existed, or has no Web Crypto). A backup still carries them; nobody can relay them. */
  unsigned: number;
}

const ownPending = (entry: OutboxEntry) => entry.state === 'pending' && !entry.relay;

/**
 * Freezes this user's pending outbox entries, then signs those not signed yet.
 *
 * Why freeze first: a signature must cover an entry's final content, and the outbox folds unsent
 * edits into the newest entry (outbox.ts). Once frozen (`sent: 1`, the same mark a request sets)
 * an entry never changes again, so signing it later, outside the freeze, is safe. Export calls
 * this before it reads its snapshot: everything a file carries is frozen and, with a key, signed.
 *
 * Why two transactions and not one: Web Crypto is not IndexedDB, and awaiting it inside a Dexie
 * transaction lets IndexedDB commit the transaction under our feet. The signatures are computed
 * between the two and written only onto entries still frozen and unsigned.
 */
export async function freezeAndSign(db: MinhChungDb, userId: string): Promise<SigningResult> {
  const frozen = await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .filter((entry) => ownPending(entry) && entry.sent !== 1)
      .modify((entry) => {
        entry.sent = 1;
      });
    return db.outbox.filter((entry) => ownPending(entry) && !entry.signature).toArray();
  });
  const key = await readDeviceKey(db);
  if (!key || key.userId !== userId) return { signed: 0, unsigned: frozen.length };
  const signatures = new Map<string, MutationSignature>();
  for (const entry of frozen)
    signatures.set(entry.mutationId, {
      userId: key.userId,
      keyId: key.keyId,
      value: await signMutation(key, entry.mutation),
    });
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('mutationId')
      .anyOf([...signatures.keys()])
      .modify((entry) => {
        const signature = signatures.get(entry.mutationId);
        if (signature && entry.sent === 1 && !entry.signature) entry.signature = signature;
      });
  });
  return { signed: signatures.size, unsigned: 0 };
}
