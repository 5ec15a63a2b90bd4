import { webcrypto } from 'node:crypto';
import { explain, type Actor } from '../../../src/shared/permissions/can';
import { verifySignature } from '../../../src/shared/protocol/signature';
import type { RelayedMutation } from '../../../src/shared/protocol/sync';
import { Role } from '../../../src/shared/schemas/user';
import { getRecord } from '../records';
import type { MutationContext } from './context';
import {
  applyInSavepoint,
  contentHash,
  findApplied,
  recordedAnswer,
  recordOutcome,
  visibleRejection,
  type Answer,
} from './ledger';

/**
 * A relayed mutation (docs/sync-protocol.md, "Signed relay"): another officer's signed work that
 * the caller carries. It is applied as its author — `can()` as the author, the same handlers as
 * the author's own push — and recorded under the author, so the author's own later sync of the
 * same id is a replay. The relayer is checked only for being above the author's unit, and named
 * in the audit event.
 *
 * Refusals about the carrying itself (scope of the relayer, unknown or revoked key, a signature
 * that does not match) are NOT recorded under the id: a tampered copy must not block the author's
 * genuine mutation when it arrives. Refusals of the mutation itself (as the author) are recorded,
 * exactly as they would be had the author sent it.
 */

interface Author {
  id: string;
  disabled: boolean;
  actor: Actor;
  displayName: string;
}

const refuse = (code: Extract<Answer, { code: string }>['code'], message: string): Answer => ({
  code,
  message,
});

async function loadAuthor(context: MutationContext, userId: string): Promise<Author | null> {
  const row = await context.trx
    .selectFrom('users')
    .select(['id', 'role', 'org_unit_id', 'display_name', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  const role = Role.safeParse(row?.role);
  if (!row || !role.success) return null;
  const unit = await getRecord(context.trx, 'org_unit', row.org_unit_id);
  if (!unit) return null;
  return {
    id: row.id,
    disabled: row.disabled !== 0,
    displayName: row.display_name,
    actor: { userId: row.id, role: role.data, orgPath: unit.orgPath },
  };
}

/** The key's public half, or why there is none to verify with. */
async function signerKey(
  context: MutationContext,
  author: Author,
  keyId: string,
): Promise<{ publicKey: string } | Answer> {
  const row = await context.trx
    .selectFrom('device_tokens')
    .select(['public_key', 'revoked_at'])
    .where('user_id', '=', author.id)
    .where('key_id', '=', keyId)
    .executeTakeFirst();
  if (!row?.public_key)
    return refuse('SIGNER_UNKNOWN', 'the server knows no such key for the author');
  // Revoking a device (sign-out, password reset, an administrator) withdraws trust in what it
  // signs: the server cannot tell when a signature was made, so it refuses them all. A device
  // signs out only with nothing unsent, so an honest device's work has arrived by then (and a
  // relay of it is a replay, answered above without the key).
  if (row.revoked_at) return refuse('SIGNER_REVOKED', 'the device that signed this was revoked');
  // An expired token is not revoked: a commune without signal for months is the very case relays
  // exist for, and its key is as trustworthy as the day it was registered.
  return { publicKey: row.public_key };
}

export async function applyRelayed(
  context: MutationContext,
  relayer: { userId: string; actor: Actor },
  item: RelayedMutation,
): Promise<Answer> {
  const { mutation, author: claimed } = item;
  const author = await loadAuthor(context, claimed.userId);
  if (!author) return refuse('SIGNER_UNKNOWN', 'the author of this mutation is unknown');
  const carry = explain(relayer.actor, 'mutation.relay', { orgPath: author.actor.orgPath });
  if (!carry.allowed) return refuse(carry.code, carry.reason);

  const hash = contentHash(mutation);
  const previous = await findApplied(context.trx, mutation.id);
  // A faithful copy of what is applied already: the recorded answer, whatever became of the key
  // since. Rows from before content hashes (null) cannot be compared and are answered the same.
  if (
    previous &&
    previous.user_id === author.id &&
    (previous.content_hash === null || previous.content_hash === hash)
  )
    return recordedAnswer(context.trx, previous, author.id, relayer.actor);

  if (author.disabled) return refuse('SIGNER_REVOKED', 'the author’s account is disabled');
  const key = await signerKey(context, author, claimed.keyId);
  if (!('publicKey' in key)) return key;
  const signed = { mutation, userId: author.id, keyId: claimed.keyId };
  if (!(await verifySignature(webcrypto.subtle, key.publicKey, signed, item.signature)))
    return refuse('SIGNATURE_INVALID', 'the signature does not match this content');
  if (previous)
    return previous.user_id === author.id
      ? refuse('REPLAY_MISMATCH', 'this mutation id was applied with other content')
      : refuse('CONFLICT', 'this mutation id was used by someone else');

  // From here the mutation is the author's: their rights, their name on the answer and in audit.
  const asAuthor: MutationContext = {
    ...context,
    actor: author.actor,
    userName: author.displayName,
  };
  const outcome = await applyInSavepoint(asAuthor, mutation);
  await recordOutcome(
    asAuthor,
    { authorId: author.id, relay: { by: relayer.userId, keyId: claimed.keyId } },
    mutation,
    outcome,
  );
  return outcome.ok ? { ok: true } : visibleRejection(relayer.actor, outcome);
}
