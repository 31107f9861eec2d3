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
import { requestJson } from './centralHttp.node.js';
import { adminCall, expectOk, ProvisionError, putLatest, putSecurity, type Call } from './adminCalls.node.js';
import { OLDER_HISTORY_INDEX } from '../replication/olderHistory.std.js';
import { WINDOW_INDEXES } from '../replication/initialPull.std.js';
import {
  HOSPITAL_KEY_DOC,
  STATION_NAME,
  clinicDesignDoc,
  clinicSecurity,
  databaseName,
  secretsDatabaseName,
  secretsDesignDoc,
  stationRole,
  stationUserIdPrefix,
  stationUserName,
} from './designDocs.std.js';
import { hasStationUsersCopy, updateStationUsersCopy } from './stationUsersFollow.node.js';

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
  const userPrefix = stationUserIdPrefix(hcode);
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
  // A hospital with a hub: the hub follows this copy, so the station logs in there too with no provision-hub.
  if (await hasStationUsersCopy(call, options.hcode)) await updateStationUsersCopy(call, options.hcode);
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
