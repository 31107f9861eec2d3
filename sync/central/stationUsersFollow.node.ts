/**
 * The hub follows central's station users (issue 15 §1), so a station provisioned on central after its
 * hospital's hub logs in to the hub with no second `provision-hub`, and a new password reaches the hub too.
 *
 * Central's `_users` is readable by central's admins only, and central's admin password must never sit on a
 * hospital's server (it opens every hospital). So central keeps a copy of one hospital's station users in
 * `clinic_<hcode>_stations` (the hub's relay its only member, admins its only writers) with the very
 * revisions `_users` holds (written with `new_edits: false`), and every `provision` of a station of a
 * hospital with a hub brings it up to date. The hub replicates that copy into its own `_users` continuously,
 * reading as the relay and writing as the hub's admin (only an admin writes other users' documents there).
 */
import { expectOk, ProvisionError, putLatest, putSecurity, type Call } from './adminCalls.node.js';
import {
  adminWritesDesignDoc,
  stationUserIdPrefix,
  stationUsersDatabaseName,
  stationUsersSecurity,
} from './designDocs.std.js';

/** A `_users` document as CouchDB holds it, with its revision history (`?revs=true`). */
export interface RevisedUser {
  readonly _id: string;
  readonly _rev: string;
  readonly [field: string]: unknown;
}

function idRange(prefix: string): string {
  return `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
}

async function listed(call: Call, database: string, hcode: string): Promise<{ id: string; rev: string }[]> {
  const answer = await call(`/${database}/_all_docs?${idRange(stationUserIdPrefix(hcode))}`);
  expectOk(answer, `list station users in ${database}`);
  const rows = (answer.body as { rows?: { id: string; value: { rev: string } }[] }).rows ?? [];
  return rows.map((row) => ({ id: row.id, rev: row.value.rev }));
}

/** The hospital's station users in central's `_users`, whole (password hashes) with their revision histories. */
async function stationUsers(central: Call, hcode: string): Promise<RevisedUser[]> {
  const users: RevisedUser[] = [];
  for (const { id } of await listed(central, '_users', hcode)) {
    const answer = await central(`/_users/${encodeURIComponent(id)}?revs=true`);
    expectOk(answer, `read ${id}`);
    users.push(answer.body as RevisedUser);
  }
  return users;
}

/** Writes documents with the revisions they carry: the same revision twice is one revision, never a conflict. */
async function copyRevisions(call: Call, database: string, docs: readonly RevisedUser[]): Promise<void> {
  if (docs.length === 0) return;
  const answer = await call(`/${database}/_bulk_docs`, 'POST', { docs, new_edits: false });
  expectOk(answer, `copy station users into ${database}`);
  const failed = (answer.body as { error?: string; id?: string }[]).filter((row) => row.error !== undefined);
  if (failed.length > 0)
    throw new ProvisionError(
      'provision_http_failed',
      { what: `copy station users into ${database}`, status: String(answer.status) },
      JSON.stringify(failed).slice(0, 200),
    );
}

export async function hasStationUsersCopy(central: Call, hcode: string): Promise<boolean> {
  const answer = await central(`/${stationUsersDatabaseName(hcode)}`);
  if (answer.status === 404) return false;
  expectOk(answer, `read ${stationUsersDatabaseName(hcode)}`);
  return true;
}

/** Creates central's copy of the hospital's station users if missing, with its members and its admins-only rule. */
export async function setUpStationUsersCopy(central: Call, hcode: string): Promise<void> {
  const name = stationUsersDatabaseName(hcode);
  expectOk(await central(`/${name}`, 'PUT'), `create ${name}`, [412]);
  await putSecurity(central, name, stationUsersSecurity(hcode));
  const design = adminWritesDesignDoc('stations', 'station users');
  await putLatest(central, `/${name}/${design._id}`, design, `design document ${design._id} of ${name}`);
}

/**
 * Brings central's copy up to date with `_users`: every station user of the hospital at its `_users`
 * revision, and a station user gone from `_users` deleted from the copy (the hub follows the deletion).
 * Returns the users copied.
 */
export async function updateStationUsersCopy(central: Call, hcode: string): Promise<RevisedUser[]> {
  const name = stationUsersDatabaseName(hcode);
  const users = await stationUsers(central, hcode);
  await copyRevisions(central, name, users);
  const current = new Set(users.map((user) => user._id));
  for (const { id, rev } of await listed(central, name, hcode)) {
    if (!current.has(id))
      expectOk(
        await central(`/${name}/${encodeURIComponent(id)}?rev=${encodeURIComponent(rev)}`, 'DELETE'),
        `remove ${id} from ${name}`,
      );
  }
  return users;
}

/**
 * Puts central's revision of each station user into the hub's `_users` now (the follow's first pass may take a
 * while) and makes it the one the hub uses: a copy an earlier `provision-hub` wrote under a revision of the
 * hub's own is another branch of the document, so it is deleted (a live revision wins over a deleted one).
 * A hub already ahead of the copy (the follow brought a newer password) is left as it is.
 */
export async function settleStationUsersOnHub(hub: Call, users: readonly RevisedUser[]): Promise<void> {
  await copyRevisions(hub, '_users', users);
  for (const user of users) {
    const path = `/_users/${encodeURIComponent(user._id)}`;
    const answer = await hub(`${path}?conflicts=true`);
    expectOk(answer, `read ${user._id} on the hub`);
    const held = answer.body as { _rev: string; _conflicts?: string[] };
    const leaves = [held._rev, ...(held._conflicts ?? [])];
    if (!leaves.includes(user._rev)) continue;
    for (const rev of leaves.filter((leaf) => leaf !== user._rev))
      expectOk(
        await hub(`${path}?rev=${encodeURIComponent(rev)}`, 'DELETE'),
        `remove an earlier copy of ${user._id} on the hub`,
      );
  }
}
