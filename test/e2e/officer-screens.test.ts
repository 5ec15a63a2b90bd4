// The officer's screens at 360×640 in real Chromium, in Vietnamese and English: the checklist top,
// a jump to a missing indicator, the pillar jump, and the submit panel in each of its states,
// plus the app opened over plain HTTP on a LAN address. Screenshots go to test/e2e/artifacts/;
// the assertions are facts (positions against the sticky bar, button states, texts), not pixels.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allIndicators } from '../helpers/answers';
import { launchPhone } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server-process';

const PASSWORD = 'mat-khau-e2e-2025';
const artifacts = path.resolve(import.meta.dirname, 'artifacts');

/** This machine's own non-loopback IPv4 address: to Chromium, http:// there is not secure. */
function lanAddress(): string {
  for (const entries of Object.values(os.networkInterfaces())) {
    const found = entries?.find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (found) return found.address;
  }
  throw new Error('no non-loopback IPv4 address: the plain-HTTP case needs one');
}

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).textContent()) ?? '';

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** Where the sticky app bar and pillar select end: nothing a jump lands on may be above this. */
const stickyBottom = (page: Page) =>
  page.evaluate(() =>
    Math.max(
      ...['.app-bar', '.pillar-jump'].map(
        (selector) => document.querySelector(selector)?.getBoundingClientRect().bottom ?? 0,
      ),
    ),
  );

const topOf = (page: Page, selector: string) =>
  page.evaluate((s) => document.querySelector(s)?.getBoundingClientRect().top ?? -1, selector);

/** Visible text with no i18n key (checklist.submit) and none of the English of the old bugs. */
async function expectCleanVietnamese(page: Page) {
  const visible = await page.evaluate(() => document.body.innerText);
  expect(visible).not.toMatch(
    /\b(?:app|auth|sync|shell|checklist|network|evidence|queue|refusal|input)\.[a-zA-Z_]+/,
  );
  expect(visible).not.toMatch(/changes waiting|Failed to fetch|points|Send|Synced|Offline/);
}

