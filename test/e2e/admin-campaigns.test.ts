import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from '../../src/shared/schemas/template';
import { launchPhone } from '../helpers/browser';
import { apiToken } from '../helpers/officer';
import { PASSWORD, artifacts, shot, signIn, syncNow, text } from '../helpers/review';
import { startServer, type RunningServer } from '../helpers/server-process';

/**
 * Campaigns in real Chromium at 360×640: the administrator creates a campaign on version 2 of the
 * template (imported as the templates screen does) for Bác Ái (584) only and opens it; Phước Bình (in 584), signed in before,
 * receives it at its next sync, chooses it and answers; Đô Vinh (another district) never sees it.
 * The deadline is extended with a reason and the officer sees the new date; the campaign is
 * closed and the officer's checklist becomes read-only.
 */
const CAMPAIGN = 'bac-ai-2026';
const TITLE = 'Đánh giá bổ sung huyện Bác Ái 2026';
const V2_MARK = '(phiên bản 2)';

describe('campaigns from the administrator to the officer', () => {
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  let admin: Page;
  let officer: Page;
  let outsider: Page;
  const item = () => admin.getByTestId(`campaign-${CAMPAIGN}`);

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({ env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' } });
    // A second version of the checklist, as the templates screen imports it (admin-templates
    // e2e): the campaign is bound to it, and the officer must get that version's questions.
    const shipped = Template.parse(
      JSON.parse(await readFile(path.resolve('data/template-cds-xa-2025.json'), 'utf8')),
    );
    const second = structuredClone(shipped);
    const first = second.pillars[0]?.indicators[0];
    if (!first) throw new Error('the shipped template has no first indicator');
    first.title = { ...first.title, vi: `${first.title.vi} ${V2_MARK}` };
    const token = await apiToken(server.url, 'admin', PASSWORD, 'admin laptop');
    const imported = await fetch(`${server.url}/api/admin/templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(second),
    });
    expect(imported.status).toBe(201);
    for (let i = 0; i < 3; i += 1) contexts.push(await launchPhone());
    [admin, officer, outsider] = (await Promise.all(contexts.map((c) => c.newPage()))) as [
      Page,
      Page,
      Page,
    ];
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
  });

  it('two officers sign in before the campaign exists', async () => {
    await signIn(officer, server, 'commune-22783', 'total-score');
    await signIn(outsider, server, 'commune-22738', 'total-score');
    expect(await officer.getByTestId('campaign-select').count()).toBe(0);
  }, 120_000);

  it('the administrator creates a draft for Bác Ái and opens it', async () => {
    await signIn(admin, server, 'admin', 'admin-menu');
    await admin.goto(`${server.url}/admin/campaigns`);
    await admin.getByTestId('campaign-cds-2025').waitFor();
    await admin.getByLabel('Tên đợt (tiếng Việt)').fill(TITLE);
    await admin.getByLabel('Mã đợt (không bắt buộc, ví dụ bac-ai-2026)').fill(CAMPAIGN);
    await admin.getByLabel('Mẫu phiếu và phiên bản').selectOption('cds-xa-2025.v2');
    await admin.getByLabel('Từ ngày').fill('2026-01-01');
    await admin.getByLabel('Đến ngày').fill('2026-06-30');
    await admin.getByLabel('Hạn nộp (giờ Việt Nam)').fill('2026-07-15T17:00');
    await admin.getByTestId('assign-under-584').check();
    await expect.poll(() => text(admin, 'units-chosen')).toMatch(/^Đã chọn \d+ xã$/);
    await admin.getByTestId('units-chosen').scrollIntoViewIfNeeded();
    await shot(admin, 'admin-campaigns-1-form');
    await admin.getByTestId('campaign-create').click();
    await item().getByTestId('campaign-status').waitFor();
    expect(await item().getByTestId('campaign-status').textContent()).toBe('Bản nháp');
    expect(await item().getByTestId('campaign-summary').textContent()).toMatch(
      /^Mẫu cds-xa-2025 phiên bản 2 · \d+ xã · hạn nộp .*15\/07\/2026/,
    );
    await item().getByTestId('campaign-open').click();
    await expect.poll(() => item().getByTestId('campaign-status').textContent()).toBe('Đang mở');
    await item().scrollIntoViewIfNeeded();
    await shot(admin, 'admin-campaigns-2-opened');
  });

  it('the Bác Ái officer receives it, chooses it and answers', async () => {
    await syncNow(officer);
    const select = officer.getByTestId('campaign-select');
    await select.waitFor();
    await select.selectOption(CAMPAIGN);
    await officer.getByText(TITLE, { exact: true }).first().waitFor();
    await expect.poll(() => text(officer, 'campaign-deadline')).toMatch(/^Hạn nộp: .*15\/07\/2026/);
    // The campaign's own template version: its first question as version 2 words it.
    expect(await text(officer, 'indicator-1.1')).toContain(V2_MARK);
    await officer.getByTestId('indicator-1.1').getByRole('radio').first().check();
    await syncNow(officer);
    expect(await officer.getByRole('alert').count()).toBe(0);
    await shot(officer, 'admin-campaigns-3-officer-chose');
    // The choice stays on the device.
    await officer.reload();
    await officer.getByTestId('campaign-select').waitFor();
    expect(await officer.getByTestId('campaign-select').inputValue()).toBe(CAMPAIGN);
  });

  it('an officer outside Bác Ái does not get it', async () => {
    await syncNow(outsider);
    await outsider.getByTestId('campaign-deadline').waitFor();
    expect(await outsider.getByTestId('campaign-select').count()).toBe(0);
    expect(await outsider.getByText(TITLE).count()).toBe(0);
  });

  it('an extended deadline reaches the officer', async () => {
    await item().getByTestId('campaign-extend').click();
    await item().getByLabel('Hạn nộp mới').fill('2026-08-15T17:00');
    await item().getByLabel('Lý do gia hạn (bắt buộc)').fill('Mưa bão kéo dài tháng 7');
    await item().getByRole('button', { name: 'Lưu hạn mới' }).click();
    await expect
      .poll(() => item().getByTestId('campaign-summary').textContent())
      .toMatch(/15\/08\/2026/);
    await syncNow(officer);
    await expect.poll(() => text(officer, 'campaign-deadline')).toMatch(/^Hạn nộp: .*15\/08\/2026/);
  });

  it('a closed campaign makes the checklist read-only', async () => {
    await item().getByTestId('campaign-close').click();
    await item().getByTestId('close-confirm').waitFor();
    await shot(admin, 'admin-campaigns-4-close-confirm');
    await item().getByTestId('close-yes').click();
    await expect.poll(() => item().getByTestId('campaign-status').textContent()).toBe('Đã đóng');
    await syncNow(officer);
    await officer.getByTestId('locked').waitFor();
    expect(await text(officer, 'locked')).toBe(
      'Đợt đánh giá đã đóng: phiếu chỉ để xem, không sửa hay gửi được nữa.',
    );
    expect(await text(officer, 'campaign-deadline')).toMatch(/đã đóng/);
    await officer.evaluate(() => window.scrollTo(0, 0));
    await shot(officer, 'admin-campaigns-5-officer-closed');
  });
});
