/**
 * The browser bridge: the same contract as Electron IPC, served over a WebSocket on 127.0.0.1 with a random
 * per-run token, plus the built renderer as static files under the same CSP as the app. It lets the real
 * renderer run in a real browser against the real services where Electron's binary is not available.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../services/dispatcher.node.js';
import type { EventBus } from '../services/eventBus.node.js';
import type { Logger } from '../services/logging/logger.node.js';
import { ClientMessage, type ServerMessage } from '../contract/wire.std.js';
import { err } from '../contract/result.std.js';
import { isLoopbackHost } from './loopback.std.js';
import { contentSecurityPolicy } from '../security/csp.std.js';
import { readRendererAsset, rendererHeaders } from '../services/renderer/rendererAssets.node.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

export interface BridgeOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly log: Logger;
  /** Folder of the built renderer (renderer/dist); null serves no pages (tests of the socket only). */
  readonly staticDir: string | null;
  readonly host?: string;
  readonly port?: number;
  /** Fixed token for tests; a random one otherwise. */
  readonly token?: string;
  /** Extra HTTP routes (the central proxy) tried before static files. */
  readonly routes?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}

export interface BridgeServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly token: string;
  readonly origin: string;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<BridgeServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`the browser bridge only listens on loopback, refused ${host}`);
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = new TextEncoder().encode(token);

  const server: Server = createServer((request, response) => {
    void serveHttp(request, response);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (options.routes !== undefined && (await options.routes(request, response))) return;
      if (options.staticDir === null || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404).end();
        return;
      }
      await serveStatic(options.staticDir, request, response, origin);
    } catch (error) {
      options.log.warn({ err: errorMessage(error) }, 'bridge http error');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const given = new TextEncoder().encode(url.searchParams.get('token') ?? '');
    const originOk = request.headers.origin === undefined || request.headers.origin === origin;
    if (
      url.pathname !== '/bridge' ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected) ||
      !originOk
    ) {
      options.log.warn({ path: url.pathname, originOk }, 'bridge connection refused');
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      void answer(ws, data.toString());
    });
  });

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const message = ClientMessage.safeParse(json);
    if (!message.success) {
      const id =
        typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'number' ? json.id : -1;
      send(ws, { type: 'result', id, result: err('invalid_input', 'malformed bridge message') });
      return;
    }
    const result = await options.dispatch(message.data.name, message.data.input);
    send(ws, { type: 'result', id: message.data.id, result });
  }

  const unsubscribe = options.events.subscribe((name, payload) => {
    for (const ws of sockets) send(ws, { type: 'event', name, payload });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;

  return {
    url: `${origin}/#token=${token}`,
    wsUrl: `ws://${hostForUrl}:${address.port}/bridge`,
    token,
    origin,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      // A replicating page holds a long-poll through the /central/ proxy open; close() alone would wait for it.
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

async function serveStatic(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
): Promise<void> {
  const asset = await readRendererAsset(root, new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  if (asset.status !== 200) {
    response.writeHead(asset.status).end();
    return;
  }
  response.writeHead(
    200,
    rendererHeaders(asset.contentType, contentSecurityPolicy({ connect: [origin.replace(/^http/, 'ws')] })),
  );
  response.end(request.method === 'HEAD' ? undefined : asset.body);
}
