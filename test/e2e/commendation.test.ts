import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import { apiToken } from '../helpers/officer';
import { PASSWORD, artifacts, communeSubmits, shot, signIn, submissionOf } from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';
import { seededIds, TestDevice } from '../helpers/sync-client';

/**
 * Commendation in real Chromium at 360×640: Phước Bình's result is accepted; the province
 * publishes the results, proposes the commune for a certificate of merit and posts it for public
 * comment; a citizen (no account, another browser) reads the public page and sends a comment,
 * which stays hidden until the province shows it; then everyone sees it.
 */
const UNIT = '22783';
const AWARD = 'Bằng khen của Chủ tịch UBND tỉnh';
const COMMENT = 'Xã đã số hóa toàn bộ hồ sơ một cửa, người dân rất hài lòng.';

async function decide(server: RunningServer, username: string, event: 'approve' | 'accept') {
  const token = await apiToken(server.url, username, PASSWORD, `${username} laptop`);
  const device = new TestDevice(server.url, token, `${username}-laptop`);
  const response = await device.sync([
    {
      id: seededIds(event === 'approve' ? 10_0601 : 10_0602)(),
      at: '2026-01-06T00:00:00.000Z',
      type: 'submission.transition',
      submissionId: submissionOf(UNIT),
      event,
    },
  ]);
  expect(response.rejections).toEqual([]);
}

describe('commendation with public comment', () => {
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  let province: Page;
  let citizen: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    await communeSubmits(server, UNIT);
    await decide(server, 'district-584', 'approve');
    await decide(server, 'province', 'accept');
    for (let i = 0; i < 2; i += 1) contexts.push(await launchPhone());
    [province, citizen] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
  });

  it('the province publishes the results and posts a proposal for comment', async () => {
    await signIn(province, server, 'province', 'inbox-list');
    await province.getByRole('link', { name: 'Tổng hợp' }).click();
    await province.getByTestId('open-commendation').click();
    await province.getByTestId('publish-results').click();
    await province.getByText(/^Đã công bố lúc/).waitFor();
    await province.getByLabel('Danh hiệu, hình thức khen thưởng đề nghị').fill(AWARD);
    await expect
      .poll(() => province.getByLabel('Đơn vị').inputValue(), { timeout: 20_000 })
      .toBe(UNIT);
    await province.getByRole('button', { name: 'Tạo đề nghị' }).click();
    const item = province.locator('li[data-testid^="nomination-"]');
    await expect.poll(() => item.getByTestId('nomination-state').textContent()).toBe('Dự thảo');
    await province.getByRole('button', { name: 'Công bố lấy ý kiến (10 ngày làm việc)' }).click();
    await expect
      .poll(() => item.getByTestId('nomination-state').textContent())
      .toBe('Đang lấy ý kiến');
    expect(await item.textContent()).toMatch(/Nhận ý kiến đến hết ngày \d{4}-\d{2}-\d{2}/);
    await item.scrollIntoViewIfNeeded();
    await shot(province, 'commendation-1-province-posted');
  });

  it('a citizen reads the public page without signing in and sends a comment', async () => {
    await citizen.goto(`${server.url}/public/cds-2025`);
    expect(await citizen.locator('h1').textContent()).toBe('Kết quả đánh giá công khai');
    expect(await citizen.locator('body').innerText()).toContain('Xã Phước Bình');
    expect(await citizen.locator('article').textContent()).toContain(AWARD);
    await citizen.getByLabel('Ý kiến của bạn (tối đa 2.000 ký tự)').fill(COMMENT);
    await citizen.getByLabel('Họ tên (không bắt buộc)').fill('Trần Văn B');
    await shot(citizen, 'commendation-2-public-form');
    await citizen.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await citizen.getByText('Đã nhận ý kiến của bạn.', { exact: false }).waitFor();
    await shot(citizen, 'commendation-3-public-received');
    await citizen.goto(`${server.url}/public/cds-2025`);
    expect(await citizen.locator('body').innerText()).not.toContain(COMMENT);
  });

  it('the comment stays hidden until the province shows it, then everyone sees it', async () => {
    await province.reload();
    const comment = province.getByTestId('public-comment');
    await expect.poll(() => comment.count(), { timeout: 20_000 }).toBe(1);
    expect(await comment.textContent()).toContain('Chờ duyệt');
    await comment.getByRole('button', { name: 'Hiển thị' }).click();
    await expect.poll(() => comment.textContent()).toContain('Đang hiển thị');
    await comment.scrollIntoViewIfNeeded();
    await shot(province, 'commendation-4-province-moderated');
    await citizen.goto(`${server.url}/public/cds-2025`);
    expect(await citizen.locator('article').textContent()).toContain(COMMENT);
    await citizen.locator('article').scrollIntoViewIfNeeded();
    await shot(citizen, 'commendation-5-public-comment-shown');
  });

  it('the public page opens on a phone with the app installed, not the app', async () => {
    await province.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await province.goto(`${server.url}/public/cds-2025`);
    expect(await province.locator('h1').textContent()).toBe('Kết quả đánh giá công khai');
    expect(await province.locator('article').textContent()).toContain(COMMENT);
    await province.goto(`${server.url}/open-data/catalog.json`);
    expect(await province.locator('body').textContent()).toContain('dcat:Catalog');
  });
}, 400_000);
