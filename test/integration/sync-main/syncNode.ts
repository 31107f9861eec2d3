// A real edge node set up for one hospital, with a way to wait for its events, and a tiny fake central for
// the answers pouchdb-server cannot give on demand (500, a hang, 403, TLS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createEdgeNode,
  type EdgeNode,
  type EdgeNodeOptions,
} from '../../../electron/services/compositionRoot.node.js';
import type { EventName, EventPayload } from '../../../electron/contract/contract.std.js';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from '../sync/centralServer.js';
import { uniqueHcode } from '../sync/station.js';
import { staffed } from '../../factories/staff.js';
type ProvisionResult = Awaited<ReturnType<typeof provisionStation>>;

export type SyncNode = EdgeNode & { readonly dataDir: string; dispose(): Promise<void> };

export async function syncNode(hcode: string, sync: EdgeNodeOptions['sync'] = {}): Promise<SyncNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-sync-main-'));
  const node = staffed(await createEdgeNode({ dataDir, card: { backend: 'off' }, sync }));
  node.settings.setup({ hcode, stationName: 'OPD 1', stationCode: 'opd-1' });
  return Object.assign(node, {
    dataDir,
    async dispose() {
      await node.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A provisioned hospital on the shared pouchdb-server. */
export async function provisionedHospital(station = 'opd-1'): Promise<ProvisionResult & { hcode: string }> {
  const hcode = uniqueHcode();
  const account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station,
  });
  return { ...account, hcode };
}

/** Resolves with the first event `name` (emitted from now on) that passes `predicate`. */
export function nextEvent<E extends EventName>(
  node: EdgeNode,
  name: E,
  predicate: (payload: EventPayload<E>) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = node.events.subscribe((event: EventName, payload: unknown) => {
      if (event !== name) return;
      const typed = payload as EventPayload<E>;
      if (!predicate(typed)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(typed);
    });
  });
}

export interface FakeCentral {
  readonly url: string;
  /** Requests seen: method, path, headers. */
  readonly seen: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A central that answers as `handler` says (never answering is allowed: the timeout tests). */
export async function fakeCentral(handler: Handler, tls?: { key: string; cert: string }): Promise<FakeCentral> {
  const seen: FakeCentral['seen'] = [];
  const serve: Handler = (request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    handler(request, response);
  };
  const server: Server = tls === undefined ? createHttpServer(serve) : createHttpsServer(tls, serve);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** A well-behaved fake central for `database`: login with `password`, the database answers, `/` answers. */
export function couchLike(database: string, password: string): Handler {
  return (request, response) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/_session') {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        const given = JSON.parse(body) as { name: string; password: string };
        if (given.password !== password) json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
        else
          json(
            200,
            { ok: true, name: given.name, roles: [] },
            { 'set-cookie': 'AuthSession=fake-session; Version=1; Path=/; HttpOnly' },
          );
      });
      return;
    }
    if (request.url === '/') return json(200, { couchdb: 'Welcome' });
    if (request.url === '/_session')
      return json(200, {
        ok: true,
        userCtx: { name: request.headers.cookie === 'AuthSession=fake-session' ? 'st-10670-opd-1' : null, roles: [] },
      });
    if (request.url?.startsWith(`/${database}`) === true) {
      if (request.headers.cookie !== 'AuthSession=fake-session') return json(401, { error: 'unauthorized' });
      return json(200, {
        db_name: database,
        echo: { cookie: request.headers.cookie, authorization: request.headers.authorization ?? null },
      });
    }
    json(404, { error: 'not_found' });
  };
}
