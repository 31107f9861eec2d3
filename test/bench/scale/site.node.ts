/**
 * The synthetic five-year hospital of `npm run bench:scale`, generated once into `.bench-data/scale-<size>-media/`
 * (gitignored) and reused: a pouchdb-server on disk there, provisioned like a real hospital, and `site.json`
 * describing what it holds. Patients are registered evenly over the five years (one revision each, with a
 * photo the size of a card chip's as its own Media record, as registration writes it); every visit is an Encounter and six vital-sign Observations of a new or a
 * returning patient, built with the model functions (benchEncounter). Written as central's admin in
 * `_bulk_docs` of 2,000, so central's validate_doc_update passes them as it passes an admin.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import { provision } from '../../../sync/central/provision.node.js';
import type { StoredDoc } from '../../../sync/model/documents.std.js';
import { CENTRAL_ADMIN, startCentral, type Central } from '../../integration/sync/centralServer.js';
import { benchCard, benchContext, benchEncounter, type BenchContext } from '../sync/visits.std.js';
import { photoMedia } from '../../../sync/model/media.std.js';
import { patientFromCard, type PatientDoc } from '../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import { WINDOW_INDEXES } from '../../../sync/replication/initialPull.std.js';
import { OLDER_HISTORY_INDEX } from '../../../sync/replication/olderHistory.std.js';

export const DOCS_PER_VISIT = 7;
const DAY_MS = 86_400_000;
/** Bytes of a card chip's photo (the Thai ID card's JPEG is about 5 KB). */
export const PHOTO_BYTES = 5_100;
const BATCH = 2_000;
export const STATION_PASSWORD = 'bench-scale-only-password';

export interface SiteSize {
  readonly patients: number;
  readonly documents: number;
  readonly years: number;
}

export interface SiteManifest extends SiteSize {
  readonly hcode: string;
  /** The site's "today" (UTC midnight): visits run for `years` up to the day before. */
  readonly today: string;
  readonly visits: number;
  readonly visitsPerDay: number;
  /** What was written: patients × 2 (Patient and photo) + visits × 7. */
  readonly written: number;
  readonly photoBytes: number;
  /** null: the run that generated the site stopped before it could say (the data was complete; see SCALE.md). */
  readonly generatedMs: number | null;
  /** Visits added by earlier runs' "next day" (kept on central). */
  readonly extraDays: number;
}

export interface Site {
  readonly central: Central;
  readonly manifest: SiteManifest;
  readonly dir: string;
  /** The accounts: `writer` wrote the history; a new station user per run. */
  readonly admin: { readonly Authorization: string };
  newStation(code: string): Promise<{ user: string; password: string }>;
  /** Writes one more day of visits (as on the site's busiest kind of day) dated `day`; returns documents written. */
  addDay(day: Date): Promise<number>;
  stop(): Promise<void>;
}

/** Fixed so the data can be reused: the site's "today" the data ends at. */
const SITE_TODAY = Date.UTC(2026, 11, 1);
const HCODE = '80001';

/** Each patient is two documents (Patient and its photo); the rest are visits. */
function visitCount(size: SiteSize): number {
  return Math.ceil((size.documents - 2 * size.patients) / DOCS_PER_VISIT);
}

async function bulk(central: Central, admin: { Authorization: string }, docs: readonly StoredDoc[]): Promise<void> {
  const answer = await requestJson(`${central.url}/${databaseName(HCODE)}/_bulk_docs`, {
    method: 'POST',
    body: { docs },
    headers: admin,
    timeoutMs: 600_000,
  });
  if (answer.status >= 300) throw new Error(`_bulk_docs: HTTP ${answer.status}`);
  const failed = (answer.body as { error?: string; reason?: string }[]).filter((row) => row.error !== undefined);
  if (failed.length > 0)
    throw new Error(`_bulk_docs refused ${failed.length}: ${failed[0]?.error} ${failed[0]?.reason}`);
}

/**
 * Patient n and the card photo the front desk stores with it (its own Media record, as registration writes
 * it): the synthetic portrait padded to a chip photo's size after its end marker (decoders stop there).
 */
