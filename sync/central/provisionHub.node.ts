/**
 * A hospital hub on the LAN (issue 15 §1): a CouchDB 3 in the hospital, set up as admin of both servers so the
 * hospital's stations keep working together while GIN is down. On the hub: the hospital's database set up as on
 * central (same members, same validate_doc_update, same views: `setUpClinicDatabase`), the hospital's station
 * users (their password hashes, so a station logs in to either with its one password), and the relay user. On
 * central: the same relay user and role (`relayRole`), which central's rules accept as passing on records its
 * hospital's stations wrote (docs/SECURITY.md), and the copy of the station users the hub follows
 * (stationUsersFollow.node.ts). Then three continuous replications in the hub's `_replicator`: hub → central
 * and central → hub as the relay on both ends, and central's copy of the station users → the hub's `_users`
 * (read as the relay, written as the hub's admin), so stations provisioned later need no second run. Safe to
 * run again (after an app update, or a new hub admin password); each run gives the relay a new password.
 */
import { randomBytes } from 'node:crypto';
import { adminCall, expectOk, ProvisionError, putLatest } from './adminCalls.node.js';
import { putUser, setUpClinicDatabase } from './provision.node.js';
import {
  databaseName,
  relayRole,
  relayUserName,
  stationUserIdPrefix,
  stationUsersDatabaseName,
} from './designDocs.std.js';
import { settleStationUsersOnHub, setUpStationUsersCopy, updateStationUsersCopy } from './stationUsersFollow.node.js';

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
  /** Station users on the hub now (the hub follows central's from here on). */
  readonly stations: readonly string[];
  /** Ids of the replication documents in the hub's `_replicator`. */
  readonly replications: readonly string[];
}

/**
 * What the relay replicates: the hospital's records (ids `<ResourceType>/…`), never design documents (admins
 * set those up on each server; the relay may not write them).
 */
export const RELAY_SELECTOR = { _id: { $regex: '^[A-Z]' } } as const;

/** What the hub's `_users` takes from central's copy: this hospital's station users and nothing else. */
export function stationUsersSelector(hcode: string): IdSelector {
  return { _id: { $regex: `^${stationUserIdPrefix(hcode).replaceAll('.', '\\.')}` } };
}

export interface IdSelector {
  readonly _id: { readonly $regex: string };
}

interface Endpoint {
  readonly url: string;
  readonly auth: { readonly basic: { readonly username: string; readonly password: string } };
}

/** A continuous replication document of the hub's `_replicator`, in CouchDB 3's `auth` form. */
export interface HubReplication {
  readonly _id: string;
  readonly source: Endpoint;
  readonly target: Endpoint;
  readonly continuous: true;
  readonly selector: IdSelector;
}

/** The ids of a hub's replication documents: hub → central, central → hub, central's station users → the hub's `_users`. */
export function hubReplicationIds(hcode: string): [string, string, string] {
  const name = databaseName(hcode);
  return [`${name}-hub-to-central`, `${name}-central-to-hub`, `${name}-station-users`];
}

export interface HubEnds {
  readonly hcode: string;
  /** Base URLs, each as the hub reaches it. */
  readonly hubUrl: string;
  readonly centralUrl: string;
  readonly hubDatabase: string;
  readonly relayPassword: string;
  /** The hub's admin: the only user who writes other users' documents into the hub's `_users`. */
  readonly hubAdmin: { readonly username: string; readonly password: string };
}

/** The three replication documents of a hub (hubReplicationIds). */
export function hubReplications(ends: HubEnds): HubReplication[] {
  const [up, down, users] = hubReplicationIds(ends.hcode);
  const hubBase = ends.hubUrl.replace(/\/+$/, '');
  const centralBase = ends.centralUrl.replace(/\/+$/, '');
  const relay = { basic: { username: relayUserName(ends.hcode), password: ends.relayPassword } };
  const hub = { url: `${hubBase}/${ends.hubDatabase}`, auth: relay };
  const central = { url: `${centralBase}/${databaseName(ends.hcode)}`, auth: relay };
  return [
    { _id: up, source: hub, target: central, continuous: true, selector: RELAY_SELECTOR },
    { _id: down, source: central, target: hub, continuous: true, selector: RELAY_SELECTOR },
    {
      _id: users,
      source: { url: `${centralBase}/${stationUsersDatabaseName(ends.hcode)}`, auth: relay },
      target: { url: `${hubBase}/_users`, auth: { basic: ends.hubAdmin } },
      continuous: true,
      selector: stationUsersSelector(ends.hcode),
    },
  ];
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

  await setUpStationUsersCopy(central, hcode);
  const stations = await updateStationUsersCopy(central, hcode);
  await settleStationUsersOnHub(hub, stations);

  const relayPassword = randomBytes(24).toString('base64url');
  const relayUser = relayUserName(hcode);
  await putUser(central, relayUser, relayRole(hcode), relayPassword, 'relay user on central');
  await putUser(hub, relayUser, relayRole(hcode), relayPassword, 'relay user on the hub');

  expectOk(await hub('/_replicator', 'PUT'), 'create _replicator on the hub', [412]);
  const docs = hubReplications({
    hcode,
    hubUrl: options.hubUrl,
    centralUrl: options.centralUrl,
    hubDatabase,
    relayPassword,
    hubAdmin: { username: options.hubAdminUser, password: options.hubAdminPassword },
  });
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
