// Opening one submission's review screen offline with the CPU slowed 4× (issue 9, "Measure it"),
// in headless Debian Chromium. A district phone has signed in and synced (the submission, its
// answers, evidence records and thumbnails are on the phone, the service worker holds the app);
// then, with no network and DevTools CPU throttling at 4×:
// - reviewColdOpenMs: the app is opened straight at /review/<id> — navigation start until the last
//   indicator and its evidence are on screen (app start included);
// - reviewFromInboxMs: in the running app, a tap on the commune in the inbox until the same.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { allIndicators } from '../test/helpers/answers';
import { launchPhone } from '../test/helpers/browser';
import { signInOnPhone } from '../test/helpers/officer';
import { communeSubmits, PASSWORD, submissionOf } from '../test/helpers/review';
import { startServer } from '../test/helpers/server-process';
import { summarize } from './lib/stats';

const COMMUNE = '22783';
const RUNS = 5;
const LAST = allIndicators.at(-1)?.id ?? '';

/** The screen is usable: the last indicator rendered, with its thumbnails decoded if it has any. */
async function reviewReady(page: Page) {
  await page.getByTestId(`review-indicator-${LAST}`).waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction(
    () => [...document.querySelectorAll('img')].every((image) => image.complete),
    undefined,
    { timeout: 60_000 },
  );
}

async function warmUp(url: string, profile: string) {
  const context = await launchPhone({ profileDir: profile });
  try {
    const page = await context.newPage();
    await signInOnPhone(page, url, 'district-584', PASSWORD);
    await page.getByTestId(`inbox-row-${COMMUNE}`).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    // Every thumbnail on the phone before going offline (the prefetch after the first sync).
    await page.goto(`${url}/review/${encodeURIComponent(submissionOf(COMMUNE))}`);
    await reviewReady(page);
  } finally {
    await context.close();
  }
}

async function offlinePhone(profile: string) {
  const context = await launchPhone({ profileDir: profile });
  await context.setOffline(true);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page };
}

export async function measureReviewScreenOffline() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mc-review-open-'));
  const server = await startServer({
    env: { MC_DEMO_PASSWORD: PASSWORD, PASSWORD_HASH_COST: '10', LOG_LEVEL: 'warn' },
  });
  try {
    await communeSubmits(server, COMMUNE);
    await warmUp(server.url, profile);
    const cold: number[] = [];
    const fromInbox: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const { context, page } = await offlinePhone(profile);
      try {
        await page.goto(`${server.url}/review/${encodeURIComponent(submissionOf(COMMUNE))}`, {
          waitUntil: 'commit',
        });
        await reviewReady(page);
        cold.push(await page.evaluate(() => performance.now()));
        await page
          .getByRole('link', { name: /Danh sách/ })
          .first()
          .click();
        const row = page.getByTestId(`inbox-row-${COMMUNE}`);
        await row.waitFor({ timeout: 60_000 });
        const tappedAt = await page.evaluate(() => performance.now());
        await row.getByRole('link').first().click();
        await reviewReady(page);
        fromInbox.push((await page.evaluate(() => performance.now())) - tappedAt);
      } finally {
        await context.close();
      }
    }
    const coldStats = summarize(cold);
    const inboxStats = summarize(fromInbox);
    return {
      reviewColdOpenMs: coldStats.p50Ms,
      reviewColdOpenMaxMs: coldStats.maxMs,
      reviewFromInboxMs: inboxStats.p50Ms,
      reviewFromInboxMaxMs: inboxStats.maxMs,
      runs: RUNS,
      cpuThrottle: 4,
      workload: 'one submitted commune: 26 answers, its photos as thumbnails on the phone',
    };
  } finally {
    await server.stop();
    await rm(profile, { recursive: true, force: true });
  }
}
