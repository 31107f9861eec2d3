/**
 * `npm run bench:scale [-- --patients N --documents N --years N --days N --central URL]`: a new station at a
 * five-year-old site (default 100,000 patients, 2,000,000 documents, 5 years, the default 30-day working set),
 * measured in this run on this machine. The site is generated once (test/bench/scale/site.node.ts) into a
 * pouchdb-server on disk in `.bench-data/`, or into the CouchDB `--central` names, and reused. The station runs
 * in Chromium as the app's renderer does (test/bench/scale/stationPage.dom.ts: our DataContext over IndexedDB in
 * an on-disk profile, our Replicator), reaching central through the page server's counting proxy. It is
 * provisioned and replicates until it reports a verified "up to date"; then it looks a patient up and registers
 * a visit with vitals. Then a day passes: central gets a day of visits and the same store starts again with its
 * clock a day on. Store size: computed from the documents held, the browser's own estimate, and the profile's
 * IndexedDB folder on disk. Ends with one JSON line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { databaseName } from '../../sync/central/designDocs.std.js';
import { DEFAULT_WORKING_SET_DAYS } from '../../sync/replication/workingSet.std.js';
import type { PurgeReport } from '../../sync/replication/report.std.js';
import { launchPersistentChromium } from '../e2e/harness/chromium.js';
import { bundlePage, servePage, type ServedPage } from './pageServer.node.js';
import { externalCentral, openSite, type Site } from './scale/site.node.js';
import type { ReplicateRequest, Run, StoreSize } from './scale/stationPage.dom.js';

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
/** The issue's 300 MB, in bytes (286.1 MiB): the stricter reading. */
const TARGET_STORE_BYTES = 300_000_000;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

type Page = Awaited<ReturnType<BrowserContext['newPage']>>;

/** Bytes of the profile's IndexedDB folder (LevelDB files as Chromium keeps them), from `du`. */
function diskBytes(profile: string): number {
  const out = execFileSync('du', ['-sb', join(profile, 'Default', 'IndexedDB')], { encoding: 'utf8' });
  return Number(out.split(/\s/)[0]);
}

interface Measured extends Run {
  readonly bytesDown: number;
  readonly requests: number;
}

/** One start of the station's replicator in the page, with what crossed the proxy meanwhile. */
async function replicate(page: Page, served: ServedPage, request: ReplicateRequest): Promise<Measured> {
  served.count.requests = 0;
  served.count.bytesDown = 0;
  served.count.bytesUp = 0;
  const run = await page.evaluate((r) => globalThis.edgeScale?.replicate(r), request);
  if (run === undefined) throw new Error('the page has no station');
  return { ...run, bytesDown: served.count.bytesDown, requests: served.count.requests };
}

