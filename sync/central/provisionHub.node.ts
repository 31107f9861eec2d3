/**
 * A hospital hub on the LAN (issue 15 §1): a CouchDB 3 in the hospital, set up as admin of both servers so the
 * hospital's stations keep working together while GIN is down. On the hub: the hospital's database set up as on
 * central (same members, same validate_doc_update, same views: `setUpClinicDatabase`), the hospital's station
 * users copied from central (their password hashes, so a station logs in to either with its one password), and
 * the relay user. On central: the same relay user and role (`relayRole`), which central's rules accept as
 * passing on records its hospital's stations wrote (docs/SECURITY.md). Then two continuous replications in the
 * hub's `_replicator`, hub → central and central → hub, as the relay on both ends. Run it again after
 * provisioning a new station on central (its user is copied then); each run gives the relay a new password.
 */
import { randomBytes } from 'node:crypto';
import {
  adminCall,
  expectOk,
  ProvisionError,
  putLatest,
  putUser,
  setUpClinicDatabase,
  type Call,
} from './provision.node.js';
import { databaseName, relayRole, relayUserName, stationUserName } from './designDocs.std.js';

export interface HubProvisionOptions {
  /** The hub's base URL as the hub itself reaches it (its replications run there). */
  readonly hubUrl: string;
  readonly hubAdminUser: string;
  readonly hubAdminPassword: string;
  /** Central's base URL as the hub reaches it. */
  readonly centralUrl: string;
  readonly centralAdminUser: string;
  readonly centralAdminPassword: string;
  readonly hcode: string;
  /**
   * The hub's database; `clinic_<hcode>` unless given. Another name serves only a hub and central that share
   * one CouchDB (the CouchDB contract test); stations reach the hub's database by the hospital's name.
   */
  readonly hubDatabase?: string | undefined;
}

export interface HubProvisionResult {
  readonly hubDatabase: string;
  readonly centralDatabase: string;
  readonly relayUser: string;
  /** Station users copied from central to the hub. */
  readonly stations: readonly string[];
  /** Ids of the replication documents in the hub's `_replicator`. */
  readonly replications: readonly string[];
}

/**
 * What the relay replicates: the hospital's records (ids `<ResourceType>/…`), never design documents (admins
 * set those up on each server; the relay may not write them).
 */
export const RELAY_SELECTOR = { _id: { $regex: '^[A-Z]' } } as const;

export interface RelayReplication {
  readonly _id: string;
  readonly source: {
    readonly url: string;
    readonly auth: { readonly basic: { readonly username: string; readonly password: string } };
  };
  readonly target: {
    readonly url: string;
    readonly auth: { readonly basic: { readonly username: string; readonly password: string } };
  };
  readonly continuous: true;
  readonly selector: typeof RELAY_SELECTOR;
}

/** The two replication documents of a hub: hub → central and central → hub, as the relay on both ends. */
export function relayReplications(
  hcode: string,
  hubDb: string,
  centralDb: string,
  password: string,
): RelayReplication[] {
  const basic = { username: relayUserName(hcode), password };
  const hub = { url: hubDb, auth: { basic } };
  const central = { url: centralDb, auth: { basic } };
  return [
    {
      _id: `${databaseName(hcode)}-hub-to-central`,
      source: hub,
      target: central,
      continuous: true,
      selector: RELAY_SELECTOR,
    },
    {
      _id: `${databaseName(hcode)}-central-to-hub`,
      source: central,
      target: hub,
      continuous: true,
      selector: RELAY_SELECTOR,
    },
  ];
}

/** The station users of a hospital on central, whole (with their password hashes), without `_rev`. */
async function stationUsers(central: Call, hcode: string): Promise<Record<string, unknown>[]> {
  const prefix = `org.couchdb.user:${stationUserName(hcode, '')}`;
  const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const listed = await central(`/_users/_all_docs?include_docs=true&${range}`);
  expectOk(listed, 'list station users on central');
  const rows = (listed.body as { rows?: { doc?: Record<string, unknown> }[] }).rows ?? [];
  return rows.flatMap((row) => {
    if (row.doc === undefined) return [];
    const { _rev: _ignored, ...user } = row.doc;
    return [user];
  });
}

export async function provisionHub(options: HubProvisionOptions): Promise<HubProvisionResult> {
  const { hcode } = options;
  if (!/^\d{5}$/.test(hcode)) throw new ProvisionError('provision_bad_hcode');
  const central = adminCall(options.centralUrl, options.centralAdminUser, options.centralAdminPassword);
  const hub = adminCall(options.hubUrl, options.hubAdminUser, options.hubAdminPassword);
  const centralDatabase = databaseName(hcode);
  const hubDatabase = options.hubDatabase ?? centralDatabase;

  const known = await central(`/${centralDatabase}`);
  if (known.status === 404) throw new ProvisionError('provision_hub_no_central', { database: centralDatabase });
  expectOk(known, `read ${centralDatabase} on central`);
  // Central's members include the relay from here on (hospitals provisioned before hubs existed too).
  await setUpClinicDatabase(central, centralDatabase, hcode);
  await setUpClinicDatabase(hub, hubDatabase, hcode);

  const stations = await stationUsers(central, hcode);
  for (const user of stations) {
    await putLatest(
      hub,
      `/_users/${encodeURIComponent(String(user['_id']))}`,
      user,
      `station user ${String(user['name'])} on the hub`,
    );
  }

  const relayPassword = randomBytes(24).toString('base64url');
  const relayUser = relayUserName(hcode);
  await putUser(central, relayUser, relayRole(hcode), relayPassword, 'relay user on central');
  await putUser(hub, relayUser, relayRole(hcode), relayPassword, 'relay user on the hub');

  expectOk(await hub('/_replicator', 'PUT'), 'create _replicator on the hub', [412]);
  const docs = relayReplications(
    hcode,
    `${options.hubUrl.replace(/\/+$/, '')}/${hubDatabase}`,
    `${options.centralUrl.replace(/\/+$/, '')}/${centralDatabase}`,
    relayPassword,
  );
  for (const doc of docs)
    await putLatest(hub, `/_replicator/${encodeURIComponent(doc._id)}`, doc, `replication ${doc._id}`);
  return {
    hubDatabase,
    centralDatabase,
    relayUser,
    stations: stations.map((user) => String(user['name'])),
    replications: docs.map((doc) => doc._id),
  };
}
