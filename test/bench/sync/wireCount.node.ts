/**
 * A counting fetch for remoteDatabase's fetchImpl: request and response body bytes, requests, and every doc id
 * sent in a _bulk_docs body. A document sent again after central acknowledged it (2xx) is a true duplicate;
 * one sent again after its request failed (link cut mid-request) is a retry, counted apart.
 */
export interface WireCount {
  requests: number;
  bodyBytesUp: number;
  bodyBytesDown: number;
  /** doc id → times it was sent in a _bulk_docs body. */
  readonly bulkDocIds: Map<string, number>;
  /** Ids whose _bulk_docs request central answered 2xx. */
  readonly delivered: Set<string>;
  /** Sends of an id central had already acknowledged. */
  duplicates: number;
  /** Ids in a _bulk_docs request not answered yet → how many such requests. */
  readonly inFlight: Map<string, number>;
  /** Sends of an id while another request carrying it was still in flight (two pushes at once). */
  concurrent: number;
}

export function newWireCount(): WireCount {
  return {
    requests: 0,
    bodyBytesUp: 0,
    bodyBytesDown: 0,
    bulkDocIds: new Map(),
    delivered: new Set(),
    duplicates: 0,
    inFlight: new Map(),
    concurrent: 0,
  };
}

/** Ids sent more than once (duplicates, concurrent sends and retries), counted once per extra send. */
export function sentAgain(count: WireCount): number {
  let extra = 0;
  for (const times of count.bulkDocIds.values()) extra += times - 1;
  return extra;
}

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

function bodyBytes(body: BodyInit | null | undefined): number {
  if (body === null || body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof Blob) return body.size;
  return 0;
}

function recordBulkDocs(count: WireCount, body: BodyInit | null | undefined): string[] {
  if (typeof body !== 'string') return [];
  const parsed = JSON.parse(body) as { docs?: { _id?: unknown }[] };
  const ids = (parsed.docs ?? []).map((doc) => doc._id).filter((id): id is string => typeof id === 'string');
  for (const id of ids) {
    count.bulkDocIds.set(id, (count.bulkDocIds.get(id) ?? 0) + 1);
    if (count.delivered.has(id)) count.duplicates += 1;
    else if ((count.inFlight.get(id) ?? 0) > 0) count.concurrent += 1;
    count.inFlight.set(id, (count.inFlight.get(id) ?? 0) + 1);
  }
  return ids;
}

function settled(count: WireCount, ids: readonly string[], ok: boolean): void {
  for (const id of ids) {
    const left = (count.inFlight.get(id) ?? 1) - 1;
    if (left <= 0) count.inFlight.delete(id);
    else count.inFlight.set(id, left);
    if (ok) count.delivered.add(id);
  }
}

/** `trace` (BENCH_SYNC_TRACE=1) prints one line per _bulk_docs request: documents, already-acknowledged ones, outcome. */
export function countingFetch(count: WireCount, trace: ((line: string) => void) | null = null): typeof fetch {
  return async function counted(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    count.requests += 1;
    count.bodyBytesUp += bodyBytes(init?.body);
    const bulk = /\/_bulk_docs(?:\?|$)/.test(urlOf(input));
    const before = { duplicates: count.duplicates, concurrent: count.concurrent };
    const ids = bulk ? recordBulkDocs(count, init?.body) : [];
    const started = Date.now();
    const again = (): string =>
      `${count.duplicates - before.duplicates} acknowledged before, ${count.concurrent - before.concurrent} in flight elsewhere`;
    const response = await fetch(input, init).catch((error: unknown) => {
      if (bulk)
        trace?.(`_bulk_docs ${ids.length} docs (${again()}) failed after ${Date.now() - started} ms: ${String(error)}`);
      settled(count, ids, false);
      throw error;
    });
    if (bulk) trace?.(`_bulk_docs ${ids.length} docs (${again()}) → ${response.status} in ${Date.now() - started} ms`);
    settled(count, ids, response.ok);
    if (response.body === null) return response;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        count.bodyBytesDown += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
