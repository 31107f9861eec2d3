/**
 * A benchmark page for Chromium: its module bundled with Vite's build API and served from a loopback origin (the
 * page needs a real origin for IndexedDB). With `proxy`, requests under `/remote/` go to that server, so the
 * page reaches central on its own origin (no CORS) and what crosses is counted as on a link.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';

export async function bundlePage(entry: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => 'bench.js' },
    },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };

/** What crossed the proxy since the counts were last reset. */
export interface ProxyCount {
  requests: number;
  bytesDown: number;
  bytesUp: number;
}

export interface ServedPage {
  readonly url: string;
  readonly server: Server;
  readonly count: ProxyCount;
  /** Where the page reaches the proxied server: `${url}remote`. */
  readonly remoteBase: string;
}

const PROXY_PREFIX = '/remote/';

export async function servePage(dir: string, title: string, proxy?: string): Promise<ServedPage> {
  const count: ProxyCount = { requests: 0, bytesDown: 0, bytesUp: 0 };
  const target = proxy === undefined ? null : new URL(proxy);
  const server = createServer((request, response) => {
    const path = request.url === '/' || request.url === undefined ? '/index.html' : request.url;
    if (target !== null && path.startsWith(PROXY_PREFIX)) {
      count.requests += 1;
      const upstream = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: `/${path.slice(PROXY_PREFIX.length)}`,
          headers: { ...request.headers, host: target.host },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on('data', (chunk: Buffer) => {
            count.bytesDown += chunk.length;
          });
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      request.on('data', (chunk: Buffer) => {
        count.bytesUp += chunk.length;
      });
      request.pipe(upstream);
      return;
    }
    if (path === '/index.html') {
      response
        .writeHead(200, { 'Content-Type': TYPES['.html'] ?? '' })
        .end(
          `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/bench.js"></script>`,
        );
      return;
    }
    try {
      const body = readFileSync(join(dir, path.replace(/^\/+/, '').replace(/\.\./g, '')));
      response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  // Long polls and big pages: no server-side timeout.
  server.requestTimeout = 0;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, server, count, remoteBase: `${url}remote` };
}
