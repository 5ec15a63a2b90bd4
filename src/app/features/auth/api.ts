import type { LoginResponse } from '../../../shared/protocol/auth';

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

/** The wait a throttled answer names: `details.retryAfterSeconds`, else the Retry-After header. */
function retryAfterOf(fromBody: number | undefined, response: Response): number | undefined {
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
  // The validator loads while the request is on its way (answers.ts).
  const answers = import('./answers');
  // Marked as handled: a request that fails first throws its own, clearer error.
  answers.catch(() => undefined);
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
  const { parseLoginResponse, parseErrorAnswer } = await answers;
  if (response.ok) {
    const parsed = parseLoginResponse(body);
    if (parsed) return parsed;
    throw new LoginError('SERVER', 'unexpected answer');
  }
  const error = parseErrorAnswer(body);
  const code = error?.code;
  if (code === 'INVALID_CREDENTIALS' || code === 'VALIDATION_FAILED')
    throw new LoginError('INVALID_CREDENTIALS', code);
  if (code === 'LOGIN_THROTTLED' || code === 'RATE_LIMITED')
    throw new LoginError(code, code, retryAfterOf(error?.retryAfterSeconds, response));
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