async function main(): Promise<void> {
  const began = performance.now();
  const centralArg = process.argv[process.argv.indexOf('--central') + 1];
  const external =
    process.argv.includes('--central') && centralArg !== undefined ? externalCentral(centralArg) : undefined;
  const site: Site = await openSite(
    resolve(import.meta.dirname, '../../.bench-data'),
    size,
    (line) => console.log(line),
    external,
  );
  const { manifest } = site;
  const engine = external === undefined ? 'pouchdb-server' : 'CouchDB';
  console.log(
    `site on ${engine}: ${manifest.patients} patients, ${manifest.visits} visits (${manifest.visitsPerDay} a day), ${manifest.written} documents over ${manifest.years} years up to ${manifest.today.slice(0, 10)}, photos ${manifest.photoBytes} bytes; ${manifest.generatedMs === null ? 'generation time not recorded' : `generated in ${seconds(manifest.generatedMs)}`}`,
  );
  const account = await site.newStation(`new-${Date.now().toString(36)}`);
  const work = mkdtempSync(join(tmpdir(), 'edge-scale-bench-'));
  const profile = join(work, 'profile');
  let browser: BrowserContext | null = null;
  let served: ServedPage | null = null;
  try {
    await bundlePage(resolve(import.meta.dirname, 'scale/stationPage.dom.ts'), join(work, 'page'));
    served = await servePage(join(work, 'page'), 'scale bench', site.central.url);
    browser = await launchPersistentChromium(profile);
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(served.url);
    await page.waitForFunction(() => globalThis.edgeScale !== undefined);
    await page.evaluate(() => globalThis.edgeScale?.open('scale-station'));
    const request = (nowMs: number): ReplicateRequest => ({
      remote: `${served?.remoteBase ?? ''}/${databaseName(manifest.hcode)}`,
      user: account.user,
      password: account.password,
      hcode: manifest.hcode,
      days: windowDays,
      nowMs,
    });

    const firstMorning = Date.parse(manifest.today) + 8 * 3_600_000;
    const first = await replicate(page, served, request(firstMorning));
    const registerMs = await page.evaluate(
      ([hcode, user, now]) => globalThis.edgeScale?.registerAndScreen(hcode, user, now),
      [manifest.hcode, account.user, firstMorning] as const,
    );
    if (registerMs === undefined) throw new Error('registration did not run');
    const readyMs = first.ms + registerMs;
    console.log(
      `new station (Chromium, IndexedDB on disk): up to date (verified) after ${seconds(first.ms)} (last document in at ${seconds(first.lastDocMs)}); a lookup, a visit with vitals saved and the day's queue read in ${registerMs.toFixed(0)} ms`,
    );
    console.log(
      `  pulled ${first.docsDown} documents, ${mib(first.bytesDown)} on the wire, ${first.requests} requests; states ${first.states.join(' → ')}`,
    );
    console.log(
      `  progress (s: documents, state): ${first.progress
        .filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 25)) === 0 || i === all.length - 1)
        .map(([ms, docs, state]) => `${(ms / 1000).toFixed(1)}: ${docs} ${state}`)
        .join('; ')}`,
    );
    const held: StoreSize | undefined = await page.evaluate(() => globalThis.edgeScale?.size());
    if (held === undefined) throw new Error('no size');
    const estimateFirst = await page.evaluate(() => globalThis.edgeScale?.estimate());
    const diskFirst = diskBytes(profile);
    console.log(
      `  store holds ${held.docs} documents (${Object.entries(held.byType)
        .map(([type, n]) => `${type} ${n}`)
        .join(
          ', ',
        )}): ${mib(held.jsonBytes)} JSON; IndexedDB on disk ${mib(diskFirst)}; the browser's estimate ${mib(estimateFirst ?? 0)}`,
    );
    const warm = await page.evaluate(() => globalThis.edgeScale?.warm());
    if (warm === undefined) throw new Error('no warm-up');
    console.log(
      `  then the background warm-up (search index over ${warm.identifierChanges} changes): ${seconds(warm.ms)}, of which the search index ${seconds(warm.identifierMs)}`,
    );
    const diskWarm = diskBytes(profile);
    const parts = (await page.evaluate(() => globalThis.edgeScale?.breakdown())) ?? [];
    console.log(
      `  IndexedDB on disk after the warm-up ${mib(diskWarm)}; raw records per database: ${parts
        .map((part) => `${part.name} ${part.records} (${mib(part.bytes)})`)
        .join(', ')}`,
    );

    const nextDay = new Date(Date.parse(manifest.today) + DAY_MS);
    const added = await site.addDay(nextDay);
    const nextMorning = nextDay.getTime() + 8 * 3_600_000 + DAY_MS / 3;
    const later = await replicate(page, served, request(nextMorning));
    console.log(
      `a day later: central got ${added} documents; the station was up to date after ${seconds(later.ms)}, pulled ${later.docsDown} documents, ${mib(later.bytesDown)} on the wire`,
    );
    const afterDay: StoreSize | undefined = await page.evaluate(() => globalThis.edgeScale?.size());
    if (afterDay === undefined) throw new Error('no size');
    const diskDay = diskBytes(profile);
    const purgeText = (purge: PurgeReport | null): string =>
      purge === null
        ? 'no purge ran'
        : `purge: ${purge.purged} purged, ${purge.unconfirmed} kept (central lacks them), cutoff ${purge.cutoff}`;
    console.log(
      `  first day ${purgeText(first.purge)}; a day later ${purgeText(later.purge)}; store then holds ${afterDay.docs} documents, IndexedDB on disk ${mib(diskDay)}`,
    );
    const storeBytes = Math.max(diskFirst, diskWarm, diskDay);
    const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(
      `targets: ready ≤ ${seconds(TARGET_READY_MS)}: ${verdict(readyMs <= TARGET_READY_MS)} (${seconds(readyMs)}); store ≤ 300 MB (${mib(TARGET_STORE_BYTES)}): ${verdict(storeBytes <= TARGET_STORE_BYTES)} (${mib(storeBytes)} on disk, the largest of the three readings)`,
    );
    await page.evaluate(() => globalThis.edgeScale?.close());
    // At rest: the browser closed and opened again on the same profile (as the app restarts), the store opened and
    // left a minute, for LevelDB to compact what the index builds left behind. Not part of the verdict.
    await browser.close();
    browser = await launchPersistentChromium(profile);
    const again = browser.pages()[0] ?? (await browser.newPage());
    await again.goto(served.url);
    await again.waitForFunction(() => globalThis.edgeScale !== undefined);
    await again.evaluate(() => globalThis.edgeScale?.open('scale-station'));
    await new Promise((done) => setTimeout(done, 60_000));
    const diskReopened = diskBytes(profile);
    await again.evaluate(() => globalThis.edgeScale?.close());
    console.log(`  at rest (browser restarted, store open a minute): IndexedDB on disk ${mib(diskReopened)}`);
    console.log(
      JSON.stringify({
        bench: 'scale',
        central: engine,
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
          lastDocMs: Math.round(first.lastDocMs),
          docsDown: first.docsDown,
          bytesDown: first.bytesDown,
          requests: first.requests,
        },
        registerMs: Math.round(registerMs),
        readyMs: Math.round(readyMs),
        store: {
          docs: held.docs,
          byType: held.byType,
          jsonBytes: held.jsonBytes,
          diskBytes: diskFirst,
          browserEstimateBytes: estimateFirst ?? null,
          diskBytesAfterWarmUp: diskWarm,
          rawByDatabase: parts,
        },
        warmUp: {
          ms: Math.round(warm.ms),
          searchIndexMs: Math.round(warm.identifierMs),
          changes: warm.identifierChanges,
        },
        nextDay: {
          addedOnCentral: added,
          ms: Math.round(later.ms),
          docsDown: later.docsDown,
          bytesDown: later.bytesDown,
          purged: later.purge?.purged ?? 0,
          storeDocs: afterDay.docs,
          diskBytes: diskDay,
          diskBytesAtRest: diskReopened,
        },
        firstPurge: first.purge,
        totalMs: Math.round(performance.now() - began),
        targets: { readyMsMax: TARGET_READY_MS, storeBytesMax: TARGET_STORE_BYTES },
        met: { ready: readyMs <= TARGET_READY_MS, store: storeBytes <= TARGET_STORE_BYTES },
      }),
    );
  } finally {
    await browser?.close();
    served?.server.closeAllConnections();
    served?.server.close();
    rmSync(work, { recursive: true, force: true });
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
