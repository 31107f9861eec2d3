// What the sync tests assert on: central's documents read as admin, stations brought to agreement by waiting
// on their reports (never on time), and the lost/duplicated counts every test prints.
import { CENTRAL_ADMIN } from './centralServer.js';
import type { Station } from './station.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import type { ReplicationReport } from '../../../electron/contract/sync.std.js';
import { settledConflict } from '../../../sync/replication/conflictRules.std.js';
import { rawDb } from '../../factories/rawDatabase.js';

/** No unsettled conflict: losing revisions may stay on central (stations cannot delete them), a generation below the winner. */
export const settledOnCentral = (doc: CentralDoc): boolean => settledConflict(doc._rev, doc._conflicts ?? []);

export const upToDate = (report: ReplicationReport): boolean => report.state === 'up_to_date' && report.pending === 0;

export interface CentralDoc {
  readonly _id: string;
  readonly _rev: string;
  readonly _conflicts?: string[];
  readonly resourceType?: string;
  readonly [key: string]: unknown;
}

/** Every document of the hospital's central database (design documents left out), with its conflicts. */
export async function centralDocs(centralUrl: string, hcode: string): Promise<CentralDoc[]> {
  const answer = await requestJson(`${centralUrl}/${databaseName(hcode)}/_all_docs?include_docs=true&conflicts=true`, {
    headers: { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) },
    timeoutMs: 30_000,
  });
  if (answer.status !== 200) throw new Error(`central _all_docs: HTTP ${answer.status}`);
  const rows = (answer.body as { rows: { id: string; doc?: CentralDoc }[] }).rows;
  return rows
    .filter((row) => !row.id.startsWith('_design/'))
    .map((row) => row.doc)
    .filter((doc): doc is CentralDoc => doc !== undefined);
}

/** Live documents of a station (local design documents left out), id → winning rev. */
export async function stationRevs(station: Station): Promise<Map<string, string>> {
  const all = await rawDb(station.store).allDocs();
  return new Map(all.rows.filter((row) => !row.id.startsWith('_design/')).map((row) => [row.id, row.value.rev]));
}

/**
 * Kicks every station and waits until each is up to date, round after round, until `done` holds: each side
 * may pull the other's revision, settle a conflict and push the result. Bounded, and it waits on reports.
 */
export async function converge(
  stations: readonly Station[],
  done: () => Promise<boolean>,
  what: string,
  rounds = 8,
): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    for (const station of stations) station.replicator.kick();
    for (const station of stations) await station.waitFor(upToDate, `${what}: round ${round + 1}`, 60_000);
    if (await done()) return;
  }
  throw new Error(`${what}: not settled after ${rounds} rounds`);
}

export interface Tally {
  /** Ids a station wrote (or holds) that central lacks, or holds at another revision. */
  readonly lost: number;
  /** Documents central holds twice: extra ids nobody wrote, or one id split into conflicting branches. */
  readonly duplicated: number;
  readonly docs: number;
}

/** Compares what the stations hold with central: every station document there at the same revision, nothing more. */
export function tally(expected: ReadonlyMap<string, string>, central: readonly CentralDoc[]): Tally {
  const byId = new Map(central.map((doc) => [doc._id, doc]));
  let lost = 0;
  for (const [id, rev] of expected) if (byId.get(id)?._rev !== rev) lost += 1;
  const extra = central.filter((doc) => !expected.has(doc._id)).length;
  const split = central.filter((doc) => !settledOnCentral(doc)).length;
  return { lost, duplicated: extra + split, docs: central.length };
}

/** Merges several stations' id → rev maps; they must agree where they overlap (the caller converged them). */
export function union(maps: readonly ReadonlyMap<string, string>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const map of maps) for (const [id, rev] of map) out.set(id, rev);
  return out;
}

/**
 * Another station's conflict archives (AuditEvents) are outside every station's working set
 * (sync/replication/workingSet.std.ts); the tests' visits are all within it.
 */
const inTestWorkingSet = (id: string): boolean => !id.startsWith('AuditEvent/');

/** Ids some station lacks (within the working set) or holds at another winning revision. */
export function disagreements(maps: readonly ReadonlyMap<string, string>[]): string[] {
  const merged = union(maps);
  return [...merged]
    .filter(([id, rev]) => maps.some((map) => (map.has(id) || inTestWorkingSet(id)) && map.get(id) !== rev))
    .map(([id]) => id);
}
