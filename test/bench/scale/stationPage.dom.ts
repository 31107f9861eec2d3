/**
 * The new station of `npm run bench:scale`, run in Chromium (bundled by scaleBench.node.ts): our DataContext over
 * the real IndexedDB of an on-disk profile and our Replicator, reaching central through the page server's proxy,
 * as the app's renderer runs them. Timed here (performance.now). Exposed as `window.edgeScale`.
 */
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { Replicator } from '../../../sync/replication/replicator.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { createIdFactory } from '../../../sync/model/ids.std.js';
import type { PurgeReport, ReplicationReport } from '../../../sync/replication/report.std.js';
import { benchContext, benchEncounter, seededBytes } from '../sync/visits.std.js';
import { rawDb } from '../../factories/rawDatabase.js';

let store: DataContext | null = null;
/** The replicator's running count at the end of the last run (it is kept in the store across runs). */
let docsDownBefore = 0;

function opened(): DataContext {
  if (store === null) throw new Error('call open() first');
  return store;
}

async function open(name: string): Promise<void> {
  store = await DataContext.open(name);
}

export interface ReplicateRequest {
  readonly remote: string;
  readonly user: string;
  readonly password: string;
  readonly hcode: string;
  readonly days: number;
  /** The station's clock, fixed for the run. */
  readonly nowMs: number;
}

export interface Run {
  readonly ms: number;
  /** When the last document of the run arrived (the window held), before the verify that follows. */
  readonly lastDocMs: number;
  readonly docsDown: number;
  readonly states: readonly string[];
  /** [ms since start, documents down] at each state change and each new document count (at most 400 points). */
  readonly progress: readonly (readonly [number, number, string])[];
  readonly purge: PurgeReport | null;
}

const upToDate = (report: ReplicationReport): boolean => report.state === 'up_to_date' && report.pending === 0;

/** One start of the replicator at the station clock `nowMs`, until a verified "up to date". */
async function replicate(request: ReplicateRequest): Promise<Run> {
  const now = new Date(request.nowMs);
  const remote = remoteDatabase(request.remote, {
    headers: { Authorization: `Basic ${btoa(`${request.user}:${request.password}`)}` },
  });
  const newId = createIdFactory({
    stationId: request.user,
    now: () => now.getTime(),
    randomBytes: seededBytes(request.nowMs % 1_000_000),
  });
  const replicator = new Replicator({
    store: opened(),
    remote,
    resolve: { stationId: request.user, hcode: request.hcode, newId, now: () => now.toISOString() },
    workingSetDays: request.days,
    now: () => now,
  });
  const start = performance.now();
  let purgeBefore: string | null | undefined;
  let lastDocMs = 0;
  let docsDown = docsDownBefore;
  const states: string[] = [];
  const progress: [number, number, string][] = [];
  const done = new Promise<void>((resolve) => {
    replicator.onReport((report) => {
      purgeBefore ??= report.store?.lastPurge?.at ?? null;
      const at = performance.now() - start;
      if (states[states.length - 1] !== report.state) {
        states.push(report.state);
        progress.push([Math.round(at), report.docsDown - docsDownBefore, report.state]);
      } else if (report.docsDown > docsDown && progress.length < 400)
        progress.push([Math.round(at), report.docsDown - docsDownBefore, report.state]);
      if (report.docsDown > docsDown) {
        docsDown = report.docsDown;
        lastDocMs = performance.now() - start;
      }
      if (upToDate(report)) resolve();
    });
  });
  try {
    await replicator.start();
    await done;
    const ms = performance.now() - start;
    await replicator.stop();
    const after = replicator.report();
    const purge = after.store?.lastPurge ?? null;
    const pulled = after.docsDown - docsDownBefore;
    docsDownBefore = after.docsDown;
    return {
      ms,
      lastDocMs,
      docsDown: pulled,
      states,
      progress,
      purge: purge === null || purge.at === purgeBefore ? null : purge,
    };
  } finally {
    await replicator.stop();
    await remote.close();
  }
}

