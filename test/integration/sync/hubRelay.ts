// The hub's relay for the tests. CouchDB runs the replications provision-hub writes into the hub's
// `_replicator` itself (`npm run test:couchdb`: nothing to do here). pouchdb-server does not run them, so
// this reads those same documents from the hub and runs each one as PouchDB replications, over and over,
// with the documents' URLs, credentials and selector: what reaches central is what the relay may write, and
// what reaches the hub's `_users` is what central's copy of the station users holds.
import '../../factories/idbShims.js';
import { PouchDB } from '../../../sync/store/pouch.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import type { HubReplication } from '../../../sync/central/provisionHub.node.js';
import type { Hub } from './hubServer.js';

export interface Relay {
  /** Replication passes completed (both directions), for the tests to wait on. */
  readonly passes: number;
  /** Holds the relay between passes (the hub's own link to central down longer than the stations'). */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

const PAUSE_MS = 200;

export async function startRelay(hub: Hub, replicationIds: readonly string[]): Promise<Relay> {
  if (hub.runsReplicator)
    return {
      passes: 0,
      pause: () => Promise.reject(new Error('CouchDB runs this relay')),
      resume: () => undefined,
      stop: () => Promise.resolve(),
    };
  const docs = await Promise.all(
    replicationIds.map(async (id) => {
      const answer = await requestJson(`${hub.admin.hubUrl}/_replicator/${encodeURIComponent(id)}`, {
        headers: hub.adminHeaders,
      });
      if (answer.status !== 200) throw new Error(`no replication ${id} on the hub (HTTP ${answer.status})`);
      return answer.body as HubReplication;
    }),
  );
  const endpoint = (end: HubReplication['source']) =>
    remoteDatabase(end.url, {
      headers: { Authorization: basicAuth(end.auth.basic.username, end.auth.basic.password) },
      requestTimeoutMs: 5_000,
    });
  const pairs = docs.map((doc) => ({ doc, source: endpoint(doc.source), target: endpoint(doc.target) }));
  let stopped = false;
  let paused = false;
  let passes = 0;
  let passDone: () => void = () => undefined;
  const loop = (async () => {
    while (!stopped) {
      if (paused) {
        passDone();
        await new Promise((done) => setTimeout(done, PAUSE_MS));
        continue;
      }
      for (const { doc, source, target } of pairs) {
        if (stopped) break;
        // A cut link fails the pass; the next one tries again, as CouchDB's scheduler would.
        await PouchDB.replicate(source, target, { selector: doc.selector, batch_size: 100 }).catch(() => undefined);
      }
      passes += 1;
      await new Promise((done) => setTimeout(done, PAUSE_MS));
    }
  })();
  return {
    get passes() {
      return passes;
    },
    pause() {
      paused = true;
      return new Promise<void>((done) => {
        passDone = done;
      });
    },
    resume() {
      paused = false;
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
