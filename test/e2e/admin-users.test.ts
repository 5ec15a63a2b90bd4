import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import { apiToken, signInOnPhone } from '../helpers/officer';
import { PASSWORD, artifacts, shot, signIn } from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';

/**
 * The administrator's accounts screen in real Chromium at 360×640: a CSV sheet for three Bác Ái
 * communes (first with a mistake, named by its line), the first passwords on a printable sheet,
 * a new officer signing in with the printed password, then a reset, a deactivation and a device
 * signed out — each checked against the real server.
 */
const SHEET = [
  'username;unit;role;name',
  'xa-phuoc-tan;22789;commune_officer;Lê Văn Tân',
  'xa-phuoc-tien;22792;commune_officer;Phạm Thị Tiến',
  'xa-phuoc-thang;22795;commune_officer;Đỗ Văn Thắng',
];
const MISTAKE = [...SHEET.slice(0, 2), 'xa-phuoc-tien;22792;can_bo_xa;Phạm Thị Tiến', SHEET[3]];
const NEW_USERS = ['xa-phuoc-tan', 'xa-phuoc-tien', 'xa-phuoc-thang'];

const login = (server: RunningServer, username: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceName: 'kiểm tra' }),
  });

describe('the accounts screen', () => {
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  const passwords = new Map<string, string>();

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    contexts.push(await launchPhone());
    admin = await (contexts[0] as BrowserContext).newPage();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
  });

  const item = (username: string) => admin.getByTestId(`user-${username}`);

  it('lists the problem of a sheet by its line, then creates the three accounts', async () => {
    await signIn(admin, server, 'admin', 'audit-check');
    await admin.goto(`${server.url}/admin/users`);
    await item('commune-22783').waitFor({ timeout: 20_000 });
    await admin.getByTestId('filter-unit').selectOption('584');
    // Bác Ái's accounts only: the district's own, not another district's commune.
    const inList = async () => [
      await item('district-584').count(),
      await item('commune-22738').count(),
    ];
    await expect.poll(inList, { timeout: 20_000 }).toEqual([1, 0]);
    await admin.getByTestId('csv-text').fill(MISTAKE.join('\n'));
    await admin.getByTestId('csv-check').click();
    const problems = admin.getByTestId('csv-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(
      'Dòng 3, vai trò: phải là một trong: commune_officer',
    );
    expect(await problems.textContent()).toContain('Chưa tài khoản nào được tạo');
    await problems.scrollIntoViewIfNeeded();
    await shot(admin, 'admin-users-1-csv-problem');
    await admin.getByTestId('csv-text').fill(SHEET.join('\n'));
    await admin.getByTestId('csv-check').click();
    const preview = admin.getByTestId('csv-preview');
    expect(await preview.textContent()).toContain('Sẽ tạo 3 tài khoản');
    expect(await preview.textContent()).toContain('Xã Phước Thắng');
    await preview.scrollIntoViewIfNeeded();
    await shot(admin, 'admin-users-2-csv-preview');
    await admin.getByRole('button', { name: 'Tạo 3 tài khoản' }).click();
    const slips = admin.getByTestId('credential-slip');
    await expect.poll(() => slips.count(), { timeout: 20_000 }).toBe(3);
    for (const slip of await slips.all()) {
      const username = (await slip.getByTestId('slip-username').textContent()) ?? '';
      passwords.set(username, (await slip.getByTestId('slip-password').textContent()) ?? '');
    }
    expect([...passwords.keys()].sort()).toEqual([...NEW_USERS].sort());
    // The passwords are nowhere but on screen: not in the address, storage or IndexedDB.
    const kept = await admin.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      return JSON.stringify({ url: location.href, local: { ...localStorage }, names });
    });
    for (const password of passwords.values()) expect(kept).not.toContain(password);
    await admin.getByTestId('credentials').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-users-3-credentials');
  });

  it('prints the sheet: each username and password, one group, no app chrome', async () => {
    await admin.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await admin.getByTestId('print-sheet').click();
    expect(await admin.locator('body').getAttribute('data-printed')).toBe('yes');
    await admin.emulateMedia({ media: 'print' });
    await admin.evaluate(() => window.scrollTo(0, 0));
    const printed = await admin.locator('body').innerText();
    for (const [username, password] of passwords) {
      expect(printed).toContain(username);
      expect(printed).toContain(password);
    }
    expect(printed).toContain('Huyện Bác Ái');
    expect(printed).toContain(server.url);
    for (const chrome of ['Đồng bộ', 'In phiếu', 'Hộp thư', 'Dữ liệu', 'Tạo một tài khoản'])
      expect(printed).not.toContain(chrome);
    expect(await admin.getByTestId('credential-group').count()).toBe(1);
    await shot(admin, 'admin-users-4-printed-sheet');
    await admin.emulateMedia({ media: 'screen' });
  });

  it('a new officer signs in with the printed password and sees the checklist', async () => {
    contexts.push(await launchPhone());
    const phone = await (contexts[1] as BrowserContext).newPage();
    await signInOnPhone(phone, server.url, 'xa-phuoc-tan', passwords.get('xa-phuoc-tan') ?? '');
    await phone.getByTestId('submission-status').waitFor({ timeout: 30_000 });
    expect(await phone.locator('body').innerText()).toContain('Phước Tân');
    await shot(phone, 'admin-users-5-new-officer-home');
  });

  it('a reset refuses the old password; a deactivated account cannot sign in', async () => {
    await admin.getByTestId('hide-sheet').click();
    await admin.getByTestId('credentials').waitFor({ state: 'detached' });
    await item('xa-phuoc-tan').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const slip = admin.getByTestId('credential-slip');
    await expect.poll(() => slip.count(), { timeout: 20_000 }).toBe(1);
    const fresh = (await slip.getByTestId('slip-password').textContent()) ?? '';
    expect(fresh).not.toBe(passwords.get('xa-phuoc-tan'));
    expect((await login(server, 'xa-phuoc-tan', passwords.get('xa-phuoc-tan') ?? '')).status).toBe(
      401,
    );
    expect((await login(server, 'xa-phuoc-tan', fresh)).status).toBe(200);
    await admin.getByTestId('hide-sheet').click();
    await item('xa-phuoc-thang').getByRole('button', { name: 'Khóa tài khoản' }).click();
    await expect
      .poll(() => item('xa-phuoc-thang').getByTestId('user-state').textContent())
      .toContain('Đã khóa');
    expect(
      (await login(server, 'xa-phuoc-thang', passwords.get('xa-phuoc-thang') ?? '')).status,
    ).toBe(401);
    await item('xa-phuoc-thang').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-users-6-deactivated');
  });

  it('lists the devices of a signed-in user and signs one out', async () => {
    const token = await apiToken(
      server.url,
      'xa-phuoc-tien',
      passwords.get('xa-phuoc-tien') ?? '',
      'Điện thoại Phước Tiến',
    );
    await admin.reload();
    await expect
      .poll(() => item('xa-phuoc-tien').getByTestId('user-state').textContent(), {
        timeout: 20_000,
      })
      .toContain('1 thiết bị đang đăng nhập');
    await item('xa-phuoc-tien').getByRole('button', { name: 'Thiết bị' }).click();
    const device = item('xa-phuoc-tien').getByTestId('device');
    await expect.poll(() => device.textContent()).toContain('Điện thoại Phước Tiến');
    await item('xa-phuoc-tien').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-users-7-devices');
    await device.getByRole('button', { name: 'Đăng xuất thiết bị này' }).click();
    await expect.poll(() => device.textContent()).toContain('Đã đăng xuất lúc');
    const me = await fetch(`${server.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
    await shot(admin, 'admin-users-8-device-revoked');
  });
}, 400_000);
