import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPhone } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server-process';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
const root = path.resolve(import.meta.dirname, '../..');

describe('the app shell in real Chromium on a phone', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    server = await startServer();
    context = await launchPhone();
    page = await context.newPage();
    // Everything the console says, and every CSP violation the page reports, from the first load.
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('shows the product, the province and the template in Vietnamese', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Minh Chứng');
    await expect
      .poll(() => page.getByTestId('province-name').textContent())
      .toBe('Tỉnh Ninh Thuận');
    expect(await page.getByTestId('template-title').textContent()).toBe(
      'Bộ tiêu chí đánh giá chuyển đổi số cấp xã năm 2025',
    );
    expect(await page.getByTestId('pillar-list').locator('li').count()).toBe(8);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await page.screenshot({ path: path.join(artifacts, 'shell-online.png'), fullPage: true });
  });

  it('breaks no rule of its Content Security Policy (zod runs jitless: no eval probe)', async () => {
    // The shell has defined and used its zod schemas by now (the province name is parsed data).
    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    expect(violations).toEqual([]);
    expect(
      consoleLines.filter((line) => /content security policy|unsafe-eval/i.test(line)),
    ).toEqual([]);
  });

  it('serves a real robots.txt, not the app shell', async () => {
    const response = await fetch(`${server.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toBe(await readFile(path.join(root, 'public/robots.txt'), 'utf8'));
    expect(body).toMatch(/^User-agent: \*$/m);
    expect(body).not.toContain('<html');
  });

  it('registers a service worker that precaches the shell', async () => {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/`);
    const cachedUrls = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names)
        urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
      return urls;
    });
    expect(cachedUrls.some((url) => url.includes('/index.html'))).toBe(true);
    expect(cachedUrls.some((url) => /\/assets\/.+\.js/.test(url))).toBe(true);
  });

  it('loads again with the network gone and still shows everything', async () => {
    await context.setOffline(true);
    // The server is stopped too, so nothing can leak through a network path we did not think of.
    server.process.kill('SIGSTOP');
    try {
      await page.reload({ waitUntil: 'domcontentloaded' });
      await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Minh Chứng');
      await expect
        .poll(() => page.getByTestId('province-name').textContent())
        .toBe('Tỉnh Ninh Thuận');
      expect(await page.getByTestId('template-title').textContent()).toContain('chuyển đổi số');
      await expect
        .poll(() => page.getByTestId('network-badge').textContent())
        .toContain('ngoại tuyến');
      await page.screenshot({ path: path.join(artifacts, 'shell-offline.png'), fullPage: true });
    } finally {
      server.process.kill('SIGCONT');
      await context.setOffline(false);
    }
  });

  it('switches to English completely', async () => {
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await expect
      .poll(() => page.getByTestId('template-title').textContent())
      .toBe('Commune digital-transformation assessment 2025');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: path.join(artifacts, 'shell-english.png'), fullPage: true });
  });
});
