import { ApiErrorBody } from '../../../shared/errors';
import { LoginResponse } from '../../../shared/protocol/auth';

export type LoginFailure = 'INVALID_CREDENTIALS' | 'RATE_LIMITED' | 'NETWORK' | 'SERVER';

export class LoginError extends Error {
  constructor(
    readonly reason: LoginFailure,
    message: string,
  ) {
    super(message);
  }
}

export async function requestLogin(
  baseUrl: string,
  username: string,
  password: string,
  deviceName: string,
): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: username.trim(), password, deviceName }),
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
  const code = ApiErrorBody.safeParse(body).data?.error.code;
  if (code === 'INVALID_CREDENTIALS' || code === 'VALIDATION_FAILED')
    throw new LoginError('INVALID_CREDENTIALS', code);
  if (code === 'RATE_LIMITED') throw new LoginError('RATE_LIMITED', code);
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
