import { defineConfig } from 'vitest/config';
import { integrationSettings, reporters } from './vitest.config.js';

// `npm run test:couchdb`: the central contract tests (provisioning, replication, central's rules, the proxy, staff accounts)
// against a real CouchDB 3 given by COUCHDB_URL. Not part of `npm test`, which runs them on pouchdb-server.
export default defineConfig({
  test: {
    reporters,
    projects: [
      {
        test: {
          name: 'couchdb',
          include: [
            'test/integration/sync/**/*.test.ts',
            'test/integration/sync-main/**/*.test.ts',
            'test/integration/staff/**/*.test.ts',
          ],
          globalSetup: ['test/integration/couchdbSetup.ts'],
          ...integrationSettings,
        },
      },
    ],
  },
});
