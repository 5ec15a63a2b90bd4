import * as z from 'zod/mini';
import { ApiErrorBody } from '../../../shared/errors';
import { LoginResponse } from '../../../shared/protocol/auth';
import { Session } from './session-schema';

/**
 * Validation of what the sign-in flow reads: the server's answers and the stored session. Loaded
 * on demand (api.ts, session.ts), so the app shell shows its first screen without a validation
 * library: a fresh phone has nothing to validate until the officer signs in, and a phone with a
 * session loads this from the service worker's cache.
 */

const RetryDetails = z.object({ retryAfterSeconds: z.int().check(z.positive()) });

export function parseLoginResponse(body: unknown): LoginResponse | null {
  const parsed = LoginResponse.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function parseErrorAnswer(body: unknown) {
  const error = ApiErrorBody.safeParse(body).data?.error;
  if (!error) return null;
  const retryAfterSeconds = RetryDetails.safeParse(error.details).data?.retryAfterSeconds;
  return { code: error.code, retryAfterSeconds };
}

export function parseSession(value: unknown): Session | null {
  const parsed = Session.safeParse(value);
  return parsed.success ? parsed.data : null;
}
