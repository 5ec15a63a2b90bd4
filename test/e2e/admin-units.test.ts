import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import { apiToken } from '../helpers/officer';
import { PASSWORD, artifacts, communeSubmits, shot, signIn, text } from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';

/**
 * The unit tree in real Chromium at 360×640, as the administrator: a CSV with mistakes shows each
 * with its line, the fixed file is imported after its plan is shown, a commune is renamed, and two
 * Bác Ái communes are merged into a third, which then no longer offers them. The campaign run before the merge still shows both old communes on the dashboard.
 */
const csvFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

describe('the unit tree, as the administrator', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    await communeSubmits(server, '22786');
    context = await launchPhone();
    admin = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('opens the unit tree from the administration menu', async () => {
    await signIn(admin, server, 'admin', 'admin-menu');
    await shot(admin, 'admin-units-1-menu');
    await admin.getByTestId('admin-open-units').click();
    await admin.getByTestId('unit-row-58').waitFor({ timeout: 20_000 });
    await admin.getByTestId('unit-group-584').locator('summary').click();
    expect(await text(admin, 'unit-row-22783')).toContain('Xã Phước Bình');
    await shot(admin, 'admin-units-2-tree');
  });

  it('lists every mistake of a CSV by line, then imports the fixed file', async () => {
    const good = 'mã;tên;cấp;mã cấp trên\n99001;Xã Phước Bình Mới;commune;58\n';
    await admin
      .getByTestId('unit-import-file')
      .setInputFiles(csvFile('don-vi.csv', `${good}99002;Xã Lạ;commune;77\n99003;;commune;58\n`));
    const problems = admin.getByTestId('unit-import-problems');
    await problems.waitFor({ timeout: 20_000 });
    expect(await problems.locator('li').allTextContents()).toEqual([
      'Dòng 3: Không tìm thấy đơn vị cấp trên của 99002, cả trong hệ thống lẫn trong tệp.',
      'Dòng 4: Thiếu tên đơn vị.',
    ]);
    await problems.scrollIntoViewIfNeeded();
    await shot(admin, 'admin-units-3-import-problems');

    await admin.getByTestId('unit-import-file').setInputFiles(csvFile('don-vi.csv', good));
    await admin.getByTestId('unit-import-plan').waitFor({ timeout: 20_000 });
    expect(await text(admin, 'unit-import-plan')).toContain('thêm 1 đơn vị');
    await admin.getByTestId('unit-import-apply').click();
    await expect.poll(() => text(admin, 'unit-import-done')).toContain('thêm 1 đơn vị');
    await admin.getByTestId('unit-row-99001').waitFor({ timeout: 20_000 });
  });

  it('renames a commune', async () => {
    const row = admin.getByTestId('unit-row-22789');
    await admin.getByTestId('unit-search').fill('22789');
    await row.getByRole('button', { name: 'Đổi tên' }).click();
    await row.getByLabel('Tên mới của Phước Tân').fill('Phước Tân Mới');
    await row.getByRole('button', { name: 'Lưu tên' }).click();
    await expect.poll(() => row.textContent()).toContain('Đã đổi tên thành “Phước Tân Mới”');
    await admin.getByTestId('unit-search').fill('');
  });

  it('merges two communes into a third', async () => {
    await admin.getByTestId('merge-target').selectOption('22783');
    await admin.getByTestId('merge-source-22786').check();
    await admin.getByTestId('merge-source-22792').check();
    await admin.getByTestId('merge-effective').fill('2025-07-01');
    await admin.getByTestId('merge-submit').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-units-4-merge');
    await admin.getByTestId('merge-submit').click();
    await expect.poll(() => text(admin, 'merge-message')).toContain('sáp nhập vào Xã Phước Bình');
    await admin.getByTestId('unit-group-584').locator('summary').click();
    await expect
      .poll(() => text(admin, 'unit-merged-22786'))
      .toBe('đã sáp nhập vào Xã Phước Bình (22783) từ 01/07/2025');
    await admin.getByTestId('unit-merged-22786').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-units-5-merged');

    // Units merged away are no longer offered; the server's refusals are in admin-units.test.ts.
    await admin.getByTestId('merge-target').selectOption('99001');
    await admin.getByTestId('merge-source-22795').waitFor();
    expect(await admin.getByTestId('merge-source-22786').count()).toBe(0);
  });

  it('keeps both old communes in the campaign run before the merge', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/584`);
    await page.getByTestId('rank-row-22786').waitFor({ timeout: 30_000 });
    expect(await text(page, 'rank-row-22792')).toContain('Phước Tiến');
    await page.close();
  });

  it('shows the merged commune in a later campaign, beside the old ones summed', async () => {
    const token = await apiToken(server.url, 'admin', PASSWORD, 'admin laptop');
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post('/api/admin/campaigns', {
      id: 'cds-2026',
      title: { vi: 'Đánh giá chuyển đổi số cấp xã năm 2026' },
      templateRecordId: 'cds-xa-2025.v1',
      period: { start: '2026-01-01', end: '2026-12-31' },
      deadline: '2026-12-31T17:00:00+07:00',
      assignedUnderIds: ['584'],
    });
    expect(created.status).toBe(201);
    expect((await post('/api/admin/campaigns/cds-2026/open', {})).status).toBe(200);

    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/584`);
    // The phone receives the new campaign with its next sync; the newer open one comes first.
    const choice = page.getByTestId('dashboard-campaign');
    await choice.waitFor({ timeout: 30_000 });
    await expect.poll(() => choice.inputValue(), { timeout: 30_000 }).toBe('cds-2026');
    await page.getByTestId('rank-row-22783').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rank-row-22786').count()).toBe(0);
    expect(await page.getByTestId('rank-row-22792').count()).toBe(0);
    expect(await text(page, 'previous-22783')).toBe(
      'Đợt trước (Phước Bình + Phước Hòa + Phước Tiến): 0/3 xã được duyệt, tổng 0 điểm, trung bình –',
    );
    await page.getByTestId('rank-row-22783').scrollIntoViewIfNeeded();
    await shot(page, 'admin-units-6-new-campaign');

    // Back to the campaign run before the merge, from the chooser: the old communes again.
    await choice.selectOption('cds-2025');
    await page.getByTestId('rank-row-22786').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('previous-22783').count()).toBe(0);
    await page.close();
  });
});
