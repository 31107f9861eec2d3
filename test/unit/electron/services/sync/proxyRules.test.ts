// What the /central/ proxy lets through: only clinic_<hcode> (and a read of the server root), no server-wide endpoints,
// no path tricks, no page cookies.
import { describe, expect, it } from 'vitest';
import {
  forwardRequestHeaders,
  forwardResponseHeaders,
  proxyTarget,
} from '../../../../../electron/services/sync/proxyRules.std.js';
import { tokenMatches } from '../../../../../electron/services/sync/centralProxy.node.js';

const db = 'clinic_10670';

describe('proxy path rules', () => {
  it('lets replication reach the hospital database', () => {
    const allowed: [string, string][] = [
      ['GET', `/central/${db}/`],
      ['GET', `/central/${db}`],
      ['GET', `/central/${db}/_local/abc?x=1`],
      ['PUT', `/central/${db}/_local/abc`],
      ['POST', `/central/${db}/_revs_diff`],
      ['POST', `/central/${db}/_bulk_docs`],
      ['POST', `/central/${db}/_bulk_get?revs=true&latest=true`],
      ['GET', `/central/${db}/_changes?style=all_docs&feed=longpoll&heartbeat=10000&since=0&limit=500`],
      ['GET', `/central/${db}/Patient%2Fp0123?revs=true&open_revs=all`],
      ['GET', `/central/${db}/_design/clinic/_view/by_type?reduce=true`],
    ];
    for (const [method, url] of allowed) {
      const decision = proxyTarget(method, url, db);
      expect(decision, `${method} ${url}`).toMatchObject({ ok: true });
    }
    expect(proxyTarget('GET', `/central/${db}/_changes?since=5`, db)).toEqual({
      ok: true,
      upstreamPath: `/${db}/_changes?since=5`,
    });
    expect(proxyTarget('GET', `/central/${db}/`, db)).toEqual({ ok: true, upstreamPath: `/${db}` });
  });

  it('lets PouchDB read the server root (its uuid names the replication checkpoint), and nothing else there', () => {
    expect(proxyTarget('GET', '/central/', db)).toEqual({ ok: true, upstreamPath: '/' });
    expect(proxyTarget('HEAD', '/central/', db)).toEqual({ ok: true, upstreamPath: '/' });
    for (const method of ['POST', 'PUT', 'DELETE'])
      expect(proxyTarget(method, '/central/', db), method).toMatchObject({ ok: false, status: 403 });
    expect(proxyTarget('GET', '/central/?x=1', db)).toMatchObject({ ok: false, status: 403 });
    // Not a way round "own database only": anything below the root is still another database or endpoint.
    for (const url of ['/central//_users', '/central/%2F_users', '/central/./_all_dbs', '/central/_utils/'])
      expect(proxyTarget('GET', url, db).ok, url).toBe(false);
  });

  it('refuses everything else', () => {
    const refused: [string, string][] = [
      ['GET', '/central/_users/org.couchdb.user:admin'],
      ['POST', '/central/_session'],
      ['GET', '/central/_all_dbs'],
      ['GET', '/central/clinic_10670_secrets/hospital-key'],
      ['GET', '/central/clinic_99999/_changes'],
      ['GET', '/central/clinic_1067%30/_changes'],
      ['GET', '/central/_all_dbs?x=/'],
      ['GET', '/central//'],
      ['GET', '/central/_utils'],
      ['GET', '/central/_config'],
      ['GET', '/central/_uuids'],
      ['GET', '/central/_active_tasks'],
      ['GET', `/central/${db}/_security`],
      ['PUT', `/central/${db}/_security`],
      // Central decodes before it routes: an encoded special name is the special name.
      ['GET', `/central/${db}/%5Fsecurity`],
      ['PUT', `/central/${db}/%5fsecurity`],
      ['POST', `/central/${db}/%5Fpurge`],
      ['GET', `/central/${db}/%5Fchanges`],
      ['POST', `/central/${db}/_purge`],
      ['POST', `/central/${db}/_compact`],
      ['DELETE', `/central/${db}`],
      ['PUT', `/central/${db}/`],
      ['GET', `/central/${db}/../_users`],
      ['GET', `/central/${db}/%2e%2e/_users`],
      ['GET', `/central/${db}/Patient%2F..%2F..%2F_users`],
      ['GET', `/central/${db}//_users`],
      ['GET', `/central/${db}/%zz`],
      ['PATCH', `/central/${db}/x`],
      ['COPY', `/central/${db}/x`],
    ];
    for (const [method, url] of refused) {
      expect(proxyTarget(method, url, db).ok, `${method} ${url}`).toBe(false);
    }
    expect(proxyTarget('GET', '/elsewhere', db)).toMatchObject({ ok: false, status: 404 });
  });

  it('never forwards the page’s Cookie, Authorization or token, nor central’s Set-Cookie', () => {
    const sent = forwardRequestHeaders({
      cookie: 'AuthSession=page',
      authorization: 'Basic eDp5',
      'x-edge-proxy-token': 't',
      host: 'x',
      origin: 'app://edge',
      'content-type': 'application/json',
      'content-length': '12',
      accept: 'application/json',
    });
    expect(sent).toEqual({ 'content-type': 'application/json', 'content-length': '12', accept: 'application/json' });
    const back = forwardResponseHeaders({
      'set-cookie': ['AuthSession=abc'],
      'content-type': 'application/json',
      connection: 'keep-alive',
      etag: '"1-a"',
    });
    expect(back).toEqual({ 'content-type': 'application/json', etag: '"1-a"' });
  });

  it('compares the proxy token exactly', () => {
    expect(tokenMatches('abc123', 'abc123')).toBe(true);
    expect(tokenMatches('abc124', 'abc123')).toBe(false);
    expect(tokenMatches('abc12', 'abc123')).toBe(false);
    expect(tokenMatches(undefined, 'abc123')).toBe(false);
    expect(tokenMatches(['abc123'], 'abc123')).toBe(false);
  });
});
