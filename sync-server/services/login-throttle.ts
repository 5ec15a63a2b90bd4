import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Sign-in throttling that a stranger cannot turn against an officer.
 *
 * Failures are kept per (username, client address) in `login_failures` — in the database, so the
 * state survives restarts and holds across server processes. Two limits:
 * - per (account, address), growing delays: the first `freeFailures` failures cost nothing, then
 *   each further try must wait `baseDelayMs · 2^(failures − freeFailures)`, capped at
 *   `maxDelayMs`. A stranger hammering from one address slows down only that address; the officer
 *   on another address still signs in with the right password.
 * - per account across all addresses, a ceiling (`accountCeiling` failures per `accountWindowMs`)
 *   so that a distributed guess is still bounded (100 guesses an hour, 2,400 a day).
 * A refused try is not itself a failure (its password is never checked), so hammering a throttled
 * address does not extend its delay. Known and unknown usernames are throttled the same way,
 * keyed by the name typed: the refusal tells nothing about which accounts exist.
 * Two processes may race past a limit by one try each; that slack does not matter at these
 * numbers and is cheaper than a lock per sign-in.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures from one address older than this are forgotten (the delay starts over). */
  addressMemoryMs: number;
  accountCeiling: number;
  accountWindowMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60 * 1000,
  addressMemoryMs: 24 * 3600 * 1000,
  accountCeiling: 100,
  accountWindowMs: 3600 * 1000,
};

export interface AddressFailures {
  count: number;
  /** ISO time of the latest failure, null when there is none. */
  last: string | null;
}

/** What the throttle knows, read from the database before a password is checked. */
export interface ThrottleState {
  address: AddressFailures;
  /** ISO time of the `accountCeiling`-th most recent failure inside the window, if there are that
   * many: the ceiling lifts when it leaves the window. */
  ceilingFailureAt: string | null;
}

/** The delay owed after `failures` failures from one address, in milliseconds. */
export function delayAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  // Capping the exponent keeps 2^n finite however many failures are stored.
  const exponent = Math.min(failures - policy.freeFailures, 40);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** Milliseconds until a try is allowed; 0 when it is allowed now. Pure, for the tests' sake. */
export function waitFor(policy: ThrottlePolicy, state: ThrottleState, now: Date): number {
  const at = now.getTime();
  const ceilingWait = state.ceilingFailureAt
    ? Date.parse(state.ceilingFailureAt) + policy.accountWindowMs - at
    : 0;
  const addressWait = state.address.last
    ? Date.parse(state.address.last) + delayAfter(policy, state.address.count) - at
    : 0;
  return Math.max(0, ceilingWait, addressWait);
}

type Db = Kysely<Database> | Transaction<Database>;

export async function readThrottleState(
  db: Db,
  policy: ThrottlePolicy,
  username: string,
  ip: string,
  now: Date,
): Promise<ThrottleState> {
  const address = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.max('at').as('last')])
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('at', '>', new Date(now.getTime() - policy.addressMemoryMs).toISOString())
    .executeTakeFirstOrThrow();
  const ceiling = await db
    .selectFrom('login_failures')
    .select('at')
    .where('username', '=', username)
    .where('at', '>', new Date(now.getTime() - policy.accountWindowMs).toISOString())
    .orderBy('at', 'desc')
    .limit(1)
    .offset(policy.accountCeiling - 1)
    .executeTakeFirst();
  return {
    address: { count: Number(address.count), last: address.last ?? null },
    ceilingFailureAt: ceiling?.at ?? null,
  };
}

/** Records a failure and forgets this account's failures that no limit looks at any more. */
export async function recordFailure(
  trx: Transaction<Database>,
  policy: ThrottlePolicy,
  username: string,
  ip: string,
  now: Date,
): Promise<void> {
  const horizon = Math.max(policy.addressMemoryMs, policy.accountWindowMs);
  await trx
    .deleteFrom('login_failures')
    .where('username', '=', username)
    .where('at', '<=', new Date(now.getTime() - horizon).toISOString())
    .execute();
  await trx.insertInto('login_failures').values({ username, ip, at: now.toISOString() }).execute();
}

/** A success clears this address's delay only: a stranger elsewhere keeps theirs. */
export async function clearAddress(
  trx: Transaction<Database>,
  username: string,
  ip: string,
): Promise<void> {
  await trx
    .deleteFrom('login_failures')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .execute();
}
