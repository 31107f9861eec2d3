/**
 * Central provisioning for one hospital and one station (CouchDB 3 API, as admin): the hospital database and
 * its secrets database, the station user with the hospital's station role, `_security` on both, the design
 * documents (validate_doc_update + views), the hospital key (made once, never replaced: every Patient id
 * of the hospital depends on it), and the station's claim on its queue prefix (a second station whose name
 * gives the same prefix is refused: two stations must never hand out the same queue numbers). Safe to run
 * again for the same station: existing things are kept or updated in place, the station's password too
 * (the station keeps working) unless `resetPassword` is set.
 */
import { randomBytes } from 'node:crypto';
import { newHospitalKeyHex } from '../model/ids.std.js';
import { queuePrefixFor } from '../model/encounter.std.js';
import { basicAuth, requestJson, type HttpAnswer } from './centralHttp.node.js';
import { OLDER_HISTORY_INDEX } from '../replication/olderHistory.std.js';
import { WINDOW_INDEXES } from '../replication/initialPull.std.js';
import { provisionErrorMessage, type ProvisionErrorCode } from './provisionErrors.std.js';
import type { Bilingual } from '../model/bilingual.std.js';
import {
  HOSPITAL_KEY_DOC,
  STATION_NAME,
  clinicDesignDoc,
  clinicSecurity,
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
  /** The station's password; a random one is made when absent. An existing station's is changed only with resetPassword. */
  readonly stationPassword?: string | undefined;
  /** Give an existing station a new password (stationPassword, or a random one). */
  readonly resetPassword?: boolean | undefined;
}

export interface ProvisionResult {
  readonly database: string;
  readonly secretsDatabase: string;
  readonly stationUser: string;
  /** The password set now; null when an existing station kept its own. */
  readonly stationPassword: string | null;
  readonly queuePrefix: string;
  readonly createdKey: boolean;
}

/** A refusal with a code and its Thai and English text; `message` holds both (Thai first, as the CLI prints it). */
export class ProvisionError extends Error {
  readonly code: ProvisionErrorCode;
  readonly text: Bilingual;
  constructor(code: ProvisionErrorCode, params: Readonly<Record<string, string>> = {}, detail = '') {
    const text = provisionErrorMessage(code, params);
    super(`${text.th}\n${text.en}${detail === '' ? '' : `\n${detail}`}`);
    this.name = 'ProvisionError';
    this.code = code;
    this.text = text;
  }
}

export function expectOk(answer: HttpAnswer, what: string, allowed: number[] = []): void {
  if ((answer.status >= 200 && answer.status < 300) || allowed.includes(answer.status)) return;
  throw new ProvisionError(
    'provision_http_failed',
    { what, status: String(answer.status) },
    JSON.stringify(answer.body).slice(0, 200),
  );
}

export type Call = (path: string, method?: string, body?: unknown) => Promise<HttpAnswer>;

/** PUT over whatever revision is there; a concurrent provisioning's write (409) is re-read and overwritten. */
export async function putLatest(call: Call, path: string, doc: object, what: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const existing = await call(path);
    const rev = existing.status === 200 ? (existing.body as { _rev?: string })._rev : undefined;
    const put = await call(path, 'PUT', { ...doc, ...(rev === undefined ? {} : { _rev: rev }) });
    if (put.status !== 409 || attempt >= 4) {
      expectOk(put, what);
      return;
    }
  }
}

/** pouchdb-server keeps `_security` as a revisioned document and answers 409 to a concurrent PUT (CouchDB 3 does not). */
async function putSecurity(call: Call, name: string, security: object): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const put = await call(`/${name}/_security`, 'PUT', security);
    if (put.status !== 409 || attempt >= 4) {
      expectOk(put, `_security of ${name}`);
      return;
    }
  }
}

/** The claim on a queue prefix in the secrets database: one document per prefix, created once (409 if taken). */
export function queuePrefixDocId(prefix: string): string {
  return `queue-prefix:${prefix}`;
}

interface PrefixClaim {
  readonly station: string;
  readonly stationUser: string;
  readonly queuePrefix: string;
  readonly claimedAt: string;
}

/**
 * Claims the station's queue prefix for it, or names the other station that holds it. The claim is a
 * create-only document, so two provisionings racing for one prefix cannot both win; station users made
 * before claims existed are checked by name too.
 */
async function claimQueuePrefix(
  call: Call,
  secrets: string,
  hcode: string,
  station: string,
  prefix: string,
): Promise<void> {
  const userPrefix = `org.couchdb.user:${stationUserName(hcode, '')}`;
  const users = await call(
    `/_users/_all_docs?startkey=${encodeURIComponent(JSON.stringify(userPrefix))}&endkey=${encodeURIComponent(JSON.stringify(`${userPrefix}\ufff0`))}`,
  );
  expectOk(users, 'list station users');
  for (const row of (users.body as { rows?: { id: string }[] }).rows ?? []) {
    const other = row.id.slice(userPrefix.length);
    if (other !== station && STATION_NAME.test(other) && queuePrefixFor(other) === prefix)
      throw new ProvisionError('provision_queue_prefix_taken', { prefix, station, other });
  }
  const path = `/${secrets}/${encodeURIComponent(queuePrefixDocId(prefix))}`;
  const claim: PrefixClaim = {
    station,
    stationUser: stationUserName(hcode, station),
    queuePrefix: prefix,
    claimedAt: new Date().toISOString(),
  };
  const created = await call(path, 'PUT', claim);
  if (created.status === 409) {
    const existing = await call(path);
    expectOk(existing, 'read queue prefix claim');
    const holder = (existing.body as Partial<PrefixClaim>).station ?? '?';
    if (holder !== station)
      throw new ProvisionError('provision_queue_prefix_taken', { prefix, station, other: holder });
    return;
  }
  expectOk(created, 'claim queue prefix');
}

