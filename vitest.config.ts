import { defineConfig } from 'vitest/config';

// Three projects, run in this order by `npm test`: unit (pure logic, services, fakes), integration (real
// pcscd/vpcd, socat ptys, pouchdb-server, WebSocket), e2e (Chromium through playwright-core).
/** What the integration suites share (`npm run test:couchdb` runs part of it against a real CouchDB). */
export const integrationSettings = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  fileParallelism: false,
} as const;
export const reporters = ['default', './test/setup/summaryReporter.ts'];

export default defineConfig({
  test: {
    reporters,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/globalSetup.ts'],
          ...integrationSettings,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
