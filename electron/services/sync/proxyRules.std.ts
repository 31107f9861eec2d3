/**
 * What the `/central/` proxy lets through, pure: only this hospital's database (`clinic_<hcode>`) and only
 * the parts of it replication and the app's queries use; no `_users`, `_session`, secrets database or
 * server-wide endpoint (but for reading the server root, see below); no path tricks. Headers go through allow-lists both ways, so the renderer can never
 * send its own Cookie/Authorization and never sees central's Set-Cookie.
 */
export const PROXY_PREFIX = '/central/';
/** The same rules in front of the hospital hub (issue 15 §1): `/hub/clinic_<hcode>/…`. */
export const HUB_PROXY_PREFIX = '/hub/';
export const PROXY_TOKEN_HEADER = 'x-edge-proxy-token';

/** Database sub-resources a station may use through the proxy (besides documents themselves). */
const ALLOWED_SPECIAL = new Set([
  '_local',
  '_changes',
  '_revs_diff',
  '_bulk_docs',
  '_bulk_get',
  '_all_docs',
  '_design',
  '_find',
  '_index',
  '_missing_revs',
  '_ensure_full_commit',
]);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE']);

export type ProxyDecision =
  | { readonly ok: true; readonly upstreamPath: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

function refuse(status: 400 | 403 | 404 | 405, reason: string): ProxyDecision {
  return { ok: false, status, reason };
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Is `rawUrl` (path + query as received) a request for `database` the station may make? */
export function proxyTarget(
  method: string,
  rawUrl: string,
  database: string,
  prefix: string = PROXY_PREFIX,
): ProxyDecision {
  if (!rawUrl.startsWith(prefix)) return refuse(404, 'not a proxy path');
  if (!METHODS.has(method)) return refuse(405, `method ${method} not allowed`);
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt);
  // PouchDB reads the server root (`/central/`) at the start of every replication: central's uuid names the
  // replication checkpoint. Refused, PouchDB names it after the proxy's URL instead, whose port is new in each
  // run, so every start lost its checkpoints and compared everything again. The root says only what CouchDB
  // tells anyone who asks (welcome, version, uuid): read-only, exactly the root, no query.
  if (path === prefix) {
    if (query !== '') return refuse(403, 'the server root takes no query here');
    return method === 'GET' || method === 'HEAD'
      ? { ok: true, upstreamPath: '/' }
      : refuse(403, 'the server root is read-only here');
  }
  const [first = '', ...rest] = path.slice(prefix.length).split('/');
  // Compared raw: an encoded name (clinic_1%32345) or another database never matches.
  if (first !== database) return refuse(403, 'only this hospital’s database is reachable through the proxy');
  if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
    return method === 'GET' || method === 'HEAD'
      ? { ok: true, upstreamPath: `/${database}${query}` }
      : refuse(403, 'the database itself is read-only here');
  }
  for (const segment of rest) {
    const text = decoded(segment);
    if (text === null) return refuse(400, 'bad percent-encoding');
    // '.', '..' and empty parts, even inside an encoded doc id, could be normalised away by a front proxy.
    if (text.split('/').some((part) => part === '.' || part === '..') || segment === '')
      return refuse(403, 'path tricks are refused');
  }
  // Compared decoded: central decodes `%5Fsecurity` to `_security` before it routes the request.
  const special = decoded(rest[0] ?? '') ?? '';
  if (special.startsWith('_') && !ALLOWED_SPECIAL.has(special))
    return refuse(403, `${special} is not reachable through the proxy`);
  if (special.startsWith('_') && special !== rest[0]) return refuse(403, 'an encoded sub-resource name is refused');
  return { ok: true, upstreamPath: `/${database}/${rest.join('/')}${query}` };
}

/**
 * The most one answer from central may carry to the page: a hostile or broken server cannot fill the
 * station's memory or disk through the proxy. Replication's largest answers (a `_bulk_get` of 500 patients
 * with their photos) stay far below it.
 */
export const MAX_CENTRAL_RESPONSE_BYTES = 256 * 1024 * 1024;

/** Request headers passed on to central (the session cookie is added by main, never taken from the page). */
const REQUEST_HEADERS = [
  'accept',
  'accept-encoding',
  'content-type',
  'content-length',
  'content-encoding',
  'if-match',
  'if-none-match',
];
/** Response headers passed back to the page. */
const RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'etag',
  'cache-control',
  'x-couch-request-id',
  'x-couchdb-body-time',
];

type HeaderBag = Readonly<Record<string, string | readonly string[] | number | undefined>>;

function pick(headers: HeaderBag, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!allowed.includes(lower) || value === undefined) continue;
    out[lower] = typeof value === 'string' || typeof value === 'number' ? String(value) : value.join(', ');
  }
  return out;
}

export function forwardRequestHeaders(headers: HeaderBag): Record<string, string> {
  return pick(headers, REQUEST_HEADERS);
}

export function forwardResponseHeaders(headers: HeaderBag): Record<string, string> {
  return pick(headers, RESPONSE_HEADERS);
}

/** CORS for the Electron loopback proxy: only the app's own origins, only what PouchDB sends. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE',
    'access-control-allow-headers': `accept, content-type, ${PROXY_TOKEN_HEADER}`,
    'access-control-max-age': '600',
    // Chromium's Private Network Access preflight (a secure page calling 127.0.0.1) wants this answer.
    'access-control-allow-private-network': 'true',
    vary: 'Origin',
  };
}
