import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium; never a browser downloaded by a test tool. CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Root in a container needs --no-sandbox; the rest keep Chromium from phoning home on a machine
// with no network, which otherwise stalls start-up with refused connections.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export const PHONE_VIEWPORT = { width: 360, height: 640 };

/**
 * A persistent context (a real profile directory) so service workers, caches and IndexedDB behave
 * as on a phone across reloads. Playwright wants `launchPersistentContext(dir)`, not
 * `--user-data-dir`.
 */
export async function launchPhone(options: { profileDir?: string } = {}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's "chromium" package (see .ci/run)`,
    );
  }
  const profileDir = options.profileDir ?? (await mkdtemp(path.join(os.tmpdir(), 'mc-profile-')));
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers: 'allow',
  });
}
