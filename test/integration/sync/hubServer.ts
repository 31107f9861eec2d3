// The hospital hub for the integration tests: a second pouchdb-server on disk (so it can be restarted with what
// it holds, on the same port) whose `_replicator` is a plain database (the relay is hubRelay.ts), or under `npm run test:couchdb` a second database on the same CouchDB 3 as
// central (`clinic_<hcode>_hub`; provision-hub lets the names differ for this), whose `_replicator` then
// really runs the relay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CENTRAL_ADMIN, startCentral, type Central } from './centralServer.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';

export interface Hub {
  readonly admin: { readonly hubUrl: string; readonly hubAdminUser: string; readonly hubAdminPassword: string };
  readonly adminHeaders: Record<string, string>;
  readonly database: string;
  readonly port: number;
  /** True when the hub is a database on the CouchDB that is central too. */
  readonly sharesCentral: boolean;
  /** Stops the server and starts it again on the same port with what it held (pouchdb-server only). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function centralIsCouchDb(): boolean {
  return process.env['EDGE_TEST_CENTRAL_IS_COUCHDB'] === '1';
}

export async function startHub(hcode: string): Promise<Hub> {
  const adminHeaders = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };
  if (centralIsCouchDb()) {
    const url = process.env['EDGE_TEST_CENTRAL_URL'] ?? '';
    return {
      admin: { hubUrl: url, hubAdminUser: CENTRAL_ADMIN.user, hubAdminPassword: CENTRAL_ADMIN.password },
      adminHeaders,
      database: `${databaseName(hcode)}_hub`,
      port: Number(new URL(url).port),
      sharesCentral: true,
      restart() {
        return Promise.reject(new Error('the CouchDB under test is shared: not restarted'));
      },
      async stop() {
        // The relay's replications would go on running against deleted databases.
        for (const id of [`${databaseName(hcode)}-hub-to-central`, `${databaseName(hcode)}-central-to-hub`]) {
          const doc = await requestJson(`${url}/_replicator/${encodeURIComponent(id)}`, { headers: adminHeaders });
          const rev = (doc.body as { _rev?: string })._rev;
          if (rev !== undefined)
            await requestJson(`${url}/_replicator/${encodeURIComponent(id)}?rev=${rev}`, {
              method: 'DELETE',
              headers: adminHeaders,
            });
        }
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-hub-'));
  let server: Central = await startCentral({ dataDir });
  const { port } = server;
  // pouchdb-server's own replicator daemon (pouchdb-replicator) reads only its old document form and dies at start
  // on CouchDB 3's `auth` form: it watches another database (kept in config.json), `_replicator` stays plain, and
  // hubRelay.ts runs its documents.
  const moved = await requestJson(`${server.url}/_config/replicator/db`, {
    method: 'PUT',
    body: '_replicator_not_run',
    headers: adminHeaders,
  });
  if (moved.status !== 200)
    throw new Error(`could not move pouchdb-server's replicator database: HTTP ${moved.status}`);
  return {
    admin: { hubUrl: server.url, hubAdminUser: CENTRAL_ADMIN.user, hubAdminPassword: CENTRAL_ADMIN.password },
    adminHeaders,
    database: databaseName(hcode),
    port,
    sharesCentral: false,
    async restart() {
      await server.stop();
      server = await startCentral({ dataDir, port });
    },
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
