import type { Transaction } from 'kysely';
import type { Actor } from '../../../src/shared/permissions/can';
import type { Collection, Rejection, RejectionCode } from '../../../src/shared/protocol/sync';
import type { Database } from '../../db/schema';
import type { StoredRecord } from '../records';

/** Everything a mutation handler needs; handlers never reach outside the transaction. */
export interface MutationContext {
  trx: Transaction<Database>;
  actor: Actor;
  userName: string;
  deviceId: string;
  now: string;
  newId: () => string;
}

export type Outcome =
  | { ok: true }
  | {
      ok: false;
      rejection: Omit<Rejection, 'mutationId'>;
      /** Where `rejection.current` lives: the service sends it only to a caller who may see it. */
      currentOrgPath?: string;
    };

export const ACCEPTED: Outcome = { ok: true };

/**
 * A typed refusal. Where the record exists, the server's current fields go with it: the device
 * shows the user what the server holds instead of dropping their edit in silence.
 */
export function reject(
  code: RejectionCode,
  message: string,
  current?: StoredRecord | null,
): Outcome {
  return {
    ok: false,
    rejection: {
      code,
      message,
      ...(current
        ? { current: { collection: current.collection, id: current.id, fields: current.data } }
        : {}),
    },
    ...(current ? { currentOrgPath: current.orgPath } : {}),
  };
}

export type { Collection };
