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
}

export function newWireCount(): WireCount {
  return { requests: 0, bodyBytesUp: 0, bodyBytesDown: 0, bulkDocIds: new Map(), delivered: new Set(), duplicates: 0 };
}

/** Ids sent more than once (duplicates and retries), counted once per extra send. */
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
  }
  return ids;
}

export function countingFetch(count: WireCount): typeof fetch {
  return async function counted(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    count.requests += 1;
    count.bodyBytesUp += bodyBytes(init?.body);
    const ids = /\/_bulk_docs(?:\?|$)/.test(urlOf(input)) ? recordBulkDocs(count, init?.body) : [];
    const response = await fetch(input, init);
    if (response.ok) for (const id of ids) count.delivered.add(id);
    if (response.body === null) return response;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        count.bodyBytesDown += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
