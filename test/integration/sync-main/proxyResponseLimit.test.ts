/**
 * What the `/central/` proxy passes back from central is bounded: an answer that declares more than the limit
 * is refused, and a chunked one (no length up front) is cut off where it crosses the limit. A hostile or broken
 * server cannot fill the station's memory or disk through it. Against a fake central on loopback.
 */
import { createServer, Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { centralProxyRoute } from '../../../electron/services/sync/centralProxy.node.js';
import type { CentralSession } from '../../../electron/services/sync/centralSession.node.js';
import { PROXY_TOKEN_HEADER } from '../../../electron/services/sync/proxyRules.std.js';

const LIMIT = 64 * 1024;
const TOKEN = 'proxy-token-for-this-test-only';
let central: Server;
let proxy: Server;
let proxyPort = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  central = createServer((req, res) => {
    const size = req.url?.includes('big-declared') ? LIMIT * 4 : req.url?.includes('big-chunked') ? LIMIT * 4 : 1000;
    const declared = !req.url?.includes('chunked');
    res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(size) } : {}) });
    // Written in pieces, as a long answer streams.
    for (let sent = 0; sent < size; sent += 4096) res.write('x'.repeat(Math.min(4096, size - sent)));
    res.end();
  });
  const centralPort = await listen(central);
  const session = {
    target: { base: `http://127.0.0.1:${String(centralPort)}`, agent: new Agent() },
    credentials: { database: 'clinic_10953' },
    cookie: async () => 'session-cookie',
    absorb: () => undefined,
    invalidate: () => undefined,
  } as unknown as CentralSession;
  const route = centralProxyRoute({
    token: TOKEN,
    session: () => session,
    log: pino({ enabled: false }),
    maxResponseBytes: LIMIT,
  });
  proxy = createServer((req, res) => void route(req, res));
  proxyPort = await listen(proxy);
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await new Promise((resolve) => central.close(resolve));
});

function get(path: string): Promise<{ status: number | null; bytes: number; complete: boolean }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: proxyPort, path, headers: { [PROXY_TOKEN_HEADER]: TOKEN } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? null, bytes, complete: res.complete }));
        res.on('error', () => resolve({ status: res.statusCode ?? null, bytes, complete: false }));
        res.on('aborted', () => resolve({ status: res.statusCode ?? null, bytes, complete: false }));
      },
    );
    req.on('error', () => resolve({ status: null, bytes: 0, complete: false }));
    req.end();
  });
}

describe('central proxy answer size', () => {
  it('passes an answer under the limit whole', async () => {
    expect(await get('/central/clinic_10953/small')).toEqual({ status: 200, bytes: 1000, complete: true });
  });

  it('refuses an answer that declares more than the limit', async () => {
    const answer = await get('/central/clinic_10953/big-declared');
    expect(answer.status).toBe(502);
    expect(answer.bytes).toBeLessThan(1000);
  });

  it('cuts off a chunked answer where it crosses the limit', async () => {
    const answer = await get('/central/clinic_10953/big-chunked');
    expect(answer.complete).toBe(false);
    expect(answer.bytes).toBeLessThanOrEqual(LIMIT + 4096 * 2);
  });
});