/** Calls central as its admin (credentials from the environment of the CLI, never stored). */
export function adminCall(url: string, adminUser: string, adminPassword: string): Call {
  const base = url.replace(/\/+$/, '');
  const auth = { Authorization: basicAuth(adminUser, adminPassword) };
  return (path, method = 'GET', body) => requestJson(`${base}${path}`, { method, body, headers: auth });
}

/**
 * A hospital's clinical database, on central or on its hub alike: created if missing, its members (the
 * hospital's stations and its hub's relay) and its design document with validate_doc_update and the views.
 */
export async function setUpClinicDatabase(call: Call, name: string, hcode: string): Promise<void> {
  expectOk(await call(`/${name}`, 'PUT'), `create ${name}`, [412]);
  await putSecurity(call, name, clinicSecurity(hcode));
  const doc = clinicDesignDoc(hcode);
  await putLatest(call, `/${name}/${doc._id}`, doc, `design document ${doc._id}`);
  // A patient's history older than a station's window is read through it (olderHistory.std.ts); idempotent.
  expectOk(await call(`/${name}/_index`, 'POST', OLDER_HISTORY_INDEX), 'older-history index');
  // A new station's first read of its window (initialPull.std.ts).
  for (const index of WINDOW_INDEXES) expectOk(await call(`/${name}/_index`, 'POST', index), `index ${index.name}`);
}

export async function provision(options: ProvisionOptions): Promise<ProvisionResult> {
  if (!/^\d{5}$/.test(options.hcode)) throw new ProvisionError('provision_bad_hcode');
  if (!STATION_NAME.test(options.station)) throw new ProvisionError('provision_bad_station');
  const base = options.url.replace(/\/+$/, '');
  const call = adminCall(options.url, options.adminUser, options.adminPassword);

  const database = databaseName(options.hcode);
  const secrets = secretsDatabaseName(options.hcode);
  const role = stationRole(options.hcode);
  await setUpClinicDatabase(call, database, options.hcode);
  expectOk(await call(`/${secrets}`, 'PUT'), `create ${secrets}`, [412]);
  await putSecurity(call, secrets, { admins: { names: [], roles: [] }, members: { names: [], roles: [role] } });
  const secretsDoc = secretsDesignDoc();
  await putLatest(call, `/${secrets}/${secretsDoc._id}`, secretsDoc, `design document ${secretsDoc._id}`);

  let createdKey = false;
  const key = await call(`/${secrets}/${HOSPITAL_KEY_DOC}`);
  if (key.status === 404) {
    const made = await call(`/${secrets}/${HOSPITAL_KEY_DOC}`, 'PUT', {
      key: newHospitalKeyHex((n) => new Uint8Array(randomBytes(n))),
      createdAt: new Date().toISOString(),
    });
    // 409: another provisioning made it a moment ago; that key stands.
    expectOk(made, 'hospital key', [409]);
    createdKey = made.status !== 409;
  } else expectOk(key, 'read hospital key');

  // Before the user exists: a refused station gets no account.
  const queuePrefix = queuePrefixFor(options.station);
  await claimQueuePrefix(call, secrets, options.hcode, options.station, queuePrefix);

  const stationUser = stationUserName(options.hcode, options.station);
  const stationPassword = await passwordToSet(base, call, stationUser, options);
  await putUser(call, stationUser, role, stationPassword, 'station user');
  return { database, secretsDatabase: secrets, stationUser, stationPassword, queuePrefix, createdKey };
}

/** Makes or updates a CouchDB user with one role; a null password keeps the existing one (its hash is in the kept fields). */
export async function putUser(
  call: Call,
  name: string,
  role: string,
  password: string | null,
  what: string,
): Promise<void> {
  const userPath = `/_users/org.couchdb.user:${encodeURIComponent(name)}`;
  const existingUser = await call(userPath);
  const existing =
    existingUser.status === 200 ? (existingUser.body as Record<string, unknown>) : { _id: `org.couchdb.user:${name}` };
  expectOk(
    await call(userPath, 'PUT', {
      ...existing,
      name,
      type: 'user',
      roles: [role],
      ...(password === null ? {} : { password }),
    }),
    what,
  );
}

/**
 * The password to set, or null to keep an existing station's: re-provisioning must not lock a working station
 * out. A password given for an existing station without resetPassword must already be its password.
 */
async function passwordToSet(
  base: string,
  call: Call,
  stationUser: string,
  options: ProvisionOptions,
): Promise<string | null> {
  const fresh = options.stationPassword ?? randomBytes(18).toString('base64url');
  const user = await call(`/_users/org.couchdb.user:${encodeURIComponent(stationUser)}`);
  if (user.status === 404 || options.resetPassword === true) return fresh;
  expectOk(user, 'read station user');
  if (options.stationPassword === undefined) return null;
  const login = await requestJson(`${base}/_session`, {
    method: 'POST',
    body: { name: stationUser, password: options.stationPassword },
  });
  if (login.status === 200) return null;
  throw new ProvisionError('provision_password_kept', { station: options.station });
}
