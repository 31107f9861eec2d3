// Issue 15 §5 in Chromium: two real dev:browser stations of one hospital (front desk, screening) with the hospital
// hub on the LAN. Central and the hub are pouchdb-servers; the hub is provisioned with provision-hub and its relay
// run from its `_replicator` documents (hubRelay.ts). Every way to central (both stations' and the hub's) goes
// through one GIN link, and both stations reach the hub through one LAN link; both go silent when cut (packets
// lost, nothing refused). IT sets the hub on each station in the hub card. Every figure is timed on the pages:
//  - GIN cut: a patient registered by hand at the front desk shows in the nurse's queue over the hub within 5 s;
//    GIN back: central holds that patient and visit once, nothing refused.
//  - LAN cut: both stations move to central directly, the hub card says the hub is down in Thai words, and a
//    visit reaches the nurse's queue over central within 5 s.
//  - Both cut: each station still registers and numbers a visit; both links back: each reaches the other station,
//    both go back to the hub, and central holds everything once, nothing refused.
//  - Hub stopped and started again on its port and data: the stations go on over central meanwhile and come back
//    to the hub, which carries a visit alone again (GIN cut); everything reaches central once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './harness/chromium.js';
import type { StationPage } from './harness/stationPage.js';
import { openLinkedStation, type StationAccount } from './harness/linkedStation.js';
import { signIn } from './harness/staffAccounts.js';
import { screenshot } from './harness/screens.js';
import { registerByHand, type TypedPerson } from './harness/registerByHand.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import {
  CENTRAL_ADMIN,
  linkProxy,
  provisionStation,
  startCentral,
  type Central,
  type LinkProxy,
} from '../integration/sync/centralServer.js';
import { startHub, type Hub } from '../integration/sync/hubServer.js';
import { startRelay, type Relay } from '../integration/sync/hubRelay.js';
import { centralDocs, settledOnCentral } from '../integration/sync/syncChecks.js';
import { provisionHub } from '../../sync/central/provisionHub.node.js';
import { databaseName } from '../../sync/central/designDocs.std.js';
import type { Rejection, SyncStatus } from '../../electron/contract/sync.std.js';
import { stationSource } from '../../sync/model/systems.std.js';
import { queueNumberOf, type EncounterDoc } from '../../sync/model/encounter.std.js';
import { syntheticCid } from '../factories/fhirFixtures.js';

