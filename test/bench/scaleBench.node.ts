/**
 * `npm run bench:scale [-- --patients N --documents N --years N --days N]`: a new station at a five-year-old
 * site (default 100,000 patients, 2,000,000 documents, 5 years, the default 30-day working set), measured in
 * this run on this machine. The site is generated once into `.bench-data/` (test/bench/scale/site.node.ts) on
 * a pouchdb-server on disk, and reused. A new station (DataContext over fake-indexeddb, as the sync tests and
 * bench:sync use) is provisioned and replicates with our Replicator through a TCP proxy and a counting fetch
 * until it reports a verified "up to date"; then it looks a patient up and registers a visit with vitals.
 * Then a day passes: central gets a day of visits and the same store starts again with its clock a day on.
 * The store size is computed from the documents it holds (JSON plus attachment bytes): fake-indexeddb keeps
 * no file. Ends with one JSON line.
 */
import '../factories/idbShims.js';
import { resolve } from 'node:path';
import { DataContext } from '../../sync/store/dataContext.dom.js';
import { Replicator } from '../../sync/replication/replicator.dom.js';
import { remoteDatabase } from '../../sync/replication/remote.dom.js';
import { basicAuth } from '../../sync/central/centralHttp.node.js';
import { databaseName } from '../../sync/central/designDocs.std.js';
import { DEFAULT_WORKING_SET_DAYS } from '../../sync/replication/workingSet.std.js';
import { createIdFactory } from '../../sync/model/ids.std.js';
import type { PurgeReport, ReplicationReport } from '../../sync/replication/report.std.js';
import { linkProxy } from '../integration/sync/centralServer.js';
import { uniqueDbName } from '../factories/idbShims.js';
import { countingFetch, newWireCount } from './sync/wireCount.node.js';
import { benchContext, benchEncounter, seededBytes } from './sync/visits.std.js';
import { openSite, type Site } from './scale/site.node.js';
import { rawDb } from '../factories/rawDatabase.js';

function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const text =
    index >= 0
      ? process.argv[index + 1]
      : process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const size = {
  patients: argNumber('--patients', 100_000),
  documents: argNumber('--documents', 2_000_000),
  years: argNumber('--years', 5),
};
const windowDays = argNumber('--days', DEFAULT_WORKING_SET_DAYS);
const DAY_MS = 86_400_000;
const TARGET_READY_MS = 120_000;
const TARGET_STORE_BYTES = 300 * 1024 * 1024;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const upToDate = (report: ReplicationReport): boolean => report.state === 'up_to_date' && report.pending === 0;

