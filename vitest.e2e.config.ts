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
  },
});
