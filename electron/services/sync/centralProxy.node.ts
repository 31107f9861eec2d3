/**
 * The `/central/` proxy: the renderer's PouchDB replicates with `<origin>/central/clinic_<hcode>` and main
 * forwards each request to central with the station's session cookie, streaming bodies both ways (bulk
 * pushes of ~500 documents). A request must carry the per-process token (X-Edge-Proxy-Token); the rules of
 * proxyRules.std.ts decide what may pass. Mounted on the browser bridge (same origin) or on the Electron
 * loopback proxy server (CORS for the app's origin only).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logging/logger.node.js';
import { CentralFailure, failureCode, openCentralRequest } from './centralRequest.node.js';
import type { CentralSession } from './centralSession.node.js';
import {
  MAX_CENTRAL_RESPONSE_BYTES,
  PROXY_PREFIX,
  PROXY_TOKEN_HEADER,
  corsHeaders,
  forwardRequestHeaders,
  forwardResponseHeaders,
  proxyTarget,
} from './proxyRules.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';

export type ProxyRoute = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

export interface ProxyOptions {
  readonly token: string;
  /** The live session, or null while sync is not configured. */
  readonly session: () => CentralSession | null;
  readonly log: Logger;
  /** Cross-origin pages allowed (the Electron loopback server); without it only same-origin requests pass. */
  readonly allowedOrigins?: readonly string[];
  /** Idle time on a proxied request before it is dropped (PouchDB's long-poll heartbeats every 10 s). */
  readonly idleTimeoutMs?: number;
  /** The most one answer from central may carry (default MAX_CENTRAL_RESPONSE_BYTES). */
  readonly maxResponseBytes?: number;
  /** The path it serves: `/central/` (default), or `/hub/` in front of the hospital hub with the hub's session. */
  readonly prefix?: string;
}

/** Constant-time comparison of the header with the process token. */
export function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the page sees when main cannot reach central for it: the status PouchDB classifies the same way. */
const STATUS_OF: Partial<Record<SyncErrorCode, number>> = {
  sync_wrong_password: 401,
  sync_forbidden: 403,
  sync_timeout: 504,
  sync_not_configured: 503,
};

function refuse(
  response: ServerResponse,
  status: number,
  error: string,
  reason: string,
  extra: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra });
  response.end(JSON.stringify({ error, reason }));
}

export function centralProxyRoute(options: ProxyOptions): ProxyRoute {
  const idleTimeoutMs = options.idleTimeoutMs ?? 120_000;
  const maxResponseBytes = options.maxResponseBytes ?? MAX_CENTRAL_RESPONSE_BYTES;
  const prefix = options.prefix ?? PROXY_PREFIX;

  function originAllowed(request: IncomingMessage): { ok: boolean; cors: Record<string, string> } {
    const origin = request.headers.origin;
    if (origin === undefined) return { ok: true, cors: {} };
    if (options.allowedOrigins?.includes(origin) === true) return { ok: true, cors: corsHeaders(origin) };
    return { ok: options.allowedOrigins === undefined && origin === `http://${request.headers.host ?? ''}`, cors: {} };
  }

  function forward(
    request: IncomingMessage,
    response: ServerResponse,
    session: CentralSession,
    path: string,
    cors: Record<string, string>,
    retried: boolean,
  ): void {
    const method = request.method ?? 'GET';
    const bodiless = method === 'GET' || method === 'HEAD';
    session.cookie().then(
      (cookie) => {
        const upstream = openCentralRequest(session.target, method, path, {
          ...forwardRequestHeaders(request.headers),
          cookie: `AuthSession=${cookie}`,
        });
        upstream.setTimeout(idleTimeoutMs, () =>
          upstream.destroy(new CentralFailure('sync_timeout', 'central went quiet')),
        );
        let pageGone = false;
        response.on('close', () => {
          if (response.writableFinished) return;
          // The page went away (PouchDB cancels its long-poll on every stop): end the call to central too.
          pageGone = true;
          upstream.destroy();
        });
        upstream.on('response', (answer) => {
          session.absorb(answer.headers);
          if (answer.statusCode === 401) {
            session.invalidate();
            // A request without a body can be sent again at once with a fresh session.
            if (bodiless && !retried) {
              answer.resume();
              forward(request, response, session, path, cors, true);
              return;
            }
          }
          const declared = Number(answer.headers['content-length'] ?? '0');
          if (declared > maxResponseBytes) {
            answer.destroy();
            options.log.warn({ method, bytes: declared }, 'central proxy: answer over the size limit refused');
            refuse(response, 502, 'sync_server_error', 'central answered more than the proxy passes on', cors);
            return;
          }
          response.writeHead(answer.statusCode ?? 502, { ...forwardResponseHeaders(answer.headers), ...cors });
          let carried = 0;
          answer.on('data', (chunk: Buffer) => {
            carried += chunk.length;
            // Chunked answers have no length up front: cut them off where the limit is crossed.
            if (carried > maxResponseBytes) {
              options.log.warn({ method, bytes: carried }, 'central proxy: answer over the size limit cut off');
              answer.destroy();
              response.destroy();
            }
          });
          answer.pipe(response);
          answer.on('error', () => response.destroy());
        });
        upstream.on('error', (error) => {
          if (pageGone) return;
          const code = failureCode(error);
          options.log.warn({ code, method }, 'central proxy: upstream failed');
          refuse(response, STATUS_OF[code] ?? 502, code, error.message, cors);
        });
        if (bodiless) upstream.end();
        else request.pipe(upstream);
      },
      (error: unknown) => {
        const code = failureCode(error);
        refuse(response, STATUS_OF[code] ?? 502, code, error instanceof Error ? error.message : code, cors);
      },
    );
  }

  return async function proxyCentral(request, response) {
    const url = request.url ?? '/';
    if (!url.startsWith(prefix)) return false;
    const origin = originAllowed(request);
    if (!origin.ok) {
      refuse(response, 403, 'forbidden', 'origin not allowed');
      return true;
    }
    if (request.method === 'OPTIONS') {
      response.writeHead(options.allowedOrigins === undefined ? 405 : 204, origin.cors).end();
      return true;
    }
    if (!tokenMatches(request.headers[PROXY_TOKEN_HEADER], options.token)) {
      refuse(response, 403, 'forbidden', 'missing or wrong proxy token', origin.cors);
      return true;
    }
    const session = options.session();
    if (session === null) {
      refuse(response, 503, 'sync_not_configured', 'sync with central is not configured', origin.cors);
      return true;
    }
    const decision = proxyTarget(request.method ?? 'GET', url, session.credentials.database, prefix);
    if (!decision.ok) {
      refuse(response, decision.status, 'forbidden', decision.reason, origin.cors);
      return true;
    }
    forward(request, response, session, decision.upstreamPath, origin.cors, false);
    return true;
  };
}
