/** The central database as a PouchDB http database: never created by us (skip_setup), extra headers per request. */
import { PouchDB, type Database } from '../store/pouch.dom.js';

/**
 * PouchDB 9 sets no timeout on any request (its `_changes` timeout is computed and never used), so a central
 * that accepts a request and never answers stalls replication until TCP gives up, and the station would go
 * on saying "syncing". Every request is aborted when nothing arrives for this long: generous, since a batch of
 * 500 with photos over a slow GIN link takes a while to upload before central answers.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** A live `_changes` long poll may sit idle; central sends a newline every heartbeat (10 s, pouchdb-server 6 s). */
export const LONGPOLL_IDLE_MS = 30_000;

export interface RemoteOptions {
  /** Added to every request: the proxy token in the app, Authorization or Cookie in tests and benchmarks. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Counts bytes on the wire for the benchmark. */
  readonly fetchImpl?: typeof fetch;
  /** Aborts a request that has received nothing (headers or body bytes) for this long. */
  readonly requestTimeoutMs?: number;
}

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** An Error with own fields: PouchDB copies only own properties when it wraps a replication error. */
function requestTimeout(idleMs: number): Error {
  return Object.assign(new Error(`no answer from central for ${idleMs} ms`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });
}

/** fetch that aborts when no byte has arrived for `idleMs`: before the headers, or between body chunks. */
async function idleTimedFetch(
  base: typeof fetch,
  input: RequestInfo | URL,
  init: RequestInit,
  idleMs: number,
): Promise<Response> {
  const watchdog = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => watchdog.abort(requestTimeout(idleMs)), idleMs);
  };
  const signal = init.signal instanceof AbortSignal ? AbortSignal.any([init.signal, watchdog.signal]) : watchdog.signal;
  arm();
  let response: Response;
  try {
    response = await base(input, { ...init, signal });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  if (response.body === null) {
    clearTimeout(timer);
    return response;
  }
  arm();
  const watched = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        arm();
        controller.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
  return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Writes (any request but GET/HEAD) each remote database has sent and not yet had answered. */
const writesInFlight = new WeakMap<Database, Set<Promise<unknown>>>();

/**
 * Resolves once every write sent to `remote` so far has been answered or failed (at most `capMs`). A
 * cancelled PouchDB replication stops between batches but leaves its current `_bulk_docs` running: a new
 * replication started meanwhile asks `_revs_diff` before central has stored that batch and sends it again.
 */
export async function remoteWritesSettled(remote: Database, capMs: number): Promise<void> {
  const pending = [...(writesInFlight.get(remote) ?? [])];
  if (pending.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((done) => {
    timer = setTimeout(done, capMs);
  });
  await Promise.race([Promise.allSettled(pending), cap]);
  clearTimeout(timer);
}

export function remoteDatabase(url: string, options: RemoteOptions = {}): Database {
  const base = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const writes = new Set<Promise<unknown>>();
  const db = new PouchDB(url, {
    skip_setup: true,
    fetch(input: RequestInfo | URL, init?: RequestInit) {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
      const idleMs = /[?&]feed=longpoll(&|$)/.test(urlOf(input)) ? Math.max(timeoutMs, LONGPOLL_IDLE_MS) : timeoutMs;
      const answer = idleTimedFetch(base, input, { ...init, headers, credentials: 'omit' }, idleMs);
      const method = (init?.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        const forget = (): void => {
          writes.delete(settled);
        };
        const settled: Promise<void> = answer.then(forget, forget);
        writes.add(settled);
      }
      return answer;
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  writesInFlight.set(db, writes);
  return db;
}
