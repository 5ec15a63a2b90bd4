// Kept apart from transport.ts (which parses answers with zod) so that the app shell can tell a
// failed round apart without loading the validation library before its first screen.

/** Why a sync request did not produce an answer, as far as the retry logic is concerned. */
export type TransportFailure =
  /** No answer, a cut connection, a 5xx, a 429: try again later, with backoff. */
  | { kind: 'retryable'; message: string; status?: number }
  /** 401: the token is gone (revoked, expired); the user must sign in again. */
  | { kind: 'unauthenticated'; message: string; code: string }
  /** 426: this app is too old to talk to the server; it must update first. */
  | { kind: 'outdated'; message: string }
  /** PROTOCOL_TOO_NEW: the server is older than this app; sync waits until it is updated. */
  | { kind: 'serverOutdated'; message: string }
  /** Another 4xx: the request itself is wrong and would be wrong again. */
  | { kind: 'refused'; message: string; status: number; code: string; details?: unknown };

export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message);
  }
}
