import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { apiToken } from '../helpers/officer';
import {
  PASSWORD,
  artifacts,
  communeSubmits,
  onServer,
  shot,
  signIn,
  submissionOf,
  text,
} from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';
import { seededIds, TestDevice } from '../helpers/sync-client';

/**
 * A district reviewer in a commune hall with no signal: approves three communes and returns one,
 * all offline, and returns a fifth that a colleague approves from the office meanwhile. Back
 * online — with the first answer lost on the way, so the phone sends the same decisions again —
 * each decision lands exactly once, and the conflicting one is refused and said in words.
 */
const APPROVED = ['22786', '22789', '22795'];
const RETURNED = '22792';
const CONFLICT = '22798';

async function openSubmission(page: Page, unit: string) {
  await page.getByTestId(`inbox-row-${unit}`).getByRole('link').click();
  await page.getByTestId('review-screen').waitFor();
}

async function backToInbox(page: Page) {
  await page.getByRole('link', { name: '← Danh sách' }).click();
  await page.getByTestId('inbox-list').waitFor();
}

describe('offline decisions on a reviewer phone', () => {
  let server: RunningServer;
  let proxy: FaultProxy;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    proxy = await startFaultProxy(server.url);
    for (const unit of [...APPROVED, RETURNED, CONFLICT]) await communeSubmits(server, unit);
    context = await launchPhone();
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('takes five decisions with no connection, each waiting in the outbox', async () => {
    await signIn(page, { ...server, url: proxy.url }, 'district-584', 'inbox-list');
    await expect.poll(() => text(page, 'inbox-summary')).toMatch(/^5 hồ sơ chờ quyết định/);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await context.setOffline(true);
    for (const unit of APPROVED) {
      await openSubmission(page, unit);
      await page.getByTestId('decide-approve').click();
      await page.getByTestId('decision-pending').waitFor();
      await backToInbox(page);
    }
    await openSubmission(page, RETURNED);
    await page.getByLabel('Lý do chung').fill('Bổ sung ảnh cho các chỉ tiêu trụ cột 3.');
    await page.getByTestId('decide-return').click();
    await page.getByTestId('decision-pending').waitFor();
    await backToInbox(page);
    await openSubmission(page, CONFLICT);
    // The thumbnails came down with the pull: they show with no signal.
    await expect
      .poll(() => page.getByTestId('review-indicator-1.1').getByTestId('thumbnail').count())
      .toBe(1);
    await page.getByLabel('Lý do trả lại chỉ tiêu 1.2 (nếu có)').fill('Thiếu biên bản họp.');
    await page.getByTestId('decide-return').click();
    await page.getByTestId('decision-pending').waitFor();
    await page.getByTestId('decision-pending').scrollIntoViewIfNeeded();
    await shot(page, 'review-offline-1-pending');
    await expect
      .poll(() => page.getByTestId('sync-chip-count').locator('[aria-hidden="true"]').textContent())
      .toBe('5');
    await backToInbox(page);
    expect(await page.getByTestId('inbox-waiting').count()).toBe(5);
    await shot(page, 'review-offline-2-inbox-waiting');
    await openSubmission(page, CONFLICT);
    expect(await text(page, 'review-waiting')).toBe('chờ gửi');
  }, 120_000);

  it('back online, each decision lands once and the conflicting one is refused, in words', async () => {
    // A colleague at the office approves the fifth commune first.
    const token = await apiToken(server.url, 'district-584', PASSWORD, 'office laptop');
    const colleague = new TestDevice(server.url, token, 'office-laptop-584');
    const nextId = seededIds(99);
    const approved = await colleague.sync([
      {
        id: nextId(),
        at: '2026-01-06T01:00:00.000Z',
        type: 'submission.transition',
        submissionId: submissionOf(CONFLICT),
        event: 'approve',
      },
    ]);
    expect(approved.rejections).toEqual([]);
    // The first answer after the reconnect is lost: the phone sends the same batch again.
    let dropped = 0;
    proxy.setPolicy(({ method, url }) => {
      if (method === 'POST' && url.startsWith('/api/sync') && dropped === 0) {
        dropped += 1;
        return { kind: 'dropResponse' };
      }
      return { kind: 'pass' };
    });
    await context.setOffline(false);

    const refusal = page.getByTestId('decision-refused');
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toContain(
      'Máy chủ không nhận quyết định «Trả lại cho xã» của bạn: hồ sơ đã đổi trạng thái trước khi quyết định của bạn tới (có thể một cán bộ khác đã quyết định trước). Trạng thái hiện tại: Đã duyệt.',
    );
    expect(await refusal.textContent()).toContain('Lý do bạn đã viết: 1.2: Thiếu biên bản họp.');
    await expect.poll(() => text(page, 'review-status')).toBe('Đã duyệt');
    expect(dropped).toBe(1);
    await refusal.scrollIntoViewIfNeeded();
    await shot(page, 'review-offline-3-refused');

    for (const unit of APPROVED) {
      const state = await onServer(server, unit);
      expect(state.status).toBe('approved');
      expect(state.reviews.filter((r) => r.decision === 'approve')).toHaveLength(1);
    }
    const returned = await onServer(server, RETURNED);
    expect(returned.status).toBe('returned');
    expect(returned.reviews.filter((r) => r.decision === 'return')).toHaveLength(1);
    const conflict = await onServer(server, CONFLICT);
    expect(conflict.status).toBe('approved');
    expect(conflict.reviews.filter((r) => r.decision === 'return')).toHaveLength(0);

    await backToInbox(page);
    await expect.poll(() => text(page, `inbox-row-${RETURNED}`)).toContain('Đã trả lại');
    for (const unit of [...APPROVED, CONFLICT])
      expect(await text(page, `inbox-row-${unit}`)).toContain('Đã duyệt');
    await shot(page, 'review-offline-4-inbox');
  }, 120_000);
});
