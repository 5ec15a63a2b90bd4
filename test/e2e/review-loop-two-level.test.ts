import { mkdir, rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentInfo } from '../../src/shared/api/public';
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
import { writeTwoLevelShippedData } from '../helpers/two-level';

/**
 * The review loop on a 2-level tree, as since July 2025: the province's communes sit directly
 * under it and the province-level unit reviews them. The deployment ships its own tree
 * (SHIPPED_DATA_DIR): Ninh Thuận with three communes and no districts. Three phones at 360×640:
 * the commune submits; the province-level reviewer (`district-58`, the seed's reviewer account at
 * the root) returns two indicators with reasons; the commune, offline, sees them and fixes one,
 * resubmits online; the reviewer sees what changed and approves; the province officer accepts; the
 * commune can no longer edit. Nowhere may the screens say "huyện": there is no district.
 */
const COMMUNE = '22783';
const TREE = [COMMUNE, '22786', '22738'];
const REVIEWER = 'district-58';
const REASONS = {
  '1.2': 'Số cuộc họp chưa khớp biên bản: kiểm tra lại.',
  '3.3': 'Ảnh đo sóng không có định vị GPS.',
};

const visibleText = (page: Page) => page.locator('body').innerText();

describe('the review loop on a 2-level tree (province directly above communes)', () => {
  let shippedDir: string;
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  let commune: Page;
  let reviewer: Page;
  let province: Page;

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    shippedDir = await writeTwoLevelShippedData(TREE);
    server = await startServer({
      env: { SHIPPED_DATA_DIR: shippedDir, MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' },
    });
    for (let i = 0; i < 3; i += 1) contexts.push(await launchPhone());
    [commune, reviewer, province] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
      Page,
      Page,
      Page,
    ];
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
    if (shippedDir) await rm(shippedDir, { recursive: true, force: true });
  });

  it('the server runs the deployment’s own tree: a province and three communes', async () => {
    const response = await fetch(`${server.url}/api/public/deployment`);
    const body = DeploymentInfo.parse(await response.json());
    expect(body.levels).toEqual(['province', 'commune']);
    expect(body.unitCounts).toEqual({ province: 1, commune: 3 });
  });

  it('the commune submits; its phone names the province as its reviewer', async () => {
    await signIn(commune, server, `commune-${COMMUNE}`, 'submission-status');
    expect(await text(commune, 'submit-button')).toBe('Gửi UBND tỉnh Ninh Thuận thẩm định');
    await communeSubmits(server, COMMUNE);
    await syncNow(commune);
    await expect.poll(() => text(commune, 'submission-status')).toBe('Đã gửi thẩm định');
    expect(await visibleText(commune)).not.toMatch(/huyện/i);
    await commune.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 20_000,
    });
    await shot(commune, 'review2-1-commune-submitted');
  });

  it('the province-level reviewer’s inbox lists the tree’s communes, the submission waiting', async () => {
    await signIn(reviewer, server, REVIEWER, 'inbox-list');
    const rows = reviewer.getByTestId(/^inbox-row-/);
    await expect.poll(() => rows.count()).toBe(TREE.length);
    const ids = await rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    expect(ids.sort()).toEqual(TREE.map((code) => `inbox-row-${code}`).sort());
    expect(await text(reviewer, `inbox-row-${COMMUNE}`)).toContain('Chờ thẩm định');
    expect(await visibleText(reviewer)).not.toMatch(/huyện/i);
    await shot(reviewer, 'review2-2-reviewer-inbox');
    await reviewer.getByLabel('Tìm đơn vị').fill('phuoc binh');
    await expect.poll(() => rows.count()).toBe(1);
  });

  it('the reviewer opens the submission, thumbnails on the phone', async () => {
    await reviewer.getByRole('link', { name: 'Mở hồ sơ Xã Phước Bình' }).click();
    await reviewer.getByTestId('review-screen').waitFor();
    const card = reviewer.getByTestId('review-indicator-1.1');
    await expect.poll(() => card.getByTestId('thumbnail').count(), { timeout: 30_000 }).toBe(1);
    expect(await visibleText(reviewer)).not.toMatch(/huyện/i);
    await shot(reviewer, 'review2-3-reviewer-review-screen');
  });

  it('the reviewer returns two indicators with reasons', async () => {
    for (const [indicatorId, reason] of Object.entries(REASONS)) {
      await reviewer.getByLabel(`Lý do trả lại chỉ tiêu ${indicatorId} (nếu có)`).fill(reason);
    }
    const returnButton = reviewer.getByTestId('decide-return');
    await returnButton.scrollIntoViewIfNeeded();
    await shot(reviewer, 'review2-4-reviewer-return');
    await returnButton.click();
    await expect
      .poll(() => onServer(server, COMMUNE).then((s) => s.status), { timeout: 30_000 })
      .toBe('returned');
    await expect.poll(() => reviewer.getByTestId('decision-pending').count()).toBe(0);
    expect(await text(reviewer, 'review-status')).toBe('Đã trả lại');
    const returns = (await onServer(server, COMMUNE)).reviews.filter(
      (r) => r.decision === 'return',
    );
    expect(returns.map((r) => [r.indicatorId, r.reason]).sort()).toEqual(
      Object.entries(REASONS).sort(),
    );
  });

  it('the commune phone, offline, shows each reason beside its indicator and takes a fix', async () => {
    await syncNow(commune);
    await expect.poll(() => text(commune, 'submission-status')).toBe('Bị trả lại — cần sửa');
    await contexts[0]?.setOffline(true);
    await commune.reload({ waitUntil: 'domcontentloaded' });
    for (const [indicatorId, reason] of Object.entries(REASONS)) {
      const note = commune.getByTestId(`indicator-${indicatorId}`).getByRole('note');
      await expect.poll(() => note.textContent(), { timeout: 20_000 }).toContain(reason);
    }
    await commune.getByTestId('indicator-1.2').scrollIntoViewIfNeeded();
    await shot(commune, 'review2-5-commune-reasons-offline');
    await commune.getByTestId('indicator-1.2').getByRole('textbox', { name: 'cuộc họp' }).fill('4');
    await expect
      .poll(() =>
        commune.getByTestId('sync-chip-count').locator('[aria-hidden="true"]').textContent(),
      )
      .toBe('1');
  });

  it('back online, the commune resubmits to the province', async () => {
    await contexts[0]?.setOffline(false);
    await syncNow(commune);
    const submit = commune.getByTestId('submit-button');
    await submit.scrollIntoViewIfNeeded();
    await submit.click();
    await expect
      .poll(() => text(commune, 'submit-state'), { timeout: 30_000 })
      .toBe('Máy chủ đã nhận hồ sơ. UBND tỉnh Ninh Thuận sẽ thẩm định.');
    expect((await onServer(server, COMMUNE)).status).toBe('submitted');
    await shot(commune, 'review2-6-commune-resubmitted');
  });

  it('the reviewer sees what changed since the return and approves', async () => {
    await syncNow(reviewer);
    await expect.poll(() => text(reviewer, 'review-status')).toBe('Chờ thẩm định');
    const changed = reviewer.getByTestId('changed-1.2');
    await expect.poll(() => changed.textContent(), { timeout: 20_000 }).toMatch(/ → 4$/);
    expect(await reviewer.locator('[data-testid^="changed-"]').count()).toBe(1);
    await reviewer.getByTestId('changes-since').scrollIntoViewIfNeeded();
    await shot(reviewer, 'review2-7-reviewer-changes-since');
    await reviewer.getByTestId('decide-approve').click();
    await expect
      .poll(() => onServer(server, COMMUNE).then((s) => s.status), { timeout: 30_000 })
      .toBe('approved');
    await reviewer.getByTestId('review-status').scrollIntoViewIfNeeded();
    await shot(reviewer, 'review2-8-reviewer-approved');
  });

  it('the province officer accepts from its inbox', async () => {
    await signIn(province, server, 'province', 'inbox-list');
    expect(await province.getByTestId(/^inbox-row-/).count()).toBe(1);
    await shot(province, 'review2-9-province-inbox');
    await province.getByRole('link', { name: 'Mở hồ sơ Xã Phước Bình' }).click();
    await province.getByTestId('decide-accept').click();
    await expect
      .poll(() => onServer(server, COMMUNE).then((s) => s.status), { timeout: 30_000 })
      .toBe('accepted');
    await expect.poll(() => province.getByTestId('decide-reopen').count()).toBe(1);
    await shot(province, 'review2-10-province-accepted');
  });

  it('the commune can no longer edit', async () => {
    await syncNow(commune);
    await expect.poll(() => text(commune, 'submission-status')).toBe('Tỉnh đã công nhận');
    const inputs = commune.locator('[data-testid^="indicator-"] form input');
    const count = await inputs.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) expect(await inputs.nth(i).isDisabled()).toBe(true);
    expect(await commune.getByTestId('submit-button').count()).toBe(0);
    expect(await commune.getByRole('button', { name: 'Chụp ảnh' }).count()).toBe(0);
    await commune.evaluate(() => window.scrollTo(0, 0));
    await shot(commune, 'review2-11-commune-locked');
  });
}, 600_000);