const HCODE = '10958';
const person = (n: number, last: string): TypedPerson => ({ cid: syntheticCid(9400 + n), first: 'ทดสอบฮับ', last });
const PATIENT = person(1, 'สองสถานี');
const LAN_CUT = person(2, 'แลนขาด');
const BOTH_CUT_DESK = person(3, 'ขาดทั้งคู่');
const BOTH_CUT_NURSE = person(4, 'ออฟไลน์คัดกรอง');
const HUB_DOWN = person(5, 'ฮับปิด');
const HUB_BACK = person(6, 'ฮับกลับมา');
const WITHIN_MS = 5_000;
/** Words a person should never read on screen: error codes, and what a missing text leaves. */
const RAW = /\b[a-z]+_[a-z_]+\b|undefined|NaN|null|\{\{/;

interface Linked {
  readonly station: StationPage;
  readonly page: Page;
  readonly stationUser: string;
}

let central: Central;
let gin: LinkProxy;
let lan: LinkProxy;
let hub: Hub;
let relay: Relay;
const linked: Linked[] = [];
/** Every visit registered in the run: the person and the queue number the page showed. */
const registered: { readonly person: TypedPerson; readonly queueNumber: string }[] = [];

function at(index: number): Linked {
  const found = linked[index];
  if (found === undefined) throw new Error(`station ${String(index)} not open`);
  return found;
}
const [DESK, NURSE] = [0, 1];

/** A real station linked to central over GIN, IT signed in; IT types the hub's address (over the LAN) in the hub card. */
async function openStation(name: string, account: StationAccount): Promise<Linked> {
  const station = await openLinkedStation({ centralUrl: gin.url, account, hcode: HCODE, name, signInAs: 'it' });
  const { page } = station;
  await page.getByTestId('hub-url-input').fill(lan.url);
  await page.getByTestId('hub-save').click();
  await page.getByTestId('hub-message').filter({ hasText: 'สถานีเข้าสู่ระบบฮับได้' }).waitFor();
  return { station, page, stationUser: account.stationUser };
}

const status = (target: Linked) => target.station.bridge.call<SyncStatus>('sync.status', {});
const rejections = (target: Linked) => target.station.bridge.call<Rejection[]>('sync.rejections', {});
/** The link the page reports its replication runs over. */
const pathOf = async (target: Linked) => (await status(target)).replication?.path ?? null;
const inQueue = (target: Linked, someone: TypedPerson) =>
  target.page.getByTestId('vitals-queue-item').filter({ hasText: someone.last });
/** The documents (a station's or central's) that carry `someone`'s citizen id. */
const holding = <T>(docs: readonly T[], someone: TypedPerson): T[] =>
  docs.filter((doc) => JSON.stringify(doc).includes(someone.cid));

/** Registers `someone` by hand at `target`'s front desk; returns the queue number and the ms from save to it shown. */
async function register(
  target: Linked,
  someone: TypedPerson,
): Promise<{ queueNumber: string; savedAt: number; ms: number }> {
  let savedAt = 0;
  const queueNumber = await registerByHand(target.page, someone, () => (savedAt = Date.now()));
  registered.push({ person: someone, queueNumber });
  return { queueNumber, savedAt, ms: Date.now() - savedAt };
}

/** Registers at the front desk and times the save press to the visit's row in the nurse's queue (both pages' DOM). */
async function registerAndTime(someone: TypedPerson, timeoutMs: number): Promise<{ queueNumber: string; ms: number }> {
  const arrived = inQueue(at(NURSE), someone);
  expect(await arrived.count()).toBe(0);
  const seen = arrived.waitFor({ timeout: timeoutMs }).then(() => Date.now());
  const { queueNumber, savedAt } = await register(at(DESK), someone);
  const ms = (await seen) - savedAt;
  expect(await arrived.textContent()).toContain(queueNumber);
  return { queueNumber, ms };
}

/**
 * Waits until central holds every record each station wrote at the station's revision, then checks central holds
 * each registered person and visit once, no conflict left unsettled, and neither station lists a refusal.
 */
async function everythingOnCentralOnce(what: string): Promise<void> {
  const written: number[] = [];
  for (const target of linked) {
    const docs = await target.page.evaluate(readWinningDocs, databaseName(HCODE));
    const mine = docs.filter(
      (doc) => (doc.doc['meta'] as { source?: string } | undefined)?.source === stationSource(target.stationUser),
    );
    written.push(mine.length);
    await expect
      .poll(
        async () => {
          const byId = new Map((await centralDocs(central.url, HCODE)).map((doc) => [doc._id, doc._rev]));
          return mine.filter((doc) => byId.get(doc.id) !== doc.rev).map((doc) => doc.id);
        },
        { timeout: 90_000, interval: 500 },
      )
      .toEqual([]);
  }
  const onCentral = await centralDocs(central.url, HCODE);
  const queueNumbers = onCentral
    .filter((doc) => doc.resourceType === 'Encounter')
    .map((doc) => queueNumberOf(doc as unknown as EncounterDoc));
  console.log(
    `hub e2e, ${what}: station_docs=${written.join('+')} central_docs=${onCentral.length} encounters=${queueNumbers.length} relay_passes=${relay.passes}`,
  );
  for (const { person: someone } of registered)
    expect(
      onCentral.filter((doc) => doc.resourceType === 'Patient' && JSON.stringify(doc).includes(someone.cid)),
    ).toHaveLength(1);
  expect([...queueNumbers].sort()).toEqual(registered.map(({ queueNumber }) => queueNumber).sort());
  expect(onCentral.filter((doc) => !settledOnCentral(doc))).toEqual([]);
  for (const target of linked) {
    await expect.poll(async () => (await status(target)).state, { timeout: 60_000 }).toBe('up_to_date');
    expect(await rejections(target)).toEqual([]);
    expect(target.station.pageErrors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  }
}

beforeAll(async () => {
  central = await startCentral();
  gin = await linkProxy(central.port, { whenCut: 'silent' });
  hub = await startHub(HCODE);
  lan = await linkProxy(hub.port, { whenCut: 'silent' });
  const admin = {
    url: central.url,
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode: HCODE,
  };
  // Central knows the hospital and its stations before the hub is provisioned (as npm run central -- provision).
  const desk = await provisionStation({ ...admin, station: 'a' });
  const nurse = await provisionStation({ ...admin, station: 'b' });
  // The hub reaches central over GIN too: cutting GIN cuts the relay with the stations.
  const provisioned = await provisionHub({
    ...hub.admin,
    centralUrl: gin.url,
    centralAdminUser: CENTRAL_ADMIN.user,
    centralAdminPassword: CENTRAL_ADMIN.password,
    hcode: HCODE,
  });
  relay = await startRelay(hub, provisioned.replications);
  linked.push(await openStation('ห้องบัตร 1', desk), await openStation('คัดกรอง 1', nurse));
});

afterAll(async () => {
  for (const target of linked) await target.station.close();
  await relay?.stop();
  await gin?.close();
  await lan?.close();
  await hub?.stop();
  await central?.stop();
});

describe('front desk and screening with the hospital hub (Chromium)', () => {
  it('both stations replicate over the hub, the hub card says so in Thai', async () => {
    for (const target of linked) {
      await target.page.locator('[data-testid=hub-card][data-path=hub]').waitFor({ timeout: 60_000 });
      await expect.poll(async () => (await status(target)).state, { timeout: 60_000 }).toBe('up_to_date');
      expect(await target.page.getByTestId('hub-path').textContent()).toMatch(/[\u0E00-\u0E7F]/);
    }
    await at(NURSE)
      .page.getByTestId('hub-card')
      .screenshot({ path: join(outputDir(), 'hub-stations-it-card-th.png') });
  });

  it('GIN cut, LAN up: the front desk’s new visit is in the nurse’s queue within 5 s, over the hub', async () => {
    await signIn(at(DESK).page, 'front_desk');
    await signIn(at(NURSE).page, 'nurse');
    await at(NURSE).page.click('[data-testid=tab-vitals]');
    await at(NURSE).page.getByTestId('workspace-vitals').waitFor();
    gin.cut();

    const { queueNumber, ms } = await registerAndTime(PATIENT, 30_000);
    console.log(`hub e2e, GIN cut: front desk save → nurse's queue (Chromium DOM) ${ms} ms`);
    expect(queueNumber).toBe('A-001');
    expect(ms).toBeLessThanOrEqual(WITHIN_MS);
    await screenshot(at(NURSE).page, 'hub-stations-nurse-queue-th.png');
    // Nothing went over GIN: central has not got the visit yet.
    expect(holding(await centralDocs(central.url, HCODE), PATIENT)).toEqual([]);
  });

  it('GIN back: central holds the patient and the visit once, nothing refused at either station', async () => {
    gin.restore();
    await everythingOnCentralOnce('GIN back');
  });

  it('LAN cut, GIN up: both stations go to central directly, the hub card says the hub is down, a visit reaches the nurse within 5 s', async () => {
    const desk = at(DESK).page;
    await desk.click('[data-testid=tab-it]');
    await desk.locator('[data-testid=hub-card][data-hub=up][data-path=hub]').waitFor();
    lan.cut();
    const cutAt = Date.now();
    const card = desk.locator('[data-testid=hub-card][data-hub=down][data-path=central]');
    await card.waitFor({ timeout: 30_000 });
    const msCard = Date.now() - cutAt;
    for (const target of linked) await expect.poll(() => pathOf(target), { timeout: 30_000 }).toBe('central');
    const msBoth = Date.now() - cutAt;
    console.log(
      `hub e2e, LAN cut: cut → desk's hub card "down, over central" ${msCard} ms; both on central ${msBoth} ms`,
    );
    // Down, and why in the hub's words: a silent LAN is the hub not answering in time, never "central is slow".
    const hubLink = (await desk.getByTestId('hub-link').textContent()) ?? '';
    expect(hubLink).toMatch(/^ติดต่อไม่ได้ — ฮับไม่ตอบ/);
    expect(hubLink).not.toContain('เซิร์ฟเวอร์กลาง');
    expect(await desk.getByTestId('hub-path').textContent()).toBe('เซิร์ฟเวอร์กลางโดยตรง');
    expect(await desk.getByTestId('hub-central-link').textContent()).toBe('ติดต่อได้');
    expect(await card.textContent()).not.toMatch(RAW);
    await card.screenshot({ path: join(outputDir(), 'hub-stations-lan-cut-card-th.png') });
    // The nurse's header no longer says it syncs over the hub.
    await expect
      .poll(() => at(NURSE).page.getByTestId('link-state').textContent(), { timeout: 30_000 })
      .not.toContain('ผ่านฮับ');

    const { queueNumber, ms } = await registerAndTime(LAN_CUT, 30_000);
    console.log(`hub e2e, LAN cut: front desk save → nurse's queue over central (Chromium DOM) ${ms} ms`);
    expect(queueNumber).toBe('A-002');
    expect(ms).toBeLessThanOrEqual(WITHIN_MS);
    // It went over central (the LAN is down): central holds it when the nurse sees it.
    expect(holding(await centralDocs(central.url, HCODE), LAN_CUT)).not.toEqual([]);
  });

  it('both links cut: each station still registers and numbers a visit; links back, everything reaches central once', async () => {
    gin.cut();
    const desk = await register(at(DESK), BOTH_CUT_DESK);
    expect(desk.queueNumber).toBe('A-003');
    const nursePage = at(NURSE).page;
    const nurse = await register(at(NURSE), BOTH_CUT_NURSE);
    expect(nurse.queueNumber).toBe('B-001');
    console.log(`hub e2e, both cut: save → queue number shown, front desk ${desk.ms} ms, screening ${nurse.ms} ms`);
    expect(Math.max(desk.ms, nurse.ms)).toBeLessThanOrEqual(WITHIN_MS);
    await nursePage.click('[data-testid=tab-vitals]');
    await inQueue(at(NURSE), BOTH_CUT_NURSE).waitFor();
    // Both stations say they are offline (main's probes find neither link), and nothing got anywhere.
    for (const target of linked)
      await target.page.locator('[data-testid=link-state][data-state=offline]').waitFor({ timeout: 30_000 });
    expect(await inQueue(at(NURSE), BOTH_CUT_DESK).count()).toBe(0);
    const onCentral = await centralDocs(central.url, HCODE);
    expect([...holding(onCentral, BOTH_CUT_DESK), ...holding(onCentral, BOTH_CUT_NURSE)]).toEqual([]);

    gin.restore();
    lan.restore();
    const backAt = Date.now();
    await inQueue(at(NURSE), BOTH_CUT_DESK).waitFor({ timeout: 60_000 });
    const msNurse = Date.now() - backAt;
    await expect
      .poll(async () => holding(await at(DESK).page.evaluate(readWinningDocs, databaseName(HCODE)), BOTH_CUT_NURSE), {
        timeout: 60_000,
        interval: 250,
      })
      .not.toEqual([]);
    for (const target of linked) await expect.poll(() => pathOf(target), { timeout: 30_000 }).toBe('hub');
    const msHub = Date.now() - backAt;
    console.log(
      `hub e2e, both back: links restored → the front desk's visit in the nurse's queue ${msNurse} ms, both on the hub ${msHub} ms`,
    );
    await everythingOnCentralOnce('both back');
  });

  it('hub stopped and started again: the stations go on over central meanwhile, come back to the hub, nothing lost', async () => {
    for (const target of linked) await expect.poll(() => pathOf(target), { timeout: 30_000 }).toBe('hub');
    let downMs = 0;
    await hub.restart(async () => {
      const stoppedAt = Date.now();
      for (const target of linked) await expect.poll(() => pathOf(target), { timeout: 30_000 }).toBe('central');
      downMs = Date.now() - stoppedAt;
      const { queueNumber, ms } = await registerAndTime(HUB_DOWN, 30_000);
      console.log(`hub e2e, hub down: stopped → both on central ${downMs} ms; save → nurse's queue ${ms} ms`);
      expect(queueNumber).toBe('A-004');
      expect(ms).toBeLessThanOrEqual(WITHIN_MS);
    });
    const upAt = Date.now();
    for (const target of linked) await expect.poll(() => pathOf(target), { timeout: 30_000 }).toBe('hub');
    const msBack = Date.now() - upAt;
    // The hub alone carries a visit again (GIN cut).
    gin.cut();
    const { queueNumber, ms } = await registerAndTime(HUB_BACK, 30_000);
    console.log(
      `hub e2e, hub started again: up → both on the hub ${msBack} ms; GIN cut, save → nurse's queue ${ms} ms`,
    );
    expect(queueNumber).toBe('A-005');
    expect(ms).toBeLessThanOrEqual(WITHIN_MS);
    expect(holding(await centralDocs(central.url, HCODE), HUB_BACK)).toEqual([]);
    gin.restore();
    await everythingOnCentralOnce('hub restarted');
  });
});
