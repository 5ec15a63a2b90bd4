import type { MinhChungDb } from '../../db/database';
import { requestLogin } from './api';
import type { Session } from './session';

/**
 * Signs in and gives this device its signing key: a new key pair per sign-in, the public half
 * registered with the token the server issues, the private half kept here. The key is stored only
 * when the server names it back (a server from before keys keeps none, and signatures it cannot
 * verify would be worthless). Throws LoginError like requestLogin.
 */
export async function signIn(
  db: MinhChungDb,
  baseUrl: string,
  credentials: { username: string; password: string; deviceName: string },
  now = new Date(),
): Promise<Session> {
  // Loaded when the officer signs in, not with the shell: the key code validates with zod.
  const { createDeviceKey, saveDeviceKey } = await import('./device-key');
  const key = await createDeviceKey();
  const { keyId, ...response } = await requestLogin(
    baseUrl,
    credentials.username,
    credentials.password,
    credentials.deviceName,
    key?.publicKey,
  );
  if (key && keyId === key.keyId)
    await saveDeviceKey(db, { userId: response.user.id, keyId, privateKey: key.privateKey });
  return { ...response, signedInAt: now.toISOString() };
}
