// The cuttable link the sync tests run through (centralServer.ts linkProxy), in front of a TCP echo server:
// a refusing cut resets connections; a silent cut leaves them open with nothing answering until restore().
import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { linkProxy, type LinkProxy } from './centralServer.js';

interface Echo {
  readonly port: number;
  /** Connections the echo server has accepted so far. */
  accepted: number;
  readonly server: Server;
}

const opened: { proxies: LinkProxy[]; echoes: Echo[]; sockets: Socket[] } = { proxies: [], echoes: [], sockets: [] };

async function echoServer(): Promise<Echo> {
  const echo = { port: 0, accepted: 0, server: createServer() };
  echo.server.on('connection', (socket) => {
    echo.accepted += 1;
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((done) => echo.server.listen(0, '127.0.0.1', () => done()));
  echo.port = (echo.server.address() as AddressInfo).port;
  opened.echoes.push(echo);
  return echo;
}

/** A client through the proxy; `received` collects what comes back, `closed` resolves when it closes. */
async function client(proxy: LinkProxy): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const socket = connect(proxy.port, '127.0.0.1');
  opened.sockets.push(socket);
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  socket.on('error', () => undefined);
  // Not events.once: it rejects on the 'error' (ECONNRESET) a reset client sees before it closes.
  const closed = new Promise<void>((done) => socket.once('close', () => done()));
  await once(socket, 'connect');
  return { socket, received: () => text, closed };
}

async function echoed(through: Awaited<ReturnType<typeof client>>, text: string): Promise<void> {
  const before = through.received().length;
  through.socket.write(text);
  await expect.poll(() => through.received().slice(before)).toBe(text);
}

afterEach(async () => {
  for (const socket of opened.sockets.splice(0)) socket.destroy();
  for (const proxy of opened.proxies.splice(0)) await proxy.close();
  for (const echo of opened.echoes.splice(0)) await new Promise((done) => echo.server.close(done));
});

describe('linkProxy', () => {
  it('refusing (the default): a cut resets live connections and new ones until restore()', async () => {
    const echo = await echoServer();
    const proxy = await linkProxy(echo.port);
    opened.proxies.push(proxy);
    const live = await client(proxy);
    await echoed(live, 'ping');
    proxy.cut();
    await live.closed;
    const refused = connect(proxy.port, '127.0.0.1');
    refused.on('error', () => undefined);
    await new Promise<void>((done) => refused.once('close', () => done()));
    expect(proxy.hanging).toBe(0);
    expect(echo.accepted).toBe(1);
    proxy.restore();
    await echoed(await client(proxy), 'back');
    expect(proxy.cuts).toBe(1);
  });

  it('silent: a cut leaves live and new connections open with nothing answering; restore() resets them', async () => {
    const echo = await echoServer();
    const proxy = await linkProxy(echo.port, { whenCut: 'silent' });
    opened.proxies.push(proxy);
    const live = await client(proxy);
    await echoed(live, 'ping');
    proxy.cut();
    await expect.poll(() => proxy.hanging).toBe(1);
    live.socket.write('lost');
    const late = await client(proxy);
    late.socket.write('lost too');
    await expect.poll(() => proxy.hanging).toBe(2);
    // Both still open: nothing reset them, nothing answered.
    expect([live.socket.destroyed, late.socket.destroyed]).toEqual([false, false]);
    proxy.restore();
    await Promise.all([live.closed, late.closed]);
    expect(live.received()).toBe('ping');
    expect(late.received()).toBe('');
    // The late connection never reached the far side.
    expect(echo.accepted).toBe(1);
    expect(proxy.hanging).toBe(0);
    await echoed(await client(proxy), 'back');
    expect(echo.accepted).toBe(2);
  });
});
