/**
 * globalSetup of `npm run test:couchdb`: the central contract tests against a real CouchDB 3 given by
 * COUCHDB_URL (admin credentials in the URL, a loopback address only). The tests make hospitals with random
 * codes; databases `clinic_<5 digits>[_secrets|_hub]`, station users `st-<5 digits>-*`, hub relays `hub-<5 digits>`
 * and their `_replicator` documents left by earlier runs are deleted first, so point it at a throwaway test CouchDB, never a hospital's.
 * COUCHDB_HUB_URL (optional, the same admin) is a second CouchDB 3 as the hospital hub, cleaned the same way.
 */
import { basicAuth, requestJson } from '../../sync/central/centralHttp.node.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface TestCouchDb {
  readonly base: string;
  readonly user: string;
  readonly password: string;
  readonly version: string;
}

/** Checks that `raw` is a loopback CouchDB 3 with admin credentials and deletes what earlier runs left there. */
async function cleanTestCouchDb(raw: string, variable: string): Promise<TestCouchDb> {
  const url = new URL(raw);
  if (!LOOPBACK.has(url.hostname))
    throw new Error(
      `${variable} must be a CouchDB on this machine (127.0.0.1, localhost, [::1]), not ${url.hostname}: the run deletes test databases`,
    );
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (user === '' || password === '')
    throw new Error(`${variable} must carry the admin credentials: http://<admin>:<password>@127.0.0.1:<port>`);
  const base = `${url.protocol}//${url.host}`;
  const headers = { Authorization: basicAuth(user, password) };
  const welcome = await requestJson(`${base}/`);
  const version = (welcome.body as { couchdb?: string; version?: string }).version ?? '';
  if ((welcome.body as { couchdb?: string }).couchdb !== 'Welcome' || !version.startsWith('3.'))
    throw new Error(`${base} is not a CouchDB 3 (answered ${JSON.stringify(welcome.body).slice(0, 120)})`);
  const dbs = await requestJson(`${base}/_all_dbs`, { headers });
  if (dbs.status !== 200) throw new Error(`admin login to ${base} failed (HTTP ${dbs.status})`);
  for (const name of dbs.body as string[]) {
    if (/^clinic_\d{5}(_secrets|_hub|_stations)?$/.test(name))
      await requestJson(`${base}/${name}`, { method: 'DELETE', headers });
  }
  const users = await requestJson(
    `${base}/_users/_all_docs?startkey=${encodeURIComponent('"org.couchdb.user:"')}&endkey=${encodeURIComponent('"org.couchdb.user:\ufff0"')}`,
    { headers },
  );
  for (const row of (users.body as { rows?: { id: string; value: { rev: string } }[] }).rows ?? []) {
    if (/^org\.couchdb\.user:(st-\d{5}-|hub-\d{5}$)/.test(row.id))
      await requestJson(`${base}/_users/${encodeURIComponent(row.id)}?rev=${row.value.rev}`, {
        method: 'DELETE',
        headers,
      });
  }
  const replications = await requestJson(`${base}/_replicator/_all_docs`, { headers });
  for (const row of (replications.body as { rows?: { id: string; value: { rev: string } }[] }).rows ?? []) {
    if (/^clinic_\d{5}-(hub-to-central|central-to-hub|station-users)$/.test(row.id))
      await requestJson(`${base}/_replicator/${encodeURIComponent(row.id)}?rev=${row.value.rev}`, {
        method: 'DELETE',
        headers,
      });
  }
  return { base, user, password, version };
}

export default async function setup(): Promise<void> {
  const raw = process.env['COUCHDB_URL'];
  if (raw === undefined || raw === '')
    throw new Error(
      'set COUCHDB_URL=http://<admin>:<password>@127.0.0.1:<port> (a test CouchDB 3; see README, Central)',
    );
  const central = await cleanTestCouchDb(raw, 'COUCHDB_URL');
  process.env['EDGE_TEST_CENTRAL_URL'] = central.base;
  process.env['EDGE_TEST_CENTRAL_IS_COUCHDB'] = '1';
  process.env['EDGE_TEST_CENTRAL_ADMIN_USER'] = central.user;
  process.env['EDGE_TEST_CENTRAL_ADMIN_PASSWORD'] = central.password;
  console.log(`central contract tests against CouchDB ${central.version} at ${central.base}`);
  // A second CouchDB as the hospital hub (same admin as central's, as the tests' hub helper assumes).
  const hubRaw = process.env['COUCHDB_HUB_URL'];
  if (hubRaw === undefined || hubRaw === '') return;
  const hub = await cleanTestCouchDb(hubRaw, 'COUCHDB_HUB_URL');
  if (hub.user !== central.user || hub.password !== central.password)
    throw new Error('COUCHDB_HUB_URL must carry the same admin credentials as COUCHDB_URL');
  if (hub.base === central.base) throw new Error('COUCHDB_HUB_URL must be another CouchDB than COUCHDB_URL');
  process.env['EDGE_TEST_HUB_URL'] = hub.base;
  console.log(`the hospital hub: CouchDB ${hub.version} at ${hub.base}`);
}
