/**
 * HTTP(S) to central from main with node:http/https: one keep-alive agent per configuration carrying the CA
 * bundle (the GIN CA; null = the system's trust store), a hard timeout per call, and every failure turned
 * into a catalogued sync error code. Used by the session, the link probe and the hospital-key fetch; the
 * proxy streams through the same agent.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ClientRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { classifyFailure } from '../../../sync/replication/linkPolicy.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';
import { EdgeError } from '../../contract/result.std.js';

export interface CentralTarget {
  /** Origin plus any path prefix, without a trailing slash (`https://central.example:6984/couch`). */
  readonly base: string;
  readonly agent: HttpAgent;
}

/** A failed central call, already classified. `status` is central's HTTP status when it answered. */
export class CentralFailure extends Error {
  readonly code: SyncErrorCode;
  readonly status: number | null;
  constructor(code: SyncErrorCode, message: string, status: number | null = null) {
    super(message);
    this.name = 'CentralFailure';
    this.code = code;
    this.status = status;
  }
}

/** Throws sync_bad_ca_bundle unless the text holds at least one parsable PEM certificate. */
export function checkCaBundle(pem: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new EdgeError('sync_bad_ca_bundle', 'no PEM certificate in the CA bundle');
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new EdgeError('sync_bad_ca_bundle', 'a certificate in the CA bundle could not be parsed');
    }
  }
}

export function centralTarget(centralUrl: string, caPem: string | null): CentralTarget {
  const url = new URL(centralUrl);
  if (url.username !== '' || url.password !== '')
    throw new EdgeError('invalid_input', 'the central URL must not carry credentials');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const agent =
    url.protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true, maxSockets: 8, ...(caPem === null ? {} : { ca: caPem }) })
      : new HttpAgent({ keepAlive: true, maxSockets: 8 });
  return { base, agent };
}

/** The full URL of a central path ('/_session', '/clinic_12345/_changes?since=0'). */
export function centralUrlOf(target: CentralTarget, path: string): URL {
  return new URL(`${target.base}${path}`);
}

/** Opens a request to central (not yet ended): the proxy pipes into it, `centralCall` writes a small body. */
export function openCentralRequest(
  target: CentralTarget,
  method: string,
  path: string,
  headers: Record<string, string>,
): ClientRequest {
  const url = centralUrlOf(target, path);
  const open = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return open(url, { method, headers, agent: target.agent });
}

/** Network error or HTTP status → the catalogued code (classifyFailure, plus Node's own error names). */
export function failureCode(error: unknown, status: number | null = null): SyncErrorCode {
  if (error instanceof CentralFailure) return error.code;
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : null;
  return classifyFailure({ status, code });
}

export interface CentralAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly rttMs: number;
}

/** A small request with a hard timeout: resolves with any HTTP answer, rejects with a CentralFailure only on no answer. */
export function centralCall(
  target: CentralTarget,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<CentralAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers = {
      accept: 'application/json',
      ...options.headers,
      ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }),
    };
    const request = openCentralRequest(target, options.method ?? 'GET', options.path, headers);
    const timer = setTimeout(
      () => request.destroy(new CentralFailure('sync_timeout', `no answer from central in ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    request.on('response', (response: IncomingMessage) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text,
          rttMs: performance.now() - started,
        });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(new CentralFailure(failureCode(error), error.message));
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof CentralFailure ? error : new CentralFailure(failureCode(error), error.message));
    });
    request.end(options.body);
  });
}
