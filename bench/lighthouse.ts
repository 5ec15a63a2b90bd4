// Lighthouse for bench/results/app.json (the app shell, issue 8 §6) and province.json (the public
// results page): mobile form factor (the default config: a mid-range phone on slow 4G, simulated
// throttling), Debian's Chromium, pages served by the real server. Records the four category
// scores and TBT/LCP.
//
// The npm `lighthouse` package is not a dependency yet: without it this returns why it did not
// run, and `npm run bench` says so and keeps the old section rather than inventing figures.
import { startServer } from '../test/helpers/server-process';
import { CHROMIUM_PATH } from '../test/helpers/browser';
import { chromium } from 'playwright-core';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const DEBUGGING_PORT = 9333;

type LighthouseRun = (
  url: string,
  flags: Record<string, unknown>,
) => Promise<{ lhr: LighthouseResult } | undefined>;

interface LighthouseResult {
  lighthouseVersion: string;
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { numericValue?: number } | undefined>;
}

export type LighthouseOutcome =
  { ran: true; figures: Record<string, number | string | null> } | { ran: false; reason: string };

/** The package's default export, if the package is installed. */
async function loadLighthouse(): Promise<LighthouseRun | null> {
  // A computed specifier: the package is optional, so neither tsc nor the bundler may insist on it.
  const specifier = 'lighthouse';
  let module: unknown;
  try {
    module = await import(specifier);
  } catch {
    return null;
  }
  const run: unknown =
    typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : null;
  if (typeof run !== 'function') return null;
  return async (url, flags) => {
    const result: unknown = await Reflect.apply(run, undefined, [url, flags]);
    return isRunnerResult(result) ? result : undefined;
  };
}

function isRunnerResult(value: unknown): value is { lhr: LighthouseResult } {
  if (typeof value !== 'object' || value === null || !('lhr' in value)) return false;
  const { lhr } = value;
  return typeof lhr === 'object' && lhr !== null && 'categories' in lhr && 'audits' in lhr;
}

const score = (lhr: LighthouseResult, id: string) => {
  const value = lhr.categories[id]?.score;
  return typeof value === 'number' ? Math.round(value * 100) : null;
};

const millis = (lhr: LighthouseResult, id: string) => {
  const value = lhr.audits[id]?.numericValue;
  return typeof value === 'number' ? Math.round(value) : null;
};

/**
 * Lighthouse (mobile) on one page of a running server, in Debian's Chromium: the four category
 * scores with TBT and LCP; or why it did not run.
 */
export async function lighthouseAt(url: string): Promise<LighthouseOutcome> {
  const lighthouse = await loadLighthouse();
  if (!lighthouse)
    return {
      ran: false,
      reason: 'the npm package "lighthouse" is not installed (npm i -D lighthouse)',
    };
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      `--remote-debugging-port=${DEBUGGING_PORT}`,
    ],
  });
  try {
    const result = await lighthouse(url, {
      port: DEBUGGING_PORT,
      output: 'json',
      logLevel: 'error',
      formFactor: 'mobile',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) return { ran: false, reason: 'lighthouse returned no result' };
    const { lhr } = result;
    return {
      ran: true,
      figures: {
        lighthouseVersion: lhr.lighthouseVersion,
        formFactor: 'mobile',
        performance: score(lhr, 'performance'),
        accessibility: score(lhr, 'accessibility'),
        bestPractices: score(lhr, 'best-practices'),
        seo: score(lhr, 'seo'),
        totalBlockingTimeMs: millis(lhr, 'total-blocking-time'),
        largestContentfulPaintMs: millis(lhr, 'largest-contentful-paint'),
      },
    };
  } finally {
    await browser.close();
  }
}

/** Lighthouse on the app shell, served by the real server with the built app. */
export async function measureLighthouse(): Promise<LighthouseOutcome> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  try {
    return await lighthouseAt(server.url);
  } finally {
    await server.stop();
  }
}
