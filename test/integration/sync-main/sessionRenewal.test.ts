// The station's session is renewed before it expires and again when central says 401, without the page noticing:
// a proxied GET that meets an expired session is retried once with a fresh login.
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CentralSession } from '../../../electron/services/sync/centralSession.node.js';
import { startBridge } from '../../../electron/bridge/bridgeServer.node.js';
import type { SyncEndpoint } from '../../../electron/contract/sync.std.js';
import { fakeCentral, syncNode, type FakeCentral } from './syncNode.js';

const DB = 'clinic_10670';
const PASSWORD = 'station-secret-for-tests';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A central whose session cookies are numbered; only the newest is valid, and expire() voids it. */
async function rotatingCentral(): Promise<FakeCentral & { logins(): number; expire(): void; current(): string }> {
  let issued = 0;
  let valid: string | null = null;
  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const server = await fakeCentral((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'POST' && request.url === '/_session') {
      request.resume();
      request.on('end', () => {
        issued += 1;
        valid = `s${issued}`;
        json(
          response,
          200,
          { ok: true, name: 'st-10670-opd-1', roles: [] },
          { 'set-cookie': `AuthSession=${valid}; Version=1; Path=/; HttpOnly` },
        );
      });
      return;
    }
    if (request.url === '/') return json(response, 200, { couchdb: 'Welcome' });
    if (request.url === '/_session')
      return json(response, 200, {
        ok: true,
        userCtx: {
          name: valid !== null && request.headers.cookie === `AuthSession=${valid}` ? 'st-10670-opd-1' : null,
          roles: [],
        },
      });
    if (valid === null || request.headers.cookie !== `AuthSession=${valid}`)
      return json(response, 401, { error: 'unauthorized', reason: 'session expired' });
    json(response, 200, { db_name: DB, cookie: request.headers.cookie });
  });
  cleanups.push(() => server.close());
  return Object.assign(server, {
    logins: () => issued,
    expire: () => {
      valid = null;
    },
    current: () => valid ?? '',
  });
}

describe('central session renewal', () => {
  it('logs in again once the renewal age has passed, not before, and once for concurrent callers', async () => {
    const central = await rotatingCentral();
    let now = 1_000_000;
    const session = new CentralSession(
      { centralUrl: central.url, username: 'st-10670-opd-1', password: PASSWORD, caPem: null, database: DB },
      { renewAfterMs: 60_000, now: () => now },
    );
    cleanups.push(() => Promise.resolve(session.close()));
    await session.open();
    expect(central.logins()).toBe(1);
    now += 59_000;
    expect(await session.cookie()).toBe('s1');
    now += 2_000;
    const cookies = await Promise.all([session.cookie(), session.cookie(), session.cookie()]);
    expect(cookies).toEqual(['s2', 's2', 's2']);
    expect(central.logins()).toBe(2);
  });

  it('a GET through the proxy that meets an expired session is retried with a fresh login', async () => {
    const central = await rotatingCentral();
    const node = await syncNode('10670', { autoStart: false });
    cleanups.push(() => node.dispose());
    expect(
      (
        await node.dispatch('sync.configure', {
          centralUrl: central.url,
          username: 'st-10670-opd-1',
          password: PASSWORD,
        })
      ).ok,
    ).toBe(true);
    const bridge = await startBridge({
      dispatch: node.dispatch,
      events: node.events,
      log: node.log,
      staticDir: null,
      routes: node.sync.proxyRoute(),
    });
    cleanups.push(() => bridge.close());
    const endpoint = ((await node.dispatch('sync.endpoint', {})) as { ok: true; value: SyncEndpoint }).value;
    const before = central.logins();

    central.expire();
    const answer = await fetch(`${bridge.origin}/central/${DB}/`, {
      headers: { 'X-Edge-Proxy-Token': endpoint.token },
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { cookie: string }).cookie).toBe(`AuthSession=${central.current()}`);
    expect(central.logins()).toBe(before + 1);
  });
});
