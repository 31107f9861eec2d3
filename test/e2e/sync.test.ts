// Stations of one hospital, end to end: dev:browser processes (own data folders, own station databases) and
// Chromium contexts (own IndexedDB), central = pouchdb-server provisioned with a user per station, reached
// through a TCP proxy whose link goes silent when cut (linkProxy's 'silent' mode). In order:
// - the IT form refuses a wrong password (Thai and English) and the station stays unconfigured;
// - both stations configured through the form say up to date with nothing waiting, the probes already in
//   the 24 h link chart;
// - with the link cut both say offline (never synced) and registration goes on;
// - both register the same (synthetic) person offline; when the link returns central holds one Patient and
//   both visits, and both dashboards say up to date with 0 pending;
// - the dashboard says wrong password when central changes the station's password;
// - no page errors, no console error but the failed requests expected (a 403 from the proxy, for one, fails),
//   and no citizen id in any log of either station;
// - a third station's page reloads while its push is in flight (central has the batch, the page's checkpoint
//   does not): every document it wrote reaches central once at the same revision, queue numbers once each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { startDevBrowser, type DevBrowser } from './harness/devBrowser.js';
import { launchChromium, outputDir } from './harness/chromium.js';
import { scanLogsForCitizenIds } from './harness/logScan.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import {
  collectConsoleErrors,
  unexpectedConsoleErrors,
  type ConsoleError,
  type ExpectedFailure,
} from './harness/consoleErrors.js';
import {
  CENTRAL_ADMIN,
  linkProxy,
  provisionStation,
  startCentral,
  type Central,
  type LinkProxy,
} from '../integration/sync/centralServer.js';
type ProvisionResult = Awaited<ReturnType<typeof provisionStation>>;
import { basicAuth } from '../../sync/central/centralHttp.node.js';
import { settledConflict } from '../../sync/replication/conflictRules.std.js';
import { demoIdentities, withCheckDigit } from '../factories/cardIdentities.js';
import { queueNumberOf, type EncounterDoc } from '../../sync/model/encounter.std.js';
import { signIn } from './harness/staffAccounts.js';
import { TEST_PIN } from '../factories/staff.js';
import { addStaff } from '../../sync/central/staffAdmin.node.js';
import { vitalSignObservations } from '../../sync/model/observation.std.js';

const HCODE = '10953';
const person = ((found) => {
  if (found === undefined) throw new Error('demo identities missing');
  return found;
})(demoIdentities[0]);
const [, first = '', , last = ''] = person.thaiName.split('#');

interface StationUnderTest {
  readonly label: string;
  readonly prefix: string;
  readonly app: DevBrowser;
  readonly page: Page;
  readonly account: ProvisionResult;
  readonly errors: string[];
  /** The page's console errors, with the resource they name (a failed request's URL). */
  readonly consoleErrors: ConsoleError[];
  /** The failed requests this station's page may log so far; any other console error fails the run. */
  readonly expectedFailures: ExpectedFailure[];
}

let central: Central;
let link: LinkProxy;
let browser: Browser;
const stations: StationUnderTest[] = [];
const OFFLINE_CODES = ['sync_offline', 'sync_timeout'];
/**
 * What a page may log as failed requests in every test here; anything else (a 403 from the proxy's rules, a
 * 400, a 500, a 404 outside checkpoints, any other console error) fails the run.
 */
