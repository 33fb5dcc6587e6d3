import { defineConfig } from 'vitest/config';

/** Browser journeys: one real server (built web app, demo data) and Debian's Chromium. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // a page redraws after a write or a search in well under a second on an idle machine, but CI and a
    // loaded machine can take seconds: wait up to 15 s (an answer that never comes still fails)
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