/** What a new station does first: find a returning patient and register a visit with six readings. */
async function registerAndScreen(hcode: string, stationId: string, nowMs: number): Promise<number> {
  const patients = await rawDb(opened()).allDocs({ startkey: 'Patient/', endkey: 'Patient/\uffff', limit: 1 });
  const patientId = patients.rows[0]?.id.slice('Patient/'.length);
  if (patientId === undefined) throw new Error('the station holds no patient');
  const start = performance.now();
  const patient = await opened().patientById(patientId);
  if (patient === null) throw new Error('patient not found');
  const { encounter, observations } = benchEncounter(
    1,
    patientId,
    benchContext(hcode, stationId, nowMs % 1_000),
    new Date(nowMs).toISOString(),
  );
  const results = await opened().saveAll([encounter, ...observations]);
  if (results.some((result) => result instanceof Error)) throw new Error('registration failed');
  return performance.now() - start;
}

export interface StoreSize {
  readonly docs: number;
  readonly byType: Record<string, number>;
  readonly jsonBytes: number;
  readonly attachmentBytes: number;
}

/** Computed from what the store holds: each winning revision's JSON and its attachments' lengths. */
async function size(): Promise<StoreSize> {
  const byType: Record<string, number> = {};
  let jsonBytes = 0;
  let attachmentBytes = 0;
  let docs = 0;
  let startkey: string | undefined;
  for (;;) {
    const page = await rawDb(opened()).allDocs({
      include_docs: true,
      limit: 5_000,
      ...(startkey === undefined ? {} : { startkey, skip: 1 }),
    });
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const doc = row.doc as { resourceType?: string; _attachments?: Record<string, { length?: number }> } | undefined;
      if (doc === undefined || row.id.startsWith('_design/')) continue;
      docs += 1;
      const type = doc.resourceType ?? 'other';
      byType[type] = (byType[type] ?? 0) + 1;
      const { _attachments: attachments, ...body } = doc;
      jsonBytes += new TextEncoder().encode(JSON.stringify(body)).length;
      for (const attachment of Object.values(attachments ?? {})) attachmentBytes += attachment.length ?? 0;
    }
    startkey = page.rows[page.rows.length - 1]?.id;
  }
  return { docs, byType, jsonBytes, attachmentBytes };
}

/** The browser's own figure for the origin's storage. */
async function estimate(): Promise<number | null> {
  return (await navigator.storage.estimate()).usage ?? null;
}

/** The background warm-up the app runs after opening (Mango indexes, then the search index catching up). */
async function warm(): Promise<{ ms: number; identifierMs: number; identifierChanges: number; aborted: boolean }> {
  const report = await opened().warmIndexes();
  return {
    ms: report.ms,
    identifierMs: report.identifiers?.ms ?? 0,
    identifierChanges: report.identifiers?.changes ?? 0,
    aborted: report.aborted,
  };
}

/** Records and their raw bytes (keys and values as JSON) per IndexedDB database of the origin: what takes the space. */
async function breakdown(): Promise<{ name: string; records: number; bytes: number }[]> {
  const out: { name: string; records: number; bytes: number }[] = [];
  for (const info of await indexedDB.databases()) {
    if (info.name === undefined) continue;
    const name = info.name;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error(`cannot open ${name}`));
    });
    let records = 0;
    let bytes = 0;
    for (const storeName of Array.from(db.objectStoreNames)) {
      await new Promise<void>((resolve, reject) => {
        const cursor = db.transaction(storeName).objectStore(storeName).openCursor();
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (at === null) {
            resolve();
            return;
          }
          records += 1;
          bytes += JSON.stringify(at.key).length + (JSON.stringify(at.value) ?? '').length;
          at.continue();
        };
        cursor.onerror = () => reject(cursor.error ?? new Error(`cannot read ${storeName}`));
      });
    }
    db.close();
    out.push({ name, records, bytes });
  }
  return out;
}

async function close(): Promise<void> {
  await store?.close();
  store = null;
}

const api = { open, replicate, registerAndScreen, size, estimate, warm, breakdown, close };
export type EdgeScale = typeof api;

declare global {
  var edgeScale: EdgeScale | undefined;
}
globalThis.edgeScale = api;
