import type { Page } from 'playwright-core';

/** Signs in on the phone's sign-in form, in Vietnamese, as a person does. */
export async function signInOnPhone(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A device token for the same account, from the real sign-in API (a second phone, a checker). */
export async function apiToken(
  url: string,
  username: string,
  password: string,
  deviceName: string,
): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceName }),
  });
  const body: unknown = await response.json();
  if (!response.ok || typeof body !== 'object' || body === null || !('token' in body))
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  const { token } = body;
  if (typeof token !== 'string') throw new Error('sign-in answered no token');
  return token;
}
