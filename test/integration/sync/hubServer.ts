// The hospital hub for the integration tests: a second pouchdb-server on disk (so it can be restarted with what
// it holds, on the same port) whose `_replicator` is a plain database (the relay is hubRelay.ts), or under
// `npm run test:couchdb` a CouchDB 3 whose `_replicator` really runs the hub's replications: a second CouchDB
// when COUCHDB_HUB_URL is given (then the hub's `_users` is its own, and following central's station users is
// really tested), else a second database on the CouchDB that is central (`clinic_<hcode>_hub`; provision-hub lets
// the names differ for this).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CENTRAL_ADMIN, startCentral, type Central } from './centralServer.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import { hubReplicationIds } from '../../../sync/central/provisionHub.node.js';

export interface Hub {
  readonly admin: { readonly hubUrl: string; readonly hubAdminUser: string; readonly hubAdminPassword: string };
  readonly adminHeaders: Record<string, string>;
  readonly database: string;
  readonly port: number;
  /** True when the hub is a database on the CouchDB that is central too (one `_users` for both). */
  readonly sharesCentral: boolean;
  /** True when the hub is a CouchDB that runs its `_replicator` documents itself. */
  readonly runsReplicator: boolean;
  /**
   * Stops the server and starts it again on the same port with what it held (pouchdb-server only); `whileDown`
   * runs between the two (a hub off for as long as the test needs).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export function centralIsCouchDb(): boolean {
  return process.env['EDGE_TEST_CENTRAL_IS_COUCHDB'] === '1';
}

/** True when the hub is a database on central's CouchDB: one `_users` for both, nothing for the hub to follow. */
export function hubSharesCentral(): boolean {
  return centralIsCouchDb() && (process.env['EDGE_TEST_HUB_URL'] ?? '') === '';
}

export async function startHub(hcode: string): Promise<Hub> {
  const adminHeaders = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };
  if (centralIsCouchDb()) {
    const centralUrl = process.env['EDGE_TEST_CENTRAL_URL'] ?? '';
    const ownHub = process.env['EDGE_TEST_HUB_URL'] ?? '';
    const url = ownHub === '' ? centralUrl : ownHub;
    return {
      admin: { hubUrl: url, hubAdminUser: CENTRAL_ADMIN.user, hubAdminPassword: CENTRAL_ADMIN.password },
      adminHeaders,
      database: ownHub === '' ? `${databaseName(hcode)}_hub` : databaseName(hcode),
      port: Number(new URL(url).port),
      sharesCentral: hubSharesCentral(),
      runsReplicator: true,
      restart() {
        return Promise.reject(new Error('the CouchDB under test is shared: not restarted'));
      },
      async stop() {
        // The hub's replications would go on running against deleted databases.
        for (const id of hubReplicationIds(hcode)) {
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
    runsReplicator: false,
    async restart(whileDown) {
      await server.stop();
      await whileDown?.();
      server = await startCentral({ dataDir, port });
    },
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
