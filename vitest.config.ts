import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is ONE worker (cores − 1); integration files wait on PostgreSQL, child
    // processes and timers much of the time, so two run side by side (issue 9 §6: the suite under 15
    // minutes on 2 cores). Each file has its own database, directories and ports.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/domain/**/*.test.ts', 'src/shared/**/*.test.ts', 'src/web/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/server/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          // generous: some tests start real servers and CLIs, which take long on a loaded 2-core machine
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