async function until(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

interface StoreSize {
  readonly docs: number;
  readonly byType: Record<string, number>;
  readonly jsonBytes: number;
  readonly attachmentBytes: number;
}

/** Computed from what the store holds: each winning revision's JSON and its attachments' lengths. */
async function storeSize(store: DataContext): Promise<StoreSize> {
  const byType: Record<string, number> = {};
  let jsonBytes = 0;
  let attachmentBytes = 0;
  let docs = 0;
  let startkey: string | undefined;
  for (;;) {
    const page = await rawDb(store).allDocs({
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
      jsonBytes += Buffer.byteLength(JSON.stringify(body));
      for (const attachment of Object.values(attachments ?? {})) attachmentBytes += attachment.length ?? 0;
    }
    startkey = page.rows[page.rows.length - 1]?.id;
  }
  return { docs, byType, jsonBytes, attachmentBytes };
}

interface Run {
  readonly ms: number;
  readonly docsDown: number;
  readonly tcpBytesDown: number;
  readonly bodyBytesDown: number;
  readonly requests: number;
  /** The purge that follows an up-to-date sync (it runs before stop() returns). */
  readonly purge: PurgeReport | null;
}

/** One start of the station's replicator on `store` at the station clock `now`, until verified up to date. */
async function replicate(
  site: Site,
  store: DataContext,
  account: { user: string; password: string },
  now: Date,
): Promise<Run> {
  const proxy = await linkProxy(site.central.port);
  const count = newWireCount();
  const remote = remoteDatabase(`${proxy.url}/${databaseName(site.manifest.hcode)}`, {
    headers: { Authorization: basicAuth(account.user, account.password) },
    fetchImpl: countingFetch(count, null),
  });
  const newId = createIdFactory({
    stationId: account.user,
    now: () => now.getTime(),
    randomBytes: seededBytes(now.getTime() % 1_000_000),
  });
  const replicator = new Replicator({
    store,
    remote,
    resolve: { stationId: account.user, hcode: site.manifest.hcode, newId, now: () => now.toISOString() },
    workingSetDays: windowDays,
    now: () => now,
  });
  let last: ReplicationReport | null = null;
  let lastLog = 0;
  replicator.onReport((report) => {
    last = report;
    if (report.docsDown - lastLog >= 20_000) {
      lastLog = report.docsDown;
      console.log(`  ${report.docsDown} documents down`);
    }
  });
  const start = performance.now();
  const purgeBefore =
    (
      await rawDb(store)
        .get<{ lastPurge?: PurgeReport | null }>('_local/edge-sync-state')
        .catch(() => null)
    )?.lastPurge ?? null;
  let figures: Omit<Run, 'purge'>;
  try {
    await replicator.start();
    const before = replicator.report().docsDown;
    await until(() => last !== null && upToDate(last), 'the station up to date', 3_600_000);
    const ms = performance.now() - start;
    figures = {
      ms,
      docsDown: replicator.report().docsDown - before,
      tcpBytesDown: proxy.bytes.down,
      bodyBytesDown: count.bodyBytesDown,
      requests: count.requests,
    };
  } finally {
    await replicator.stop();
    await remote.close();
    await proxy.close();
  }
  const purge = replicator.report().store?.lastPurge ?? null;
  return { ...figures, purge: purge?.at === purgeBefore?.at ? null : purge };
}

/** What a new station does first: find a returning patient and register a visit with six readings. */
async function registerAndScreen(store: DataContext, hcode: string, stationId: string, now: Date): Promise<number> {
  const patients = await rawDb(store).allDocs({ startkey: 'Patient/', endkey: 'Patient/\uffff', limit: 1 });
  const patientId = patients.rows[0]?.id.slice('Patient/'.length);
  if (patientId === undefined) throw new Error('the station holds no patient');
  const start = performance.now();
  const patient = await store.patientById(patientId);
  if (patient === null) throw new Error('patient not found');
  const { encounter, observations } = benchEncounter(
    1,
    patientId,
    benchContext(hcode, stationId, now.getTime() % 1_000),
    now.toISOString(),
  );
  const results = await store.saveAll([encounter, ...observations]);
  if (results.some((result) => result instanceof Error)) throw new Error('registration failed');
  return performance.now() - start;
}

async function main(): Promise<void> {
  const began = performance.now();
  const site = await openSite(resolve(import.meta.dirname, '../../.bench-data'), size, (line) => console.log(line));
  const { manifest } = site;
  console.log(
    `site: ${manifest.patients} patients, ${manifest.visits} visits (${manifest.visitsPerDay} a day), ${manifest.written} documents over ${manifest.years} years up to ${manifest.today.slice(0, 10)}, photos ${manifest.photoBytes} bytes; generated in ${seconds(manifest.generatedMs)}`,
  );
  const stationCode = `new-${Date.now().toString(36)}`;
  const account = await site.newStation(stationCode);
  const store = await DataContext.open(uniqueDbName('scale-station'));
  try {
    const firstMorning = new Date(Date.parse(manifest.today) + 8 * 3_600_000);
    const first = await replicate(site, store, account, firstMorning);
    const registerMs = await registerAndScreen(store, manifest.hcode, account.user, firstMorning);
    const readyMs = first.ms + registerMs;
    const held = await storeSize(store);
    const heldBytes = held.jsonBytes + held.attachmentBytes;
    console.log(
      `new station: up to date (verified) after ${seconds(first.ms)}; a lookup and a visit with vitals saved in ${registerMs.toFixed(0)} ms`,
    );
    console.log(
      `  pulled ${first.docsDown} documents, ${mib(first.tcpBytesDown)} on the wire (${mib(first.bodyBytesDown)} of bodies), ${first.requests} requests`,
    );
    console.log(
      `  store holds ${held.docs} documents (${Object.entries(held.byType)
        .map(([type, n]) => `${type} ${n}`)
        .join(
          ', ',
        )}): ${mib(held.jsonBytes)} JSON + ${mib(held.attachmentBytes)} attachments = ${mib(heldBytes)} (computed, not an IndexedDB file size)`,
    );

    const nextDay = new Date(Date.parse(manifest.today) + DAY_MS);
    const added = await site.addDay(nextDay);
    const nextMorning = new Date(nextDay.getTime() + 8 * 3_600_000 + DAY_MS / 3);
    const later = await replicate(site, store, account, nextMorning);
    console.log(
      `a day later: central got ${added} documents; the station was up to date after ${seconds(later.ms)}, pulled ${later.docsDown} documents, ${mib(later.tcpBytesDown)} on the wire`,
    );
    const afterDay = await storeSize(store);
    const purgeText = (purge: PurgeReport | null): string =>
      purge === null
        ? 'no purge ran'
        : `purge: ${purge.purged} purged, ${purge.unconfirmed} kept (central lacks them), cutoff ${purge.cutoff}`;
    console.log(
      `  first day ${purgeText(first.purge)}; a day later ${purgeText(later.purge)}; store then holds ${afterDay.docs} documents, ${mib(afterDay.jsonBytes + afterDay.attachmentBytes)} (computed)`,
    );
    const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(
      `targets: ready ≤ ${seconds(TARGET_READY_MS)}: ${verdict(readyMs <= TARGET_READY_MS)} (${seconds(readyMs)}); store ≤ ${mib(TARGET_STORE_BYTES)}: ${verdict(heldBytes <= TARGET_STORE_BYTES)} (${mib(heldBytes)}, computed)`,
    );
    console.log(
      JSON.stringify({
        bench: 'scale',
        site: {
          patients: manifest.patients,
          visits: manifest.visits,
          documents: manifest.written,
          years: manifest.years,
          photoBytes: manifest.photoBytes,
          generatedMs: manifest.generatedMs,
        },
        workingSetDays: windowDays,
        firstSync: {
          ms: Math.round(first.ms),
          docsDown: first.docsDown,
          tcpBytesDown: first.tcpBytesDown,
          bodyBytesDown: first.bodyBytesDown,
          requests: first.requests,
        },
        registerMs: Math.round(registerMs),
        readyMs: Math.round(readyMs),
        store: {
          docs: held.docs,
          byType: held.byType,
          jsonBytes: held.jsonBytes,
          attachmentBytes: held.attachmentBytes,
          computedBytes: heldBytes,
        },
        nextDay: {
          addedOnCentral: added,
          ms: Math.round(later.ms),
          docsDown: later.docsDown,
          tcpBytesDown: later.tcpBytesDown,
          purged: later.purge?.purged ?? 0,
          storeDocs: afterDay.docs,
          storeComputedBytes: afterDay.jsonBytes + afterDay.attachmentBytes,
        },
        firstPurge: first.purge,
        totalMs: Math.round(performance.now() - began),
        targets: { readyMsMax: TARGET_READY_MS, storeBytesMax: TARGET_STORE_BYTES },
      }),
    );
  } finally {
    // A warm-up the purge asked for would otherwise fail on the destroyed store after the JSON line.
    await store.warmIndexes().catch(() => undefined);
    await store.destroy();
    await site.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
