/** The central database as a PouchDB http database: never created by us (skip_setup), extra headers per request. */
import { PouchDB, type Database } from '../store/pouch.dom.js';

export interface RemoteOptions {
  /** Added to every request: the proxy token in the app, Authorization or Cookie in tests and benchmarks. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Counts bytes on the wire for the benchmark. */
  readonly fetchImpl?: typeof fetch;
}

export function remoteDatabase(url: string, options: RemoteOptions = {}): Database {
  const base = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return new PouchDB(url, {
    skip_setup: true,
    fetch(input: RequestInfo | URL, init?: RequestInit) {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      return base(input, { ...init, headers, credentials: 'omit' });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}