async function signIn(page: Page, url: string, username: string, labels = VI_LABELS) {
  await page.goto(url);
  await page.getByLabel(labels.username).fill(username);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByTestId('submission-status').waitFor({ timeout: 20_000 });
}
const VI_LABELS = { username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập' };
const EN_LABELS = { username: 'Username', password: 'Password', submit: 'Sign in' };

/** Answers every indicator with a valid value, as an officer would, one control at a time. */
async function answerEverything(page: Page) {
  for (const indicator of allIndicators) {
    const card = page.getByTestId(`indicator-${indicator.id}`);
    switch (indicator.type) {
      case 'boolean':
      case 'choice':
        await card.getByRole('radio').first().check();
        break;
      case 'count':
        await card.locator('input[inputmode="numeric"]').fill('5');
        break;
      case 'percent':
        await card.locator('input[inputmode="decimal"]').fill('95');
        break;
      case 'ratio':
        await card.locator('input[inputmode="decimal"]').nth(0).fill('9');
        await card.locator('input[inputmode="decimal"]').nth(1).fill('10');
        break;
      default:
        throw new Error(`no filler for ${indicator.type}`);
    }
  }
  await expect
    .poll(() => page.getByTestId('submit-panel').getAttribute('data-state'), { timeout: 20_000 })
    .toBe('ready');
}

/** Opens the missing list, taps the entry for `indicatorId`, and checks where the card landed. */
async function jumpToMissing(page: Page, indicatorId: string) {
  await page.getByTestId('missing-summary').locator('summary').click();
  const anchor = `#ind-${indicatorId.replace(/[^a-zA-Z0-9]/g, '-')}-title`;
  await page.locator(`a[href="${anchor}"]`).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(anchor);
  const bar = await stickyBottom(page);
  const top = await topOf(page, anchor);
  // Below the sticky bars (not hidden under them) and on screen.
  expect(top).toBeGreaterThanOrEqual(bar);
  expect(top).toBeLessThan(640 / 2);
}

/** The submit panel from its top, its missing list folded again (it was opened for the jump). */
async function showPanelTop(page: Page) {
  await page.getByTestId('submit-panel').evaluate((element) => element.scrollIntoView());
}

async function showPanel(page: Page) {
  const details = page.getByTestId('missing-summary');
  if (await details.evaluate((element) => (element as HTMLDetailsElement).open))
    await details.locator('summary').click();
  await page.getByTestId('submit-panel').evaluate((element) => element.scrollIntoView());
}

describe('the officer screens on a 360×640 phone', () => {
  let server: RunningServer;
  const contexts: BrowserContext[] = [];

  async function phone(): Promise<Page> {
    const context = await launchPhone();
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer({
      env: { HOST: '0.0.0.0', MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10' },
    });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await server?.stop();
  });

  it('in Vietnamese: top, jumps, and the submit panel from incomplete to on the server', async () => {
    const page = await phone();
    await signIn(page, server.url, 'commune-22783');
    await expect.poll(() => text(page, 'sync-chip')).toMatch(/^Đã đồng bộ/);
    // One line of app bar: the summary starts in the top fifth of the screen.
    const appBarBottom = await page.evaluate(
      () => document.querySelector('.app-bar')?.getBoundingClientRect().bottom ?? 0,
    );
    expect(appBarBottom).toBeLessThanOrEqual(60);
    expect(await topOf(page, '.summary')).toBeLessThan(640 * 0.2);
    expect(await page.getByTestId('insecure-notice').count()).toBe(0);
    expect(await page.locator('.summary h2').textContent()).toBe('Xã Phước Bình');
    expect(await text(page, 'total-score')).toBe('Điểm tạm tính: 0/1.000');
    await shoot(page, 'screens-vi-checklist-top');
    await expectCleanVietnamese(page);

    // The pillar select lands pillar 6's heading below the sticky bars.
    await page.getByTestId('pillar-jump').selectOption({ index: 6 });
    const pillar = await page.evaluate(() => document.querySelectorAll('.pillar-head')[5]?.id);
    expect(await topOf(page, `#${pillar}`)).toBeGreaterThanOrEqual(await stickyBottom(page));
    expect(await topOf(page, `#${pillar}`)).toBeLessThan(640 / 2);

    // Incomplete: the button is disabled, and the sentence beside it says so and why.
    const button = page.getByTestId('submit-button');
    await button.scrollIntoViewIfNeeded();
    expect(await button.textContent()).toBe('Gửi UBND huyện Bác Ái thẩm định');
    expect(await button.isDisabled()).toBe(true);
    expect(await text(page, 'submit-state')).toBe(
      `Chưa gửi được: còn ${allIndicators.length} chỉ tiêu chưa trả lời. Trả lời hết thì nút Gửi mới bấm được.`,
    );
    await shoot(page, 'screens-vi-submit-incomplete');

    await jumpToMissing(page, '3.2');
    await shoot(page, 'screens-vi-jump-missing');

    // Everything answered, no evidence: enabled, with the zero-points warning.
    await answerEverything(page);
    await showPanel(page);
    expect(await button.isDisabled()).toBe(false);
    expect(await text(page, 'zero-warning')).toMatch(
      /^\d+ chỉ tiêu thiếu minh chứng sẽ được 0 điểm\. Vẫn gửi được, nhưng nên đính kèm minh chứng trước\.$/,
    );
    await shoot(page, 'screens-vi-submit-ready');
    await expectCleanVietnamese(page);

    // Submitted with no connection: pending on the phone, said as such.
    await page.context().setOffline(true);
    const total = (await text(page, 'total-score')).replace('Điểm tạm tính: ', '');
    const dialog = new Promise<string>((resolve) =>
      page.once('dialog', (d) => {
        resolve(d.message());
        void d.accept();
      }),
    );
    await button.click();
    const message = await dialog;
    expect(message).toContain('Gửi hồ sơ cho UBND huyện Bác Ái thẩm định?');
    expect(message).toContain(`Điểm tự đánh giá: ${total}.`);
    expect(message).toMatch(/chỉ tiêu thiếu minh chứng nên được 0 điểm: 1\.1, /);
    await expect
      .poll(() => text(page, 'submit-state'))
      .toMatch(/^Hồ sơ đã gửi trên máy này nhưng chưa lên máy chủ/);
    await expect.poll(() => text(page, 'sync-chip')).toMatch(/^Ngoại tuyến/);
    expect(await page.getByTestId('sync-chip-count').getAttribute('title')).toMatch(
      /^\d+ chờ gửi$/,
    );
    await showPanelTop(page);
    await shoot(page, 'screens-vi-submit-pending');

    // Back online: once the server has it, the panel and the chip agree.
    await page.context().setOffline(false);
    await page.getByTestId('sync-chip').click();
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await expect
      .poll(() => text(page, 'submit-state'), { timeout: 30_000 })
      .toBe('Máy chủ đã nhận hồ sơ. UBND huyện Bác Ái sẽ thẩm định.');
    await expect.poll(() => text(page, 'sync-chip')).toMatch(/^Đã đồng bộ/);
    await shoot(page, 'screens-vi-submit-on-server');
    await expectCleanVietnamese(page);
  }, 180_000);

  it('in English: English unit names, the same states in English', async () => {
    const page = await phone();
    await page.goto(server.url);
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    // The switch has taken effect on this page before the sign-in navigates again.
    await page.getByLabel(EN_LABELS.username).waitFor();
    await signIn(page, server.url, 'commune-22846', EN_LABELS);
    await expect.poll(() => text(page, 'sync-chip')).toMatch(/^Synced/);
    expect(await page.locator('.summary h2').textContent()).toBe('Vinh Hai Commune');
    expect(await text(page, 'total-score')).toBe('Provisional score: 0/1,000');
    await shoot(page, 'screens-en-checklist-top');

    const button = page.getByTestId('submit-button');
    await button.scrollIntoViewIfNeeded();
    expect(await button.textContent()).toBe('Send to Ninh Hai District for review');
    expect(await button.isDisabled()).toBe(true);
    expect(await text(page, 'submit-state')).toBe(
      `Cannot send yet: ${allIndicators.length} indicators are not answered. Answer every indicator to enable Send.`,
    );
    await shoot(page, 'screens-en-submit-incomplete');
    await jumpToMissing(page, '5.1');
    await shoot(page, 'screens-en-jump-missing');

    await answerEverything(page);
    await showPanel(page);
    expect(await button.isDisabled()).toBe(false);
    expect(await text(page, 'zero-warning')).toMatch(
      /^\d+ indicators have no evidence: you can still send, but they score 0\.$/,
    );
    await shoot(page, 'screens-en-submit-ready');

    page.once('dialog', (d) => void d.accept());
    await button.click();
    await expect
      .poll(() => text(page, 'submit-state'), { timeout: 30_000 })
      .toBe('The server has the submission. Ninh Hai District will review it.');
    await showPanelTop(page);
    await shoot(page, 'screens-en-submit-on-server');
    const visible = await page.evaluate(() => document.body.innerText);
    expect(visible).not.toMatch(/\b(?:sync|shell|checklist|network)\.[a-zA-Z_]+/);
  }, 180_000);

  it('over plain HTTP on a LAN address: loads, works online, and says offline needs HTTPS', async () => {
    const page = await phone();
    const url = `http://${lanAddress()}:${server.port}`;
    await page.goto(url);
    await page.getByTestId('app-name').waitFor();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    // No service worker outside a secure context, so no offline install: the notice says so.
    expect(await page.evaluate(() => 'serviceWorker' in navigator)).toBe(false);
    expect(await text(page, 'insecure-notice')).toMatch(/^Bạn đang mở ứng dụng qua HTTP/);
    await shoot(page, 'screens-vi-http-lan');
    await signIn(page, url, 'commune-22810');
    expect(await text(page, 'submission-status')).toBe('Đang soạn');
    await page.getByTestId('indicator-1.1').getByRole('radio').first().check();
    await expect.poll(() => text(page, 'progress')).toBe('Đã trả lời 1/26 chỉ tiêu');
    await expect.poll(() => text(page, 'sync-chip'), { timeout: 20_000 }).toMatch(/^Đã đồng bộ/);
  }, 120_000);
});
