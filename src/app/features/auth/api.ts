import { z } from 'zod';
import { ApiErrorBody } from '../../../shared/errors';
import { LoginResponse } from '../../../shared/protocol/auth';

export type LoginFailure =
  'INVALID_CREDENTIALS' | 'LOGIN_THROTTLED' | 'RATE_LIMITED' | 'NETWORK' | 'SERVER';

export class LoginError extends Error {
  constructor(
    readonly reason: LoginFailure,
    message: string,
    /** How long the server asks to wait before the next try (throttled answers only). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const RetryDetails = z.object({ retryAfterSeconds: z.number().int().positive() });

/** The wait a throttled answer names: `details.retryAfterSeconds`, else the Retry-After header. */
function retryAfterOf(details: unknown, response: Response): number | undefined {
  const fromBody = RetryDetails.safeParse(details).data?.retryAfterSeconds;
  if (fromBody !== undefined) return fromBody;
  const header = Number(response.headers.get('retry-after'));
  return Number.isInteger(header) && header > 0 ? header : undefined;
}

export async function requestLogin(
  baseUrl: string,
  username: string,
  password: string,
  deviceName: string,
  /** This device's public key (SPKI, base64url), registered with the token (device-key.ts). */
  publicKey?: string,
): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: username.trim(),
        password,
        deviceName,
        ...(publicKey ? { publicKey } : {}),
      }),
    });
  } catch (error) {
    throw new LoginError('NETWORK', (error as Error).message);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = LoginResponse.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new LoginError('SERVER', 'unexpected answer');
  }
  const error = ApiErrorBody.safeParse(body).data?.error;
  const code = error?.code;
  if (code === 'INVALID_CREDENTIALS' || code === 'VALIDATION_FAILED')
    throw new LoginError('INVALID_CREDENTIALS', code);
  if (code === 'LOGIN_THROTTLED' || code === 'RATE_LIMITED')
    throw new LoginError(code, code, retryAfterOf(error?.details, response));
  throw new LoginError('SERVER', `HTTP ${response.status}`);
}

/** Best effort: tell the server to revoke this device's token. Offline, the local wipe still happens. */
export async function requestLogout(baseUrl: string, token: string): Promise<void> {
  try {
    await fetch(`${baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch {
    // offline: nothing else to do
  }
}