const EXPECTED_FAILURES: readonly ExpectedFailure[] = [
  {
    status: 404,
    path: /^\/central\/clinic_\d{5}\/_local\//,
    why: 'PouchDB looks for its checkpoint before writing the first one',
  },
  {
    status: 409,
    path: /^\/central\/clinic_\d{5}\/_local\//,
    why: 'two writes of one checkpoint raced; PouchDB reads it again and retries',
  },
  {
    status: 502,
    path: /^\/central\//,
    why: 'the link was cut: main cannot reach central (connection reset when the link returns)',
  },
  { status: 504, path: /^\/central\//, why: 'the link was cut: central went quiet' },
  { status: 'network', path: /^\/central\//, why: 'a request dropped by a cut or a page reload' },
];
const UNAUTHORIZED: ExpectedFailure = {
  status: 401,
  path: /^\/central\//,
  why: 'central no longer accepts the station’s password',
};
const admin = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };

function station(index: number): StationUnderTest {
  const found = stations[index];
  if (found === undefined) throw new Error(`station ${index} not started`);
  return found;
}

async function centralJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${central.url}${path}`, {
    ...init,
    headers: { ...admin, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!response.ok) throw new Error(`central ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function openStation(label: string, prefix: string, stationName: string): Promise<StationUnderTest> {
  const account = await provisionStation({
    url: central.url,
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode: HCODE,
    station: label,
  });
  const app = await startDevBrowser();
  const context = await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const consoleErrors = collectConsoleErrors(page);
  await page.goto(app.url);
  await page.fill('input[name=hcode]', HCODE);
  await page.fill('input[name=stationName]', stationName);
  await page.fill('input[name=queuePrefix]', prefix);
  await page.click('[data-testid=setup-save]');
  await page.getByTestId('staff-bootstrap').waitFor();
  return { label, prefix, app, page, account, errors, consoleErrors, expectedFailures: [...EXPECTED_FAILURES] };
}

/** The dashboard's state (data-state on the state card), waited for on the IT tab. */
/** The central front-desk account the stations sign in with once they have fetched it (added in beforeAll). */
const CLERK = { code: 'fd-sync', pin: TEST_PIN };
/** A nurse's account on central, for the trend view with central's older history. */
const NURSE = { code: 'rn-sync', pin: TEST_PIN };

/** Signed in as the clerk (the accounts come from central after the station is linked). */
async function ensureSignedIn(target: StationUnderTest): Promise<void> {
  if (!(await target.page.getByTestId('staff-on-duty').isVisible())) await signIn(target.page, CLERK);
}

/** The dashboard: on the IT tab once someone is on duty, on the sign-in screen before (linking a new station). */
async function showDashboard(target: StationUnderTest): Promise<void> {
  // Right after a reload neither is drawn yet: wait for the page to show one (under load it took over a second,
  // and the dashboard was never opened).
  await target.page
    .locator('[data-testid=tab-it], [data-testid=staff-sign-in], [data-testid=sync-state]')
    .first()
    .waitFor({ timeout: 30_000 });
  if (await target.page.getByTestId('tab-it').isVisible()) await target.page.click('[data-testid=tab-it]');
}

async function waitForState(
  target: StationUnderTest,
  state: string,
  codes: readonly string[] = [''],
  timeout = 45_000,
): Promise<void> {
  await showDashboard(target);
  await target.page
    .locator(codes.map((code) => `[data-testid=sync-state][data-state="${state}"][data-code="${code}"]`).join(', '))
    .waitFor({ timeout })
    .catch(async (error: unknown) => {
      await target.page.screenshot({
        path: join(outputDir(), `sync-${target.label}-waiting-${state}.png`),
        fullPage: true,
      });
      const shown = await target.page
        .getByTestId('sync-state')
        .evaluate((node) => `${node.getAttribute('data-state') ?? ''}/${node.getAttribute('data-code') ?? ''}`);
      const refused = await target.page.getByTestId('sync-rejection-row').allTextContents();
      throw new Error(
        `${target.label}: waited for ${state}/${codes.join('|')}, dashboard shows ${shown}; refused: ${refused.join(' | ') || 'none'}`,
        { cause: error },
      );
    });
}

async function configure(target: StationUnderTest, password: string): Promise<void> {
  await showDashboard(target);
  const form = target.page.getByTestId('sync-config-form');
  await form.locator('input[name=centralUrl]').fill(link.url);
  await form.locator('input[name=username]').fill(target.account.stationUser);
  await form.locator('input[name=password]').fill(password);
  await target.page.click('[data-testid=sync-config-save]');
}

async function registerByHand(target: StationUnderTest): Promise<string> {
  const { page } = target;
  await ensureSignedIn(target);
  await page.click('[data-testid=tab-frontdesk]');
  await page.click('[data-testid=manual-open]');
  await page.fill('input[name=cid]', person.cid);
  await page.fill('input[name=first]', first);
  await page.fill('input[name=last]', last);
  await page.click('[data-testid=manual-save]');
  await page.getByTestId('saved-queue-number').waitFor();
  return (await page.getByTestId('saved-queue-number').textContent()) ?? '';
}

beforeAll(async () => {
  central = await startCentral();
  // Cut, the link goes silent as a rural GIN link does (connections hang), rather than refusing.
  link = await linkProxy(central.port, { whenCut: 'silent' });
  browser = await launchChromium();
  stations.push(await openStation('a', 'A', 'ห้องบัตร 1'), await openStation('b', 'B', 'ห้องบัตร 2'));
  // IT's account for the clerk, on central: each station fetches it once linked
  await addStaff(
    { url: central.url, adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode: HCODE },
    { code: CLERK.code, name: 'ห้องบัตร ทดสอบ', role: 'front_desk', pin: CLERK.pin },
  );
  await addStaff(
    { url: central.url, adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode: HCODE },
    { code: NURSE.code, name: 'พยาบาล ทดสอบ', role: 'nurse', pin: NURSE.pin },
  );
});

afterAll(async () => {
  await browser?.close();
  for (const started of stations) await started.app.stop();
  await link?.close();
  await central?.stop();
});

describe('two stations sync through central', () => {
  it('refuses a wrong password in the form, in Thai and English, and stays unconfigured', async () => {
    const a = station(0);
    await waitForState(a, 'unconfigured');
    await configure(a, 'not-the-password');
    const error = a.page.getByTestId('sync-config-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('sync_wrong_password');
    expect(await error.locator('[lang=th]').textContent()).toContain('รหัสผ่าน');
    expect(await error.locator('[lang=en]').textContent()).toContain('is wrong');
    await a.page.screenshot({ path: join(outputDir(), 'sync-wrong-password-form.png'), fullPage: true });
    await waitForState(a, 'unconfigured');
  });

  it('configures both stations through the form and both say up to date with nothing waiting', async () => {
    for (const target of stations) {
      await configure(target, target.account.stationPassword);
      await target.page.getByTestId('sync-config-saved').waitFor();
      await waitForState(target, 'up_to_date');
      expect(await target.page.getByTestId('sync-pending').getAttribute('data-count')).toBe('0');
      expect(await target.page.getByTestId('link-state').getAttribute('data-state')).toBe('up_to_date');
      // The probes so far are in the 24 h chart already (it used to stay empty ~30 s behind a cached chart).
      await expect
        .poll(() => target.page.getByTestId('link-chart-summary').textContent(), { timeout: 5_000 })
        .toContain('เชื่อมต่อได้ 100%');
      // Minutes of probes: the chart shows the last hour per minute, not 4 of the day's 96 quarter hours.
      expect(await target.page.getByTestId('link-chart').getAttribute('data-span')).toBe('hour');
    }
    await station(0).page.screenshot({ path: join(outputDir(), 'sync-up-to-date.png'), fullPage: true });
  });

  it('shows offline on both when the link is cut, and registration goes on', async () => {
    link.cut();
    // A silent link reads as offline (probe timed out or network unreachable), never as synced or as central down.
    for (const target of stations) await waitForState(target, 'offline', OFFLINE_CODES);
    expect(await registerByHand(station(0))).toBe('A-001');
    expect(await registerByHand(station(1))).toBe('B-001');
    for (const target of stations) {
      await waitForState(target, 'offline', OFFLINE_CODES);
      await expect
        .poll(async () => Number(await target.page.getByTestId('sync-pending').getAttribute('data-count')), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      // The header says offline too, never synced.
      expect(await target.page.getByTestId('link-state').getAttribute('data-state')).toBe('offline');
    }
    await station(1).page.screenshot({ path: join(outputDir(), 'sync-offline.png'), fullPage: true });
  });

  it('when the link returns, central holds one patient and both visits, and both dashboards say up to date with 0 pending', async () => {
    link.restore();
    for (const target of stations) await waitForState(target, 'up_to_date', [''], 90_000);
    // Each station pulls the other's visit and the settled patient; wait until both agree nothing is left.
    for (const target of stations) {
      await target.page.click('[data-testid=sync-now]');
      await waitForState(target, 'up_to_date', [''], 60_000);
      expect(await target.page.getByTestId('sync-pending').getAttribute('data-count')).toBe('0');
    }
    const all = await centralJson<{ rows: { id: string }[] }>(`/clinic_${HCODE}/_all_docs`);
    const ids = all.rows.map((row) => row.id);
    expect(ids.filter((id) => id.startsWith('Patient/'))).toHaveLength(1);
    expect(ids.filter((id) => id.startsWith('Encounter/'))).toHaveLength(2);
    expect(ids.some((id) => id.includes(person.cid))).toBe(false);
    const patientId = ids.find((id) => id.startsWith('Patient/')) ?? '';
    await expect
      .poll(
        async () => {
          const doc = await centralJson<{ _rev: string; _conflicts?: string[] }>(
            `/clinic_${HCODE}/${encodeURIComponent(patientId)}?conflicts=true`,
          );
          return settledConflict(doc._rev, doc._conflicts ?? []);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    // Both stations now show both visits in today's queue.
    for (const target of stations) {
      await target.page.click('[data-testid=tab-frontdesk]');
      await expect.poll(() => target.page.getByTestId('queue-row').count(), { timeout: 20_000 }).toBe(2);
    }
    await station(0).page.click('[data-testid=tab-it]');
    await station(0).page.screenshot({ path: join(outputDir(), 'sync-after-reconnect.png'), fullPage: true });
  });

  it('the nurse sees the patient’s readings from before the working set, read from central and not kept', async () => {
    const a = station(0);
    const all = await centralJson<{ rows: { id: string }[] }>(`/clinic_${HCODE}/_all_docs`);
    const patientId = (all.rows.find((row) => row.id.startsWith('Patient/'))?.id ?? '').slice('Patient/'.length);
    // A visit 400 days ago, outside the 30-day window: on central only (written there as another station's).
    const at = new Date(Date.now() - 400 * 86_400_000).toISOString();
    let n = 0;
    const old = vitalSignObservations(
      [
        { code: '8480-6', value: 150, unit: 'mm[Hg]' },
        { code: '8462-4', value: 95, unit: 'mm[Hg]' },
        { code: '8867-4', value: 88, unit: '/min' },
        { code: '29463-7', value: 71, unit: 'kg' },
      ],
      {
        patientId,
        encounterId: 'enc-archive-1',
        stationId: 'st-archive',
        effective: at,
        at,
        newId: () => `archive-${String((n += 1))}`,
      },
    );
    await centralJson(`/clinic_${HCODE}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs: old }) });
    await signIn(a.page, NURSE);
    await a.page.click('[data-testid=tab-vitals]');
    await a.page.click('[data-testid=vitals-call-next]');
    const note = a.page.getByTestId('visit-history-older');
    await expect.poll(() => note.textContent(), { timeout: 30_000 }).toContain(`${old.length} รายการ`);
    await a.page.getByTestId('visit-history-plot').waitFor();
    await a.page.getByTestId('visit-history').screenshot({ path: join(outputDir(), 'sync-older-history-th.png') });
    await a.page.click('[data-testid=language-toggle]');
    await expect.poll(() => note.textContent()).toContain(`${old.length} older readings`);
    await a.page.getByTestId('visit-history').screenshot({ path: join(outputDir(), 'sync-older-history-en.png') });
    await a.page.click('[data-testid=language-toggle]');
    // Shown, never stored on the station.
    const held = new Set((await a.page.evaluate(readWinningDocs, `clinic_${HCODE}`)).map((doc) => doc.id));
    for (const doc of old) expect(held.has(doc._id), doc._id).toBe(false);
  });

  it('says wrong password on the dashboard when central no longer accepts the station’s password', async () => {
    const b = station(1);
    const userPath = `/_users/${encodeURIComponent(`org.couchdb.user:${b.account.stationUser}`)}`;
    const user = await centralJson<Record<string, unknown>>(userPath);
    b.expectedFailures.push(UNAUTHORIZED);
    await centralJson(userPath, {
      method: 'PUT',
      body: JSON.stringify({ ...user, password: 'changed-at-central-test-only' }),
    });
    await b.page.click('[data-testid=tab-it]');
    await b.page.click('[data-testid=sync-now]');
    await waitForState(b, 'error', ['sync_wrong_password'], 60_000);
    expect(await b.page.getByTestId('sync-headline').textContent()).toContain('รหัสผ่านไม่ถูกต้อง');
    expect(await b.page.getByTestId('link-state').getAttribute('data-state')).toBe('error');
    await b.page.click('[data-testid=language-toggle]');
    await b.page.getByText('Wrong password').first().waitFor();
    await b.page.screenshot({ path: join(outputDir(), 'sync-wrong-password-dashboard.png'), fullPage: true });
  });

  it('no page errors, no console error but the failed requests expected, and no citizen id in any log of either station', async () => {
    for (const target of stations) {
      expect(target.errors).toEqual([]);
      expect(unexpectedConsoleErrors(target.consoleErrors, target.expectedFailures)).toEqual([]);
      // The page first: its live replication holds a long-poll open through main's proxy.
      await target.page.context().close();
      await target.app.stop();
      expect(scanLogsForCitizenIds(join(target.app.dataDir, 'logs')).hits).toEqual([]);
    }
  });

  it('a page reload while the push is in flight loses and duplicates nothing', async () => {
    // A third station (the first two closed above): some visits reach central with the link up, the rest are
    // registered while it is cut; when it returns, the first push to central is let through to central but its
    // answer never reaches the page, which reloads instead (the harder case: central has the batch, the
    // page's checkpoint does not). After the reload the station must come up to date with every document it
    // wrote on central exactly once.
    const c = await openStation('c', 'C', 'ห้องบัตร 3');
    stations.push(c);
    await configure(c, c.account.stationPassword);
    await c.page.getByTestId('sync-config-saved').waitFor();
    await waitForState(c, 'up_to_date');
    const source = `urn:clinic-edge:station:${c.account.stationUser}`;
    for (let visit = 1; visit <= VISITS_ONLINE; visit += 1) await registerNumbered(c, visit);
    await expect.poll(async () => (await centralDocsBy(source)).length, { timeout: 30_000 }).toBe(2 * VISITS_ONLINE);
    link.cut();
    for (let visit = VISITS_ONLINE + 1; visit <= VISITS; visit += 1) await registerNumbered(c, visit);
    const written = (await c.page.evaluate(readWinningDocs, `clinic_${HCODE}`)).filter(
      (held) => (held.doc['meta'] as { source?: string } | undefined)?.source === source,
    );

    let armed = false;
    let held: ((seen: { centralBefore: number; centralAtReload: number }) => void) | undefined;
    const inFlight = new Promise<{ centralBefore: number; centralAtReload: number }>((resolve) => (held = resolve));
    const heldRoutes: Route[] = [];
    await c.page.route(
      (url) => url.pathname.endsWith('/_bulk_docs'),
      async (route) => {
        if (!armed) return route.continue();
        armed = false;
        const centralBefore = (await centralDocsBy(source)).length;
        await route.fetch();
        heldRoutes.push(route);
        held?.({ centralBefore, centralAtReload: (await centralDocsBy(source)).length });
      },
    );
    link.restore();
    armed = true;
    await c.page.click('[data-testid=tab-it]');
    await c.page.click('[data-testid=sync-now]');
    const seen = await inFlight;
    // Some of the station's documents are on central, not all: the push was in flight.
    expect(seen.centralBefore).toBeGreaterThan(0);
    expect(seen.centralBefore).toBeLessThan(written.length);
    await c.page.reload();
    for (const route of heldRoutes) await route.abort().catch(() => undefined);
    await c.page.unrouteAll({ behavior: 'ignoreErrors' });

    await waitForState(c, 'up_to_date', [''], 90_000);
    await c.page.click('[data-testid=sync-now]');
    await waitForState(c, 'up_to_date', [''], 60_000);
    await expect
      .poll(async () => c.page.getByTestId('sync-pending').getAttribute('data-count'), { timeout: 20_000 })
      .toBe('0');

    const onCentral = await centralDocsBy(source);
    const ids = onCentral.map((doc) => doc._id);
    const duplicated = ids.length - new Set(ids).size;
    const missing = written.filter((doc) => !ids.includes(doc.id));
    const centralRev = new Map(onCentral.map((doc) => [doc._id, doc._rev]));
    // The same revision as the station's (not a second write of the record), and no conflict revisions.
    const otherRevision = written.filter((doc) => centralRev.has(doc.id) && centralRev.get(doc.id) !== doc.rev);
    const conflicted = onCentral
      .filter((doc) => !settledConflict(doc._rev, doc._conflicts ?? []))
      .map((doc) => doc._id);
    const queueNumbers = onCentral
      .flatMap((doc) => (doc.resourceType === 'Encounter' ? [queueNumberOf(doc) ?? ''] : []))
      .sort();
    console.log(
      `page reload: lost=${missing.length} duplicated=${duplicated + conflicted.length} docs=${written.length} reloads=1 centralBeforeReload=${seen.centralBefore} centralAtReload=${seen.centralAtReload}`,
    );
    expect(missing.map((doc) => doc.id)).toEqual([]);
    expect(duplicated).toBe(0);
    expect(conflicted).toEqual([]);
    expect(otherRevision.map((doc) => doc.id)).toEqual([]);
    expect(ids.length).toBe(written.length);
    // One visit per registration, each queue number once.
    expect(queueNumbers).toEqual(
      Array.from({ length: VISITS }, (_, index) => `C-${String(index + 1).padStart(3, '0')}`),
    );
    expect(c.errors).toEqual([]);
    expect(unexpectedConsoleErrors(c.consoleErrors, c.expectedFailures)).toEqual([]);
    // 55 registrations by hand and two waits for up to date: more than the default on a loaded 2-core machine.
  }, 300_000);
});

/** Visits registered with the link up, and in all (each a Patient and an Encounter). */
const VISITS_ONLINE = 5;
const VISITS = 55;

/** Registers synthetic person `n` by hand and waits for its queue number (the n-th of the station). */
async function registerNumbered(target: StationUnderTest, n: number): Promise<void> {
  const { page } = target;
  await ensureSignedIn(target);
  await page.click('[data-testid=tab-frontdesk]');
  await page.click('[data-testid=manual-open]');
  await page.fill('input[name=cid]', withCheckDigit(`39990${String(n).padStart(7, '0')}`));
  await page.fill('input[name=first]', 'สมมติ');
  await page.fill('input[name=last]', 'ทดลองระบบ');
  await page.click('[data-testid=manual-save]');
  await page
    .getByTestId('saved-queue-number')
    .filter({ hasText: `${target.prefix}-${String(n).padStart(3, '0')}` })
    .waitFor();
}

interface CentralDoc extends Pick<EncounterDoc, 'identifier'> {
  readonly _id: string;
  readonly _rev: string;
  readonly _conflicts?: string[];
  readonly resourceType?: string;
  readonly meta?: { readonly source?: string };
}

/** The documents on central written by this station (meta.source), with their conflicts. */
async function centralDocsBy(source: string): Promise<CentralDoc[]> {
  const all = await centralJson<{ rows: { id: string; doc?: CentralDoc }[] }>(
    `/clinic_${HCODE}/_all_docs?include_docs=true&conflicts=true`,
  );
  return all.rows.flatMap((row) => (row.doc?.meta?.source === source ? [row.doc] : []));
}