function patientWithCardPhoto(n: number, context: BenchContext, at: string): [StoredDoc, PatientDoc] {
  const card = benchCard(n);
  const bytes = Buffer.from(card.photo?.base64 ?? '', 'base64');
  const padded = Buffer.alloc(Math.max(PHOTO_BYTES, bytes.length));
  bytes.copy(padded);
  for (let i = bytes.length; i < padded.length; i += 1) padded[i] = (i * 31 + n) & 0xff;
  const patientId = patientIdForCid(context.key, card.cid);
  const photo = photoMedia(padded.toString('base64'), {
    patientId,
    stationId: context.stationId,
    at,
    source: 'card',
    timeId: context.newId(),
  });
  return [
    photo,
    patientFromCard(card, {
      patientId,
      hcode: context.hcode,
      stationId: context.stationId,
      at,
      source: 'card',
      hn: `HN${String(n).padStart(7, '0')}`,
      photo,
    }),
  ];
}

/** The docs of visit `i` of the history, with the patient when it is that patient's first visit. */
class History {
  readonly #context: BenchContext;
  readonly #size: SiteSize;
  readonly #visits: number;
  #created = 0;
  readonly #ids: string[] = [];

  constructor(context: BenchContext, size: SiteSize) {
    this.#context = context;
    this.#size = size;
    this.#visits = visitCount(size);
  }

