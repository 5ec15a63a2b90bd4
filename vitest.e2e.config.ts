import { defineConfig } from 'vitest/config';

// End-to-end: the built PWA (dist/) served by the real server process, driven in Debian's
// Chromium. Files run one at a time: two Chromiums on a 2-core machine only make both flaky.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // A poll returns as soon as its state holds; the default 1 s deadline is too short right after
    // heavy work (photo processing, a service worker install) on a loaded 2-core machine, where
    // it failed runs that were merely slow. Polls that need longer still say so.
    expect: { poll: { timeout: 15_000 } },
  },
});
