// App figures for bench/results/app.json, in headless Debian Chromium:
// - answerSaveMs: the real save path (enqueue) in the browser's IndexedDB, median of 300 saves;
// - offlineColdStartMs: a phone that has signed in and synced before opens the app with no
//   network and the CPU throttled 4x (DevTools emulation): time from navigation start until the
//   checklist is on screen and answers can be typed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchPhone } from '../test/helpers/browser';
import { startServer } from '../test/helpers/server-process';
import { openPhotoLab } from '../test/fixtures/make-photos';
import { summarize } from './lib/stats';

const PASSWORD = 'bench-password-2025';

export async function measureAnswerSave() {
  const lab = await openPhotoLab();
  try {
    await lab.page.goto(lab.url.replace('photo-pipeline.html', 'answer-save.html'));
    await lab.page.waitForFunction(() => window.benchAnswerSave !== undefined);
    const times = await lab.page.evaluate(
      () => window.benchAnswerSave?.(300) ?? Promise.resolve([]),
    );
    const stats = summarize(times.slice(20)); // the first saves open the database
    return { answerSaveMs: stats.p50Ms, answerSaveP99Ms: stats.p99Ms, answerSaveRuns: stats.count };
  } finally {
    await lab.close();
  }
}

export async function measureOfflineColdStart() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mc-coldstart-'));
  const server = await startServer({
    env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10', LOG_LEVEL: 'warn' },
  });
  try {
    // Warm-up visit: sign in, sync, let the service worker take over.
    let context = await launchPhone({ profileDir: profile });
    let page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Tên đăng nhập').fill('commune-22783');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('indicator-1.1').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    await context.close();

    const samples: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      context = await launchPhone({ profileDir: profile });
      await context.setOffline(true);
      page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(server.url, { waitUntil: 'commit' });
      await page
        .getByTestId('indicator-1.1')
        .locator('input')
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      samples.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    const stats = summarize(samples);
    return {
      offlineColdStartMs: stats.p50Ms,
      offlineColdStartMaxMs: stats.maxMs,
      offlineColdStartRuns: stats.count,
      cpuThrottle: 4,
    };
  } finally {
    await server.stop();
    await rm(profile, { recursive: true, force: true });
  }
}