  visit(i: number, at: string): StoredDoc[] {
    const docs: StoredDoc[] = [];
    // Patients are registered evenly along the visits; the other visits are returning patients.
    const due = Math.min(this.#size.patients, Math.floor(((i + 1) * this.#size.patients) / this.#visits));
    let patientIndex: number;
    if (this.#created < due || this.#created === 0) {
      const [photo, patient] = patientWithCardPhoto(this.#created, this.#context, at);
      docs.push(photo, patient);
      this.#ids.push(patient.id);
      patientIndex = this.#created;
      this.#created += 1;
    } else {
      patientIndex = (i * 7_919) % this.#created;
    }
    const { encounter, observations } = benchEncounter(i, this.#ids[patientIndex] ?? '', this.#context, at);
    docs.push(encounter, ...observations);
    return docs;
  }

  /** Patients the visits never reached (rounding): registered on the last day. */
  rest(at: string): StoredDoc[] {
    const docs: StoredDoc[] = [];
    while (this.#created < this.#size.patients) {
      const [photo, patient] = patientWithCardPhoto(this.#created, this.#context, at);
      docs.push(photo, patient);
      this.#ids.push(patient.id);
      this.#created += 1;
    }
    return docs;
  }
}

async function generate(
  central: Central,
  account: { readonly user: string; readonly password: string },
  size: SiteSize,
  log: (line: string) => void,
): Promise<SiteManifest> {
  const started = performance.now();
  const admin = { Authorization: basicAuth(account.user, account.password) };
  const writer = await provision({
    url: central.url,
    adminUser: account.user,
    adminPassword: account.password,
    hcode: HCODE,
    station: 'history',
    stationPassword: STATION_PASSWORD,
  });
  const context = benchContext(HCODE, writer.stationUser, 15);
  // Central's validate_doc_update runs once per document (a JavaScript process per call on CouchDB): set aside
  // while the history loads, which is what an admin restoring a backup does. The documents are the model's
  // own (central's rules are tested in test/integration/sync and test:couchdb); put back before any station.
  const design = `${central.url}/${databaseName(HCODE)}/_design/clinic`;
  const rules = (await requestJson(design, { headers: admin })).body as Record<string, unknown> & { _rev: string };
  const { validate_doc_update: validation, ...withoutRules } = rules;
  const aside = await requestJson(design, { method: 'PUT', body: withoutRules, headers: admin });
  if (aside.status >= 300 || typeof validation !== 'string')
    throw new Error(`could not set the rules aside: HTTP ${aside.status}`);
  const visits = visitCount(size);
  const days = Math.round(size.years * 365);
  const history = new History(context, size);
  let pending: StoredDoc[] = [];
  let written = 0;
  // One batch in flight while the next is built: the server writes while this process hashes.
  let inFlight: Promise<void> = Promise.resolve();
  for (let i = 0; i < visits; i += 1) {
    const day = Math.floor((i * days) / visits);
    // Working hours 08:00-16:00 Thai time (01:00-09:00 UTC), spread over the day's visits.
    const at = new Date(
      SITE_TODAY - (days - day) * DAY_MS + DAY_MS / 24 + ((i * 997) % (8 * 3_600)) * 1_000,
    ).toISOString();
    pending.push(...history.visit(i, at));
    if (pending.length >= BATCH) {
      await inFlight;
      inFlight = bulk(central, admin, pending);
      written += pending.length;
      pending = [];
      if (Math.floor(written / 100_000) !== Math.floor((written - BATCH) / 100_000))
        log(`  ${written} documents written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  await inFlight;
  pending.push(...history.rest(new Date(SITE_TODAY - DAY_MS).toISOString()));
  if (pending.length > 0) await bulk(central, admin, pending);
  written += pending.length;
  const current = (await requestJson(design, { headers: admin })).body as { _rev: string };
  const restored = await requestJson(design, {
    method: 'PUT',
    body: { ...rules, _rev: current._rev },
    headers: admin,
  });
  if (restored.status >= 300) throw new Error(`could not put the rules back: HTTP ${restored.status}`);
  await warmIndexes(central, admin, log);
  return {
    ...size,
    hcode: HCODE,
    today: new Date(SITE_TODAY).toISOString(),
    visits,
    visitsPerDay: Math.round(visits / days),
    written,
    photoBytes: PHOTO_BYTES,
    generatedMs: Math.round(performance.now() - started),
    extraDays: 0,
  };
}

/**
 * Builds central's indexes once (the Mango ones and the design document's views), as a running central keeps
 * them built (CouchDB's background indexer, ken; pouchdb-server builds on the first query): a station's first
 * query then reads a built index, and no build competes with the station for central's CPU.
 */
async function warmIndexes(
  central: Central,
  admin: { Authorization: string },
  log: (line: string) => void,
): Promise<void> {
  const db = `${central.url}/${databaseName(HCODE)}`;
  const design = (await requestJson(`${db}/_design/clinic`, { headers: admin })).body as { views?: object };
  const queries = [
    ...[...WINDOW_INDEXES, OLDER_HISTORY_INDEX].map((index) => {
      const fields = index.index.fields;
      return {
        name: index.name,
        path: `${db}/_find`,
        method: 'POST',
        body: { selector: { [fields[0]]: { $gt: null }, [fields[1]]: { $gt: null } }, use_index: index.ddoc, limit: 1 },
      };
    }),
    ...Object.keys(design.views ?? {}).map((view) => ({
      name: `clinic/${view}`,
      path: `${db}/_design/clinic/_view/${view}?limit=1`,
      method: 'GET',
      body: undefined,
    })),
  ];
  for (const query of queries) {
    const started = performance.now();
    for (;;) {
      const answer = await requestJson(query.path, {
        method: query.method,
        ...(query.body === undefined ? {} : { body: query.body }),
        headers: admin,
        timeoutMs: 3_600_000,
      });
      if (answer.status < 300) break;
      // CouchDB answers 500 (timeout) while a large index builds, and goes on building it: ask again.
      if (answer.status !== 500 || performance.now() - started > 3_600_000)
        throw new Error(`index ${query.name}: HTTP ${answer.status}`);
      await new Promise((done) => setTimeout(done, 5_000));
    }
    log(`  index ${query.name} built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

/** A CouchDB to hold the site instead of pouchdb-server (`--central URL`, credentials in the URL). */
export interface ExternalCentral {
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

/** `http://user:pass@host:port` → the URL without credentials and the admin's name and password. */
export function externalCentral(text: string): ExternalCentral {
  const url = new URL(text);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (user === '' || password === '')
    throw new Error('--central needs the admin in the URL: http://user:pass@host:port');
  url.username = '';
  url.password = '';
  return { url: url.href.replace(/\/+$/, ''), user, password };
}

/** Marks which site a CouchDB database holds (another size's run rewrites the same database). */
const SITE_MARK = `_local/bench-scale-site`;

/** The database holds the site the manifest describes (not another size's, not a half-written one). */
async function siteComplete(
  central: Central,
  admin: { Authorization: string },
  manifest: SiteManifest,
): Promise<boolean> {
  const mark = await requestJson(`${central.url}/${databaseName(HCODE)}/${SITE_MARK}`, { headers: admin });
  const body = mark.body as { generatedMs?: number; written?: number };
  return mark.status === 200 && body.generatedMs === manifest.generatedMs && body.written === manifest.written;
}

/**
 * Opens the site in `root`, generating it first when its folder holds no complete site of this size. With
 * `external`, the site lives in that CouchDB (its manifest in `root`); else in a pouchdb-server on disk.
 */
export async function openSite(
  root: string,
  size: SiteSize,
  log: (line: string) => void,
  external?: ExternalCentral,
): Promise<Site> {
  // `media`: photos as Media records (an older folder held them on the Patient).
  const where = external === undefined ? 'media' : `media-couchdb-${new URL(external.url).port}`;
  const dir = join(root, `scale-${size.patients}p-${size.documents}d-${size.years}y-${where}`);
  const manifestFile = join(dir, 'site.json');
  let fresh = !existsSync(manifestFile);
  // A folder without its manifest is a generation that did not finish: start it again.
  if (fresh) rmSync(dir, { recursive: true, force: true });
  if (fresh) mkdirSync(dir, { recursive: true });
  const adminUser = external?.user ?? CENTRAL_ADMIN.user;
  const adminPassword = external?.password ?? CENTRAL_ADMIN.password;
  const central: Central =
    external === undefined
      ? await startCentral({ dataDir: dir })
      : { url: external.url, port: Number(new URL(external.url).port), stop: async () => undefined };
  const admin = { Authorization: basicAuth(adminUser, adminPassword) };
  if (!fresh && external !== undefined) {
    const stored = JSON.parse(readFileSync(manifestFile, 'utf8')) as SiteManifest;
    fresh = !(await siteComplete(central, admin, stored));
  }
  let manifest: SiteManifest;
  if (fresh) {
    if (external !== undefined)
      for (const name of [databaseName(HCODE), `${databaseName(HCODE)}_secrets`])
        await requestJson(`${central.url}/${name}`, { method: 'DELETE', headers: admin });
    log(
      `generating the synthetic site into ${external === undefined ? dir : external.url} (once): ${size.patients} patients, ${size.documents} documents over ${size.years} years`,
    );
    manifest = await generate(central, { user: adminUser, password: adminPassword }, size, log);
    const marked = await requestJson(`${central.url}/${databaseName(HCODE)}/${SITE_MARK}`, {
      method: 'PUT',
      body: { generatedMs: manifest.generatedMs, written: manifest.written },
      headers: admin,
    });
    if (marked.status >= 300) throw new Error(`could not mark the site: HTTP ${marked.status}`);
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  } else {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as SiteManifest;
    // A central that was just loaded may still be indexing (ken): the station must not compete with that.
    await warmIndexes(central, admin, log);
    log(
      `reusing the synthetic site in ${dir} (${manifest.generatedMs === null ? 'generation time not recorded' : `generated in ${(manifest.generatedMs / 1000).toFixed(0)} s`})`,
    );
  }
  const dayContext = benchContext(HCODE, `st-${HCODE}-history`, 16 + manifest.extraDays);
  return {
    central,
    manifest,
    dir,
    admin,
    async newStation(code) {
      const account = await provision({
        url: central.url,
        adminUser,
        adminPassword,
        hcode: HCODE,
        station: code,
        stationPassword: STATION_PASSWORD,
      });
      return { user: account.stationUser, password: STATION_PASSWORD };
    },
    async addDay(day) {
      const history = new History(dayContext, {
        patients: 1,
        documents: 2 + manifest.visitsPerDay * DOCS_PER_VISIT,
        years: 1,
      });
      const docs: StoredDoc[] = [];
      for (let i = 0; i < manifest.visitsPerDay; i += 1)
        docs.push(...history.visit(i, new Date(day.getTime() + DAY_MS / 24 + i * 60_000).toISOString()));
      await bulk(central, admin, docs);
      manifest = { ...manifest, extraDays: manifest.extraDays + 1 };
      writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
      return docs.length;
    },
    stop: () => central.stop(),
  };
}
