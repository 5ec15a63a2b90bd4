import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import {
  PASSWORD,
  artifacts,
  communeSubmits,
  onServer,
  shot,
  signIn,
  syncNow,
  text,
} from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';

/**
 * The review loop on the demo 3-level tree, three phones at 360×640: the commune submits; the
 * district (Bác Ái, 584) opens its inbox and returns two indicators with reasons; the commune's
 * phone, offline, shows the reasons beside the indicators, the officer fixes one and, back online,
 * resubmits; the district approves; the province accepts; the commune can no longer edit.
 */
const COMMUNE = '22783';
const REASONS = {
  '1.2': 'Số cuộc họp chưa khớp biên bản: kiểm tra lại.',
  '3.3': 'Ảnh đo sóng không có định vị GPS.',
};

describe('the review loop across three phones', () => {
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  let commune: Page;
  let district: Page;
  let province: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    for (let i = 0; i < 3; i += 1) contexts.push(await launchPhone());
    [commune, district, province] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
      Page,
      Page,
      Page,
    ];
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
  });

  it('the commune submits; its phone shows the submission as sent', async () => {
    await signIn(commune, server, `commune-${COMMUNE}`, 'submission-status');
    await communeSubmits(server, COMMUNE);
    await syncNow(commune);
    await expect.poll(() => text(commune, 'submission-status')).toBe('Đã gửi thẩm định');
    await commune.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await shot(commune, 'review-1-commune-submitted');
  });

  it('the district finds it in its inbox, searching without diacritics', async () => {
    await signIn(district, server, 'district-584', 'inbox-list');
    expect(await district.getByTestId(/^inbox-row-/).count()).toBe(9);
    expect(await text(district, `inbox-row-${COMMUNE}`)).toContain('Chờ thẩm định');
    await shot(district, 'review-2-district-inbox');
    await district.getByLabel('Tìm đơn vị').fill('phuoc binh');
    await expect.poll(() => district.getByTestId(/^inbox-row-/).count()).toBe(1);
    await shot(district, 'review-3-district-search');
  });

  it('the district opens the submission, thumbnails already on the phone', async () => {
    await district.getByRole('link', { name: 'Mở hồ sơ Xã Phước Bình' }).click();
    await district.getByTestId('review-screen').waitFor();
    const card = district.getByTestId('review-indicator-1.1');
    await expect.poll(() => card.getByTestId('thumbnail').count(), { timeout: 30_000 }).toBe(1);
    expect(await card.getByTestId('evidence-gps').textContent()).toBe(
      'GPS 11,93512, 108,86621 (±8 m)',
    );
    const flagged = district.getByTestId('review-indicator-1.2');
    expect(await flagged.getByTestId('flag-outside-period').textContent()).toBe(
      'Chụp ngoài thời gian đánh giá (01/01/2025 – 31/12/2025)',
    );
    await card.scrollIntoViewIfNeeded();
    await shot(district, 'review-4-district-evidence');
    // The full photo on tap, fetched once and kept.
    await card.getByRole('button', { name: /^Xem ảnh gốc/ }).click();
    await district.getByTestId('full-photo').waitFor({ timeout: 20_000 });
    await shot(district, 'review-5-district-full-photo');
    await district.getByRole('button', { name: 'Đóng ảnh' }).click();
  });

  it('the district returns two indicators with reasons', async () => {
    const returnButton = district.getByTestId('decide-return');
    expect(await returnButton.isDisabled()).toBe(true);
    for (const [indicatorId, reason] of Object.entries(REASONS)) {
      await district.getByLabel(`Lý do trả lại chỉ tiêu ${indicatorId} (nếu có)`).fill(reason);
    }
    await returnButton.scrollIntoViewIfNeeded();
    await shot(district, 'review-6-district-return');
    expect(await returnButton.isDisabled()).toBe(false);
    await returnButton.click();
    await expect
      .poll(() => onServer(server, COMMUNE).then((s) => s.status), { timeout: 30_000 })
      .toBe('returned');
    await expect.poll(() => district.getByTestId('decision-pending').count()).toBe(0);
    expect(await text(district, 'review-status')).toBe('Đã trả lại');
    const reasons = (await onServer(server, COMMUNE)).reviews.filter(
      (r) => r.decision === 'return',
    );
    expect(reasons.map((r) => [r.indicatorId, r.reason]).sort()).toEqual(
      Object.entries(REASONS).sort(),
    );
  });

  it('the commune phone, offline, shows each reason beside its indicator', async () => {
    await syncNow(commune);
    await expect.poll(() => text(commune, 'submission-status')).toBe('Bị trả lại — cần sửa');
    await contexts[0]?.setOffline(true);
    await commune.reload({ waitUntil: 'domcontentloaded' });
    for (const [indicatorId, reason] of Object.entries(REASONS)) {
      const note = commune.getByTestId(`indicator-${indicatorId}`).getByRole('note');
      await expect.poll(() => note.textContent(), { timeout: 20_000 }).toContain(reason);
    }
    await commune.getByTestId('indicator-1.2').scrollIntoViewIfNeeded();
    await shot(commune, 'review-7-commune-reasons-offline');
    // The fix, made offline.
    await commune.getByTestId('indicator-1.2').getByRole('textbox', { name: 'cuộc họp' }).fill('4');
    await expect
      .poll(() =>
        commune.getByTestId('sync-chip-count').locator('[aria-hidden="true"]').textContent(),
      )
      .toBe('1');
  });

  it('back online, the commune resubmits', async () => {
    await contexts[0]?.setOffline(false);
    await syncNow(commune);
    const submit = commune.getByTestId('submit-button');
    await submit.scrollIntoViewIfNeeded();
    await submit.click();
    await expect
      .poll(() => text(commune, 'submit-state'), { timeout: 30_000 })
      .toMatch(/^Máy chủ đã nhận hồ sơ/);
    expect((await onServer(server, COMMUNE)).status).toBe('submitted');
    await shot(commune, 'review-8-commune-resubmitted');
  });

  it('the district approves', async () => {
    await syncNow(district);
    await expect.poll(() => text(district, 'review-status')).toBe('Chờ thẩm định');
    expect(await text(district, 'review-answer-1.2')).toBe('Trả lời: 4');
    // What changed since the return, from the audit trail: 1.2 only, old → new.
    const changed = district.getByTestId('changed-1.2');
    await expect.poll(() => changed.textContent(), { timeout: 20_000 }).toMatch(/ → 4$/);
    expect(await district.locator('[data-testid^="changed-"]').count()).toBe(1);
    await district.getByTestId('changes-since').scrollIntoViewIfNeeded();
    await shot(district, 'review-8b-district-changes-since');
    await district.getByTestId('decide-approve').click();
    await expect
      .poll(() => onServer(server, COMMUNE).then((s) => s.status), { timeout: 30_000 })
      .toBe('approved');
    await district.getByTestId('review-status').scrollIntoViewIfNeeded();
    await shot(district, 'review-9-district-approved');
  });

  it('the province accepts from its inbox', async () => {
    await signIn(province, server, 'province', 'inbox-list');
    expect(await province.getByTestId(/^inbox-row-/).count()).toBe(1);
    await shot(province, 'review-10-province-inbox');
    await province.getByRole('link', { name: 'Mở hồ sơ Xã Phước Bình' }).click();
    await province.getByTestId('decide-accept').click();
    await expect
      .poll(() => onServer(server, COMMUNE).then((s) => s.status), { timeout: 30_000 })
      .toBe('accepted');
    await expect.poll(() => province.getByTestId('decide-reopen').count()).toBe(1);
    await shot(province, 'review-11-province-accepted');
  });

  it('the commune can no longer edit', async () => {
    await syncNow(commune);
    await expect.poll(() => text(commune, 'submission-status')).toBe('Tỉnh đã công nhận');
    const inputs = commune.locator('[data-testid^="indicator-"] form input');
    const count = await inputs.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) expect(await inputs.nth(i).isDisabled()).toBe(true);
    expect(await text(commune, 'locked')).toBe(
      'Tỉnh đã công nhận kết quả: hồ sơ đã khóa. Chỉ tỉnh mở lại được để sửa.',
    );
    expect(await commune.getByTestId('submit-button').count()).toBe(0);
    expect(await commune.getByRole('button', { name: 'Chụp ảnh' }).count()).toBe(0);
    await commune.evaluate(() => window.scrollTo(0, 0));
    await shot(commune, 'review-12-commune-locked');
  });
}, 600_000);
