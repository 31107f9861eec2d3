// Central answering 500, 503, 403, not at all, or with a certificate we do not trust, at login and later at
// the probe: each gets its catalogued code, nothing is stored on a failed login, and the dashboard state
// never says up to date. A tiny local central answers what each case needs.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startBridge } from '../../../electron/bridge/bridgeServer.node.js';
import type { SyncEndpoint, SyncStatus } from '../../../electron/contract/sync.std.js';
import { couchLike, fakeCentral, nextEvent, syncNode, type FakeCentral, type SyncNode } from './syncNode.js';

const HCODE = '10670';
const DB = `clinic_${HCODE}`;
const PASSWORD = 'station-secret-for-tests';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function central(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  tls?: { key: string; cert: string },
): Promise<FakeCentral> {
  const server = await fakeCentral(handler, tls);
  cleanups.push(() => server.close());
  return server;
}

async function station(sync: Parameters<typeof syncNode>[1] = {}): Promise<SyncNode> {
  const node = await syncNode(HCODE, { session: { timeoutMs: 1_000 }, ...sync });
  cleanups.push(() => node.dispose());
  return node;
}

const configure = (node: SyncNode, url: string, extra: Record<string, unknown> = {}) =>
  node.dispatch('sync.configure', { centralUrl: url, username: 'st-10670-opd-1', password: PASSWORD, ...extra });

/** Answers `status` to everything. */
const always = (status: number) => (_request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"x"}');
};

describe('central failures at login', () => {
  it('500 → sync_server_error, 503 → sync_server_down, 403 → sync_forbidden; nothing stored', async () => {
    for (const [status, code] of [
      [500, 'sync_server_error'],
      [503, 'sync_server_down'],
      [403, 'sync_forbidden'],
    ] as const) {
      const node = await station();
      const server = await central(always(status));
      expect(await configure(node, server.url), String(status)).toMatchObject({ ok: false, error: { code } });
      expect(await node.dispatch('sync.status', {})).toMatchObject({ ok: true, value: { configured: false } });
    }
  });

  it('no answer → sync_timeout after the session timeout', async () => {
    const node = await station();
    const server = await central(() => undefined);
    const started = Date.now();
    expect(await configure(node, server.url)).toMatchObject({ ok: false, error: { code: 'sync_timeout' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('nothing listening → a catalogued network code', async () => {
    const node = await station();
    const server = await central(always(200));
    const url = server.url;
    await server.close();
    const result = await configure(node, url);
    expect(result).toMatchObject({ ok: false, error: { code: 'sync_server_down' } });
  });
});

describe('central failures after login (the probe)', () => {
  it('500 and a hang at the probe show as error and offline, and the return kicks replication', async () => {
    let mode: 'ok' | '500' | 'hang' = 'ok';
    const healthy = couchLike(DB, PASSWORD);
    const server = await central((request, response) => {
      if (mode === '500') return always(500)(request, response);
      if (mode === 'hang') return undefined;
      healthy(request, response);
    });
    const node = await station();
    expect((await configure(node, server.url)).ok).toBe(true);

    mode = '500';
    const failing = nextEvent(node, 'sync.status', (status) => status.link?.errorCode === 'sync_server_error');
    const asked = nextEvent(node, 'sync.kick', (kick) => kick.reason === 'sync_now');
    expect(await node.dispatch('sync.now', {})).toMatchObject({
      ok: true,
      value: { requestedAt: expect.any(String) as string },
    });
    await asked;
    expect((await failing).state).toBe('error');

    mode = 'hang';
    const hanging = nextEvent(node, 'sync.status', (status) => status.link?.errorCode === 'sync_timeout', 20_000);
    await node.dispatch('sync.now', {});
    expect((await hanging).state).toBe('offline');

    const kick = nextEvent(node, 'sync.kick', (event) => event.reason === 'link_up', 10_000);
    mode = 'ok';
    await kick;
    const status = (await node.dispatch('sync.status', {})) as { ok: true; value: SyncStatus };
    expect(status.value.state).toBe('connecting'); // up, but no replication report yet: never "up to date"
  });

  it('the proxy adds the session cookie and drops the page’s Cookie and Authorization', async () => {
    const server = await central(couchLike(DB, PASSWORD));
    const node = await station();
    expect((await configure(node, server.url)).ok).toBe(true);
    const bridge = await startBridge({
      dispatch: node.dispatch,
      events: node.events,
      log: node.log,
      staticDir: null,
      routes: node.sync.proxyRoute(),
    });
    cleanups.push(() => bridge.close());
    const endpoint = ((await node.dispatch('sync.endpoint', {})) as { ok: true; value: SyncEndpoint }).value;
    const answer = await fetch(`${bridge.origin}/central/${DB}/`, {
      headers: {
        'X-Edge-Proxy-Token': endpoint.token,
        Cookie: 'AuthSession=from-the-page',
        Authorization: 'Basic YWRtaW46YWRtaW4=',
      },
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { echo: unknown }).echo).toEqual({
      cookie: 'AuthSession=fake-session',
      authorization: null,
    });
    const forwarded = server.seen.filter((request) => request.url === `/${DB}`).at(-1);
    expect(forwarded?.headers['x-edge-proxy-token']).toBeUndefined();
  });
});

describe('TLS with the GIN CA bundle', () => {
  it('an untrusted certificate is sync_certificate; the right CA bundle logs in; a bad bundle is sync_bad_ca_bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-tls-'));
    cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test GIN CA');
    run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    run(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'san.ext',
    );
    const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const server = await central(couchLike(DB, PASSWORD), {
      key: readFileSync(join(dir, 'server.key'), 'utf8'),
      cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
    });

    const node = await station();
    expect(await configure(node, server.url)).toMatchObject({ ok: false, error: { code: 'sync_certificate' } });
    expect(await configure(node, server.url, { caBundlePem: 'not a certificate' })).toMatchObject({
      ok: false,
      error: { code: 'sync_bad_ca_bundle' },
    });
    const ok = await configure(node, server.url, { caBundlePem: caPem });
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true, value: { configured: true, link: { up: true } } });
  });
});
