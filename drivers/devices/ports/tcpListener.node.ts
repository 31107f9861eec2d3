/**
 * A TCP listener for HL7 monitors (MLLP or raw). Each client is its own connection with its own framer;
 * ACKs go back on the socket the message came from. A listen failure (port in use) is retried.
 * Only sources in the policy's allow-list are read, within its connection caps; anything else is closed at
 * once and reported, never handed to a framer. With no policy, every connection is refused.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { errorText, type PortSink, type PortSource } from './portEvents.node.js';
import { admit, sourceKey, type ListenerPolicy } from './sourcePolicy.std.js';

export class TcpListener implements PortSource {
  readonly #port: number;
  readonly #host: string;
  readonly #sink: PortSink;
  readonly #policy: ListenerPolicy | undefined;
  /** Open connections per source key. */
  readonly #open = new Map<string, number>();
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  #next = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(port: number, host: string, sink: PortSink, policy: ListenerPolicy | undefined) {
    this.#port = port;
    this.#host = host;
    this.#sink = sink;
    this.#policy = policy;
  }

  /** The port actually bound (useful when configured as tcp:0 in tests). */
  get boundPort(): number | undefined {
    const address = this.#server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  start(): void {
    this.#stopped = false;
    const server = createServer((socket) => this.#accept(socket));
    server.on('error', (error) => {
      if (this.#server === server) this.#server = undefined;
      server.close();
      if (this.#stopped) return;
      this.#sink.status(
        'retrying',
        'device_tcp_listen_failed',
        `${this.#host}:${String(this.#port)}: ${errorText(error)}`,
      );
      this.#timer = setTimeout(() => this.start(), 1000);
    });
    server.listen(this.#port, this.#host, () => {
      // Stopped while binding: never leave a listener behind holding the port.
      if (this.#stopped || this.#server !== server) {
        server.close();
        return;
      }
      const where = `${this.#host}:${String(this.boundPort ?? this.#port)}`;
      if (this.#policy === undefined) this.#sink.status('listening', 'device_listener_no_allow_list', where);
      else this.#sink.status('listening', null, `${where} from ${this.#policy.allow.join(', ') || 'nobody'}`);
    });
    this.#server = server;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = undefined;
    // A bind still under way finishes (or fails) first, so the port is free when stop() returns.
    if (server !== undefined && !server.listening) await settled(server, 2_000);
    if (server?.listening === true) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.#sink.status('closed', null, null);
  }

  #accept(socket: Socket): void {
    const origin = socket.remoteAddress ?? '';
    const refusal = admit(this.#policy, this.#open, origin);
    if (refusal !== null) {
      socket.destroy();
      this.#sink.refused?.(origin, refusal);
      return;
    }
    const key = sourceKey(origin);
    this.#open.set(key, (this.#open.get(key) ?? 0) + 1);
    this.#next += 1;
    const connection = `tcp-${String(this.#next)}`;
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    // A connection that goes quiet is closed: an idle socket must not hold a slot of the caps for ever.
    if (this.#policy !== undefined) socket.setTimeout(this.#policy.idleTimeoutMs, () => socket.destroy());
    const reply = (bytes: Uint8Array): Promise<void> =>
      new Promise((resolve, reject) => {
        if (socket.destroyed) {
          reject(new Error('connection closed'));
          return;
        }
        socket.write(bytes, (error) => (error ? reject(error) : resolve()));
      });
    socket.on('data', (chunk) => this.#sink.data(connection, new Uint8Array(chunk), reply, key));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#sockets.delete(socket);
      const left = (this.#open.get(key) ?? 1) - 1;
      if (left > 0) this.#open.set(key, left);
      else this.#open.delete(key);
      this.#sink.ended(connection);
    });
  }
}

/** Resolves once a binding server listens or fails, or after `timeoutMs`. */
function settled(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      server.off('listening', done);
      server.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    server.once('listening', done);
    server.once('error', done);
  });
}
