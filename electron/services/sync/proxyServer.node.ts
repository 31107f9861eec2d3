/**
 * The Electron app's central proxy: a separate HTTP server on 127.0.0.1 and a random port (the page is
 * `app://edge`, which cannot carry our own HTTP routes), answering only `/central/` with CORS for the app's
 * origins. The token in each request is what really keeps other local programs out.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger.node.js';
import type { ProxyRoute } from './centralProxy.node.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export interface ProxyServer {
  /** `http://127.0.0.1:PORT`: SyncEndpoint.proxyOrigin and a connect-src of the page's CSP. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function startProxyServer(route: ProxyRoute, log: Logger): Promise<ProxyServer> {
  const server = createServer((request, response) => {
    route(request, response).then(
      (handled) => {
        if (!handled) response.writeHead(404).end();
      },
      (error: unknown) => {
        log.warn({ err: errorMessage(error) }, 'central proxy server error');
        if (!response.headersSent) response.writeHead(500);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
