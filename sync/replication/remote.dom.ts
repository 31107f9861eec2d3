/** The central database as a PouchDB http database: never created by us (skip_setup), extra headers per request. */
import { PouchDB, type Database } from '../store/pouch.dom.js';

/**
 * PouchDB 9 times out only `_changes` requests; a central that accepts a `_bulk_docs` or `_revs_diff` and
 * never answers would stall replication until TCP gives up. Generous: a batch of 500 with photos over a slow
 * GIN link takes a while.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

export interface RemoteOptions {
  /** Added to every request: the proxy token in the app, Authorization or Cookie in tests and benchmarks. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Counts bytes on the wire for the benchmark. */
  readonly fetchImpl?: typeof fetch;
  /** Aborts any request but `_changes` (PouchDB times those itself, heartbeat included) after this long. */
  readonly requestTimeoutMs?: number;
}

function isChangesFeed(input: RequestInfo | URL): boolean {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return /\/_changes(\?|$)/.test(url);
}

export function remoteDatabase(url: string, options: RemoteOptions = {}): Database {
  const base = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return new PouchDB(url, {
    skip_setup: true,
    fetch(input: RequestInfo | URL, init?: RequestInit) {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      const signals = [init?.signal, isChangesFeed(input) ? null : AbortSignal.timeout(timeoutMs)].filter((signal): signal is AbortSignal => signal instanceof AbortSignal);
      const signal = signals.length === 0 ? null : AbortSignal.any(signals);
      return base(input, { ...init, headers, credentials: 'omit', signal });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}
