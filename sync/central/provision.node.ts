/**
 * Central provisioning for one hospital and one station (CouchDB 3 API, as admin): the hospital database and
 * its secrets database, the station user with the hospital's station role, `_security` on both, the design
 * documents (validate_doc_update + views), and the hospital key (made once, never replaced: every Patient id
 * of the hospital depends on it). Safe to run again: existing things are kept or updated in place.
 */
import { randomBytes } from 'node:crypto';
import { newHospitalKeyHex } from '../model/ids.std.js';
import { queuePrefixFor } from '../model/encounter.std.js';
import { basicAuth, requestJson, type HttpAnswer } from './centralHttp.node.js';
import {
  HOSPITAL_KEY_DOC,
  STATION_NAME,
  clinicDesignDoc,
  databaseName,
  secretsDatabaseName,
  secretsDesignDoc,
  stationRole,
  stationUserName,
} from './designDocs.std.js';

export interface ProvisionOptions {
  /** Central base URL (no credentials in it). */
  readonly url: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly hcode: string;
  readonly station: string;
  /** The station's password; a random one is made when absent. */
  readonly stationPassword?: string | undefined;
}

export interface ProvisionResult {
  readonly database: string;
  readonly secretsDatabase: string;
  readonly stationUser: string;
  readonly stationPassword: string;
  readonly queuePrefix: string;
  readonly createdKey: boolean;
}

export class ProvisionError extends Error {}

function expectOk(answer: HttpAnswer, what: string, allowed: number[] = []): void {
  if ((answer.status >= 200 && answer.status < 300) || allowed.includes(answer.status)) return;
  throw new ProvisionError(`${what} failed: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
}

export async function provision(options: ProvisionOptions): Promise<ProvisionResult> {
  if (!/^\d{5}$/.test(options.hcode)) throw new ProvisionError('hcode must be 5 digits');
  if (!STATION_NAME.test(options.station)) throw new ProvisionError('station name: 1-16 of a-z 0-9 -, starting with a letter or digit');
  const base = options.url.replace(/\/+$/, '');
  const auth = { Authorization: basicAuth(options.adminUser, options.adminPassword) };
  const call = (path: string, method = 'GET', body?: unknown): Promise<HttpAnswer> => requestJson(`${base}${path}`, { method, body, headers: auth });

  const database = databaseName(options.hcode);
  const secrets = secretsDatabaseName(options.hcode);
  const role = stationRole(options.hcode);
  for (const name of [database, secrets]) expectOk(await call(`/${name}`, 'PUT'), `create ${name}`, [412]);

  const security = { admins: { names: [], roles: [] }, members: { names: [], roles: [role] } };
  for (const name of [database, secrets]) expectOk(await call(`/${name}/_security`, 'PUT', security), `_security of ${name}`);

  for (const [name, doc] of [
    [database, clinicDesignDoc(options.hcode)],
    [secrets, secretsDesignDoc()],
  ] as const) {
    const existing = await call(`/${name}/${doc._id}`);
    const rev = existing.status === 200 ? (existing.body as { _rev?: string })._rev : undefined;
    expectOk(await call(`/${name}/${doc._id}`, 'PUT', { ...doc, ...(rev === undefined ? {} : { _rev: rev }) }), `design document ${doc._id}`);
  }

  let createdKey = false;
  const key = await call(`/${secrets}/${HOSPITAL_KEY_DOC}`);
  if (key.status === 404) {
    expectOk(await call(`/${secrets}/${HOSPITAL_KEY_DOC}`, 'PUT', { key: newHospitalKeyHex((n) => new Uint8Array(randomBytes(n))), createdAt: new Date().toISOString() }), 'hospital key');
    createdKey = true;
  } else expectOk(key, 'read hospital key');

  const stationUser = stationUserName(options.hcode, options.station);
  const stationPassword = options.stationPassword ?? randomBytes(18).toString('base64url');
  const userPath = `/_users/org.couchdb.user:${encodeURIComponent(stationUser)}`;
  const existingUser = await call(userPath);
  const userRev = existingUser.status === 200 ? (existingUser.body as { _rev?: string })._rev : undefined;
  expectOk(
    await call(userPath, 'PUT', { _id: `org.couchdb.user:${stationUser}`, ...(userRev === undefined ? {} : { _rev: userRev }), name: stationUser, type: 'user', roles: [role], password: stationPassword }),
    'station user',
  );
  return { database, secretsDatabase: secrets, stationUser, stationPassword, queuePrefix: queuePrefixFor(options.station), createdKey };
}
