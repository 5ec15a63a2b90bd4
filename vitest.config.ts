import { defineConfig } from 'vitest/config';

// Unit tests run in jsdom with fake-indexeddb (see test/helpers/setup.ts); the shared core's tests
// would pass in plain Node too, which is the point of keeping it pure.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['test/helpers/setup.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
  },
});
