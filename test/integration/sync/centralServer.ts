// pouchdb-server as a stand-in for central CouchDB 3 on 127.0.0.1, in a temp dir (it writes config.json and
// log.txt where it runs), with an admin (so it leaves admin party), and a TCP proxy that can cut the link
// (refusing, or going silent).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { provision, type ProvisionOptions, type ProvisionResult } from '../../../sync/central/provision.node.js';
import { basicAuth } from '../../../sync/central/centralHttp.node.js';

/** The central admin: pouchdb-server's made here, or the one in COUCHDB_URL for `npm run test:couchdb`. */
export const CENTRAL_ADMIN = {
  user: process.env['EDGE_TEST_CENTRAL_ADMIN_USER'] ?? 'admin',
  password: process.env['EDGE_TEST_CENTRAL_ADMIN_PASSWORD'] ?? 'admin-test-only',
};
const root = resolve(import.meta.dirname, '../../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with ${child.exitCode}`);
    const up = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('pouchdb-server did not start in 30 s');
}

export interface Central {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts pouchdb-server and makes the admin: in memory in a temp folder, or (`dataDir`, the scale benchmark and
 * the hub) on disk in that folder, kept after stop and reused by the next start (the admin is already there);
 * `port` starts it again where it was.
 */
export async function startCentral(
  options: { readonly dataDir?: string; readonly port?: number } = {},
): Promise<Central> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'edge-central-'));
  const port = options.port ?? (await freePort());
  const storage = options.dataDir === undefined ? ['-m'] : ['-d', dir];
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/pouchdb-server/bin/pouchdb-server'),
      ...storage,
      '-o',
      '127.0.0.1',
      '-p',
      String(port),
      '-n',
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  // The last of what it says on stderr, for the error when it does not start.
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}: ${stderr}`);
  });
  const admin = await fetch(`${url}/_config/admins/${CENTRAL_ADMIN.user}`, {
    method: 'PUT',
    body: JSON.stringify(CENTRAL_ADMIN.password),
  });
  const reused =
    !admin.ok &&
    (
      await fetch(`${url}/_session`, {
        headers: { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) },
      })
    ).ok;
  if (!admin.ok && !reused) throw new Error(`could not make the central admin: ${admin.status}`);
  return {
    url,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      if (options.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** For globalSetup: one central for the whole integration run, its URL in EDGE_TEST_CENTRAL_URL. */
export async function startSharedCentral(): Promise<() => Promise<void>> {
  const central = await startCentral();
  process.env['EDGE_TEST_CENTRAL_URL'] = central.url;
  return () => central.stop();
}

export function sharedCentralUrl(): string {
  const url = process.env['EDGE_TEST_CENTRAL_URL'];
  if (url === undefined)
    throw new Error('EDGE_TEST_CENTRAL_URL not set: run through the integration project (globalSetup starts central)');
  return url;
}

export interface LinkProxy {
  readonly url: string;
  readonly port: number;
  /** Bytes the client sent and received through the proxy. */
  readonly bytes: { up: number; down: number };
  /** Times the link was cut (by cut() or an armed cutAfter). */
  readonly cuts: number;
  /** Client connections a silent cut holds open with nothing behind them (until restore()). */
  readonly hanging: number;
  cut(): void;
  restore(): void;
  /**
   * Cuts the link after `bytes` more bytes in either direction, mid-chunk: only the bytes before the cut point
   * are forwarded, so the request or answer in flight is always left unfinished. Resolves when it has cut.
   */
  cutAfter(bytes: number): Promise<void>;
  /** Forgets an armed cutAfter that has not landed (its promise then never resolves). */
  disarm(): void;
  close(): Promise<void>;
}

export interface LinkProxyOptions {
  /**
   * What a cut looks like to the station. 'refuse' (the default): live connections are reset and new ones
   * refused at once. 'silent': the way a rural GIN link drops (packets lost): live connections and new ones
   * are accepted but hang, nothing answers, so the station must notice by its own timeouts rather than read
   * a refusal as "central down"; restore() resets what hung (as the router would) and forwards again.
   */
  readonly whenCut?: 'refuse' | 'silent';
}

/** One proxied connection; severed when a silent cut leaves its client hanging. */
interface Connection {
  readonly client: Socket;
  readonly upstream: Socket;
  severed: boolean;
}

/** A TCP proxy to central: cut() takes the link down (see LinkProxyOptions), restore() brings it back. */
export async function linkProxy(targetPort: number, options: LinkProxyOptions = {}): Promise<LinkProxy> {
  const silent = options.whenCut === 'silent';
  const live = new Set<Connection>();
  const hung = new Set<Socket>();
  let up = true;
  let cuts = 0;
  const bytes = { up: 0, down: 0 };
  let armed: { remaining: number; done: () => void } | null = null;
  /** Keeps a client connection open with nothing behind it (until restore() or its own timeout). */
  function hang(client: Socket): void {
    hung.add(client);
    client.on('error', () => undefined);
    client.on('close', () => hung.delete(client));
  }
  function takeDown(connection: Connection): void {
    live.delete(connection);
    connection.upstream.destroy();
    if (!silent) {
      connection.client.destroy();
      return;
    }
    connection.severed = true;
    hang(connection.client);
  }
  function cut(): void {
    up = false;
    cuts += 1;
    for (const connection of [...live]) takeDown(connection);
    const pending = armed;
    armed = null;
    pending?.done();
  }
  /** Forwards a chunk (or its part before an armed cut point), with back-pressure. */
  function forward(chunk: Uint8Array, from: Socket, to: Socket, direction: 'up' | 'down'): void {
    let part: Uint8Array = chunk;
    const trap = armed;
    if (trap !== null && chunk.length >= trap.remaining) part = chunk.subarray(0, trap.remaining);
    else if (trap !== null) trap.remaining -= chunk.length;
    bytes[direction] += part.length;
    if (part.length > 0 && !to.write(part)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
    if (part !== chunk) cut();
  }
  const server: Server = createServer((client) => {
    if (!up) {
      if (silent) hang(client);
      else client.destroy();
      return;
    }
    const connection: Connection = { client, upstream: connect(targetPort, '127.0.0.1'), severed: false };
    const { upstream } = connection;
    live.add(connection);
    client.on('data', (chunk: Uint8Array) => {
      if (!connection.severed) forward(chunk, client, upstream, 'up');
    });
    upstream.on('data', (chunk: Uint8Array) => forward(chunk, upstream, client, 'down'));
    client.on('end', () => {
      if (!connection.severed) upstream.end();
    });
    upstream.on('end', () => {
      if (!connection.severed) client.end();
    });
    const drop = (): void => {
      live.delete(connection);
      upstream.destroy();
      // A severed client hangs on (hang() cleans up after it).
      if (!connection.severed) client.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bytes,
    get cuts() {
      return cuts;
    },
    get hanging() {
      return hung.size;
    },
    cut,
    restore() {
      for (const client of hung) client.destroy();
      hung.clear();
      up = true;
    },
    cutAfter(count: number) {
      return new Promise<void>((done) => {
        armed = { remaining: Math.max(1, Math.floor(count)), done };
      });
    },
    disarm() {
      armed = null;
    },
    async close() {
      up = false;
      const pending = armed;
      armed = null;
      pending?.done();
      for (const { client, upstream } of live) {
        client.destroy();
        upstream.destroy();
      }
      for (const client of hung) client.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** Provisions a station that does not exist yet, so its password is known (re-provisioning keeps it and gives null). */
/** Stations `names` of `hcode` on the shared central, each with the password `pw-<name>-<suffix>`. */
export async function provisionStations(
  hcode: string,
  names: readonly string[],
  suffix: string,
): Promise<(ProvisionResult & { readonly stationPassword: string })[]> {
  const accounts: (ProvisionResult & { readonly stationPassword: string })[] = [];
  for (const name of names)
    accounts.push(
      await provisionStation({
        url: sharedCentralUrl(),
        adminUser: CENTRAL_ADMIN.user,
        adminPassword: CENTRAL_ADMIN.password,
        hcode,
        station: name,
        stationPassword: `pw-${name}-${suffix}`,
      }),
    );
  return accounts;
}

export async function provisionStation(
  options: ProvisionOptions,
): Promise<ProvisionResult & { readonly stationPassword: string }> {
  const result = await provision(options);
  const { stationPassword } = result;
  if (stationPassword === null) throw new Error(`station ${options.station} already existed: its password was kept`);
  return { ...result, stationPassword };
}
