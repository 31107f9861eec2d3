// An HTTP proxy in front of pouchdb-server that answers as a failing central would: 401, 403, 500, or not at
// all (a hung server: the request is held until the client gives up). `pass` forwards, streaming both ways.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = 'pass' | 401 | 403 | 500 | 'hang';

export interface FaultProxy {
  readonly url: string;
  /** Requests answered with a fault (or held) since the last set(). */
  readonly faulted: number;
  set(fault: Fault): void;
  close(): Promise<void>;
}

const FAULT_BODY: Record<401 | 403 | 500, { error: string; reason: string }> = {
  401: { error: 'unauthorized', reason: 'Name or password is incorrect.' },
  403: { error: 'forbidden', reason: 'You are not allowed to access this db.' },
  500: { error: 'internal_server_error', reason: 'injected fault' },
};

export async function faultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let fault: Fault = 'pass';
  let faulted = 0;
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  function pass(req: IncomingMessage, res: ServerResponse): void {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }

  const server: Server = createServer((req, res) => {
    if (fault === 'pass') {
      pass(req, res);
      return;
    }
    faulted += 1;
    req.resume();
    if (fault === 'hang') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    res.writeHead(fault, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(FAULT_BODY[fault]));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get faulted() {
      return faulted;
    },
    set(next) {
      fault = next;
      faulted = 0;
      // A hung server that comes back drops what it held (the client retries those).
      if (next !== 'hang') for (const res of held) res.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
