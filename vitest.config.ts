import { defineConfig } from 'vitest/config';

// The scheduling core's unit tests run again with the process in each of these zones (beside
// the machine's own, in 'unit'), so that no answer depends on where the code runs. Lord Howe
// shifts by 30 minutes for daylight saving, Kathmandu is offset by 5:45.
const processZones = ['UTC', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

// Three kinds of tests, told apart by file name (see README "Tests"). They run in that order:
// unit files in parallel, then integration files one at a time, then system files one at a time.
export default defineConfig({
  test: {
    // The JSON report feeds the one-line summary that scripts/test-all.sh prints last.
    reporters: ['default', ['json', { outputFile: '.cache/vitest-report.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'services/*/src/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      ...processZones.map((zone) => ({
        test: {
          name: `scheduling-core@${zone}`,
          sequence: { groupOrder: 0 },
          include: ['packages/scheduling-core/src/**/*.test.ts'],
          env: { TZ: zone },
        },
      })),
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['packages/*/test/**/*.integration.test.ts', 'services/*/test/**/*.integration.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'system',
          include: ['services/all-in-one/test/**/*.system.test.ts'],
          // After the integration tests, one file at a time: each starts a cluster of processes,
          // which would compete with other files for the machine's cores.
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
