// From frame to chart, for real: an Omron HBP-9030 frame written on a socat pty → the device service of
// `npm run dev:browser` stores it → a pending reading in the Vitals workspace in Chromium → the nurse
// confirms → FHIR Observations in the page's PouchDB (IndexedDB), listed for the patient, and the inbox
// row marked charted with the ids decided before the save. Also: a reading with no patient waits in
// "unassigned" and is given to the patient; a reading measured for another patient is listed too, given
// here or discarded with a reason; an identical frame re-sent at once is one reading; a replayed frame is
// not charted twice; manual entry refuses an impossible value; NEWS2's consciousness and air/oxygen are
// recorded and read back after a reload; a correction marks the old observation entered-in-error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDevBrowser, type DevBrowser } from './harness/devBrowser.js';
import { launchChromium, outputDir } from './harness/chromium.js';
import { BridgeClient } from './harness/bridgeClient.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import { startPtyPair, type PtyPair } from '../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../drivers/devices/simulators/serialSimulator.node.js';
import { omronHbp9030Frame, oruMessage } from '../../drivers/devices/simulators/frames.std.js';
import { Hl7MonitorSimulator, ackCode } from '../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { mllpWrap } from '../../drivers/devices/parsers/hl7.std.js';
import { createServer } from 'node:net';
import { screenshot } from './harness/screens.js';
import { syntheticCid } from '../factories/fhirFixtures.js';
import { readingObservationPrefix, type InboxItem } from '../../electron/contract/devices.std.js';
import { addE2eStaff, signIn } from './harness/staffAccounts.js';
import { registerByHand, type TypedPerson } from './harness/registerByHand.js';

// Synthetic patient ids (the shape of a keyed-hash Patient id; no person behind them).
/** An Observation charted from this inbox reading: its content id starts with the inbox id. */
const chartedFrom = (inboxId: string): RegExp => new RegExp(`^${readingObservationPrefix(inboxId)}[0-9a-f]{40}$`);

const PATIENT = 'p00e2e0000000000000000000000000000000a11';
const OTHER_PATIENT = 'p00e2e0000000000000000000000000000000b22';

let app: DevBrowser;
let browser: Browser;
let page: Page;
let pty: PtyPair;
let sim: SerialSimulator;
let bridge: BridgeClient;
const pageErrors: string[] = [];
let loseConfirms = false;
let lostConfirms = 0;

async function waitForStatus(port: string, state: string): Promise<void> {
  // The port opens asynchronously after devices.configure; poll the listing (bounded) rather than sleep.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const listing = await bridge.call<{ configured: { port: string; state: string }[] }>('devices.list', {});
    if (listing.configured.some((status) => status.port === port && status.state === state)) return;
    if (Date.now() > deadline)
      throw new Error(`port ${port} never reached ${state}: ${JSON.stringify(listing.configured)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function openVitals(): Promise<void> {
  await page.click('[data-testid=tab-frontdesk]');
  await page.click('[data-testid=tab-vitals]');
  await page.getByTestId('workspace-vitals').waitFor();
}

beforeAll(async () => {
  pty = await startPtyPair();
  // A real station (the default): only the pty's frames reach the inbox.
  app = await startDevBrowser({ env: { EDGE_DEMO: '' } });
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  // Between the page and main: while `loseConfirms` is set, devices.confirm never reaches main and the page
  // is told the connection dropped (the app stopping between the save and the confirm looks the same).
  await page.routeWebSocket(/\/bridge/, (route) => {
    const server = route.connectToServer();
    route.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id: number; name: string };
      if (loseConfirms && call.name === 'devices.confirm') {
        lostConfirms += 1;
        route.send(
          JSON.stringify({
            type: 'result',
            id: call.id,
            result: { ok: false, error: { code: 'disconnected', message: 'test: confirm lost' } },
          }),
        );
        return;
      }
      server.send(message);
    });
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  bridge = await BridgeClient.connect(app.url);
  await addE2eStaff(app.dataDir);
  await bridge.call('devices.configure', { port: pty.hostPath, profile: 'omron-hbp9030' });
  await waitForStatus(pty.hostPath, 'open');
  sim = new SerialSimulator(pty.devicePath);
});

afterAll(async () => {
  sim?.close();
  bridge?.close();
  await browser?.close();
  await app?.stop();
  await pty?.stop();
});

describe('vitals: from frame to chart', () => {
  it('sets the station up and opens the Vitals workspace with no patient', async () => {
    await page.goto(app.url);
    await page.getByTestId('setup-form').waitFor();
    await page.fill('input[name=hcode]', '10953');
    await page.fill('input[name=stationName]', 'คัดกรอง 1');
    await page.click('[data-testid=setup-save]');
    await page.getByTestId('header-hcode').waitFor();
    await signIn(page, 'nurse');
    await openVitals();
    expect(await page.getByTestId('vitals-patient').textContent()).toContain('ยังไม่ได้เลือกผู้ป่วย');
  });

  it('a reading with no patient bound waits in "unassigned"', async () => {
    await bridge.call('devices.bind', { patientRef: null });
    await sim.send(omronHbp9030Frame({ sys: 118, dia: 76, pulse: 70 }), { chunkSize: 9 });
    const unassigned = page.getByTestId('unassigned-readings').getByTestId('pending-reading');
    await unassigned.first().waitFor();
    expect(await unassigned.count()).toBe(1);
    expect(await unassigned.first().getByTestId('vital-bp').textContent()).toContain('118/76');
  });

  it('an HBP-9030 frame on the pty becomes a pending reading for the bound patient, flagged', async () => {
    await bridge.call('devices.bind', { patientRef: PATIENT });
    await openVitals();
    await page.getByTestId('vitals-patient-name').waitFor();
    await sim.send(omronHbp9030Frame({ sys: 152, dia: 94, pulse: 112 }));
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    await reading.first().waitFor();
    expect(await reading.count()).toBe(1);
    expect(await reading.getByTestId('vital-bp').textContent()).toContain('152/94');
    // 152/94 is hypertensive, pulse 112 scores 2 in NEWS2: both flagged in words.
    expect(await reading.getByTestId('vital-bp').getByTestId('vital-flag').textContent()).toBe('สูง');
    expect(await reading.getByTestId('vital-8867-4').getByTestId('vital-flag').textContent()).toBe('สูง');
    await page.screenshot({ path: join(outputDir(), 'vitals-pending-th.png'), fullPage: true });
  });

  it('confirm writes the Observations under ids decided before the save and marks the inbox row charted', async () => {
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    const inboxId = (await reading.first().getAttribute('data-id')) ?? '';
    await reading.first().getByTestId('reading-confirm').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'บันทึกแล้ว 2 รายการ' }).waitFor();
    await page.getByTestId('observation-row').nth(1).waitFor();
    const ids = await page
      .getByTestId('observation-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(chartedFrom(inboxId));
    expect(await reading.count()).toBe(0);
    // The inbox agrees: nothing pending for the patient; the unassigned one is still there.
    const pending = await bridge.call<InboxItem[]>('devices.pending', { patientRef: PATIENT, includeUnassigned: true });
    expect(pending.map((item) => item.patientRef)).toEqual([null]);
  });

  it("the documents are in the page's IndexedDB as FHIR vital-signs Observations with LOINC, UCUM and the device", async () => {
    const docs = await readObservationsFromIndexedDb(page, 'clinic_10953');
    const mine = docs.filter((doc) => doc.subject === `Patient/${PATIENT}`);
    expect(mine.map((doc) => doc.code).sort()).toEqual(['85354-9', '8867-4']);
    const panel = mine.find((doc) => doc.code === '85354-9');
    expect(panel?.components).toEqual(['8480-6=152 mm[Hg]', '8462-4=94 mm[Hg]']);
    expect(panel?.device).toMatch(/^Device\/d[0-9a-f]{32}$/);
    expect(panel?.profile).toBe('http://hl7.org/fhir/StructureDefinition/vitalsigns');
    expect(mine.find((doc) => doc.code === '8867-4')?.value).toBe('112 /min');
  });

  it('an identical frame re-sent at once is one reading (HBP-9030 has no sequence number); discarding asks why', async () => {
    const frame = omronHbp9030Frame({ sys: 131, dia: 85, pulse: 77 });
    await sim.send(frame);
    await sim.send(frame);
    // A different frame after the copies: once it is listed, both copies have been through the inbox.
    await sim.send(omronHbp9030Frame({ sys: 133, dia: 86, pulse: 78 }));
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    await reading.nth(1).waitFor();
    expect(await reading.count()).toBe(2);
    const copy = reading.filter({ hasText: '131/85' });
    expect(await copy.count()).toBe(1);
    await copy.getByTestId('reading-discard').click();
    const discardYes = copy.getByTestId('reading-discard-yes');
    expect(await discardYes.isDisabled()).toBe(true);
    await copy.getByTestId('discard-reason').selectOption('duplicate');
    await discardYes.click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'ทิ้งค่านี้แล้ว' }).waitFor();
    const other = reading.filter({ hasText: '133/86' });
    await other.getByTestId('reading-discard').click();
    await other.getByTestId('discard-reason').selectOption('other');
    await other.getByTestId('discard-words').fill('cuff slipped');
    await other.getByTestId('reading-discard-yes').click();
    await reading.first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('observation-row').count()).toBe(2);
  });

  it('a reading measured for another patient is listed under "unassigned / other patients", given here, then discarded', async () => {
    await bridge.call('devices.bind', { patientRef: OTHER_PATIENT });
    await sim.send(omronHbp9030Frame({ sys: 139, dia: 88, pulse: 81 }));
    // Wait for it in the inbox (bound to the other patient) before binding this station back.
    const deadline = Date.now() + 15_000;
    while (
      !(await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true })).some(
        (item) => item.patientRef === OTHER_PATIENT,
      )
    ) {
      if (Date.now() > deadline) throw new Error('the reading for the other patient never reached the inbox');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await bridge.call('devices.bind', { patientRef: PATIENT });
    await openVitals();
    const others = page.getByTestId('unassigned-readings').getByTestId('pending-reading');
    const theirs = others.filter({ hasText: '139/88' });
    await theirs.waitFor();
    expect(await theirs.getByTestId('reading-arrival').textContent()).toContain('ขณะสถานีเลือก');
    expect(await others.count()).toBe(2);
    await theirs.getByTestId('reading-assign').click();
    await theirs.getByTestId('move-confirm').waitFor();
    await theirs.getByTestId('move-yes').click();
    const mine = page.getByTestId('pending-readings').getByTestId('pending-reading').filter({ hasText: '139/88' });
    await mine.waitFor();
    await mine.getByTestId('reading-discard').click();
    await mine.getByTestId('discard-reason').selectOption('wrong_patient');
    await mine.getByTestId('reading-discard-yes').click();
    await mine.waitFor({ state: 'detached' });
    // Both discards kept their reason on the inbox row; nothing is pending for either patient.
    const all = await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true });
    expect(all.map((item) => item.patientRef)).toEqual([null]);
  });

  it('saved but never confirmed (the confirm is lost): after a reload it is marked charted, never charted twice', async () => {
    await sim.send(omronHbp9030Frame({ sys: 124, dia: 80, pulse: 66 }));
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    await reading.first().waitFor();
    const inboxId = (await reading.getAttribute('data-id')) ?? '';
    loseConfirms = true;
    await reading.getByTestId('reading-confirm').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'ขาดการเชื่อมต่อ' }).waitFor();
    // The Observations were written before the confirm: they are listed, and the reading is still pending.
    await page.getByTestId('observation-row').nth(3).waitFor();
    expect(await reading.count()).toBe(1);
    expect(lostConfirms).toBeGreaterThan(0);
    loseConfirms = false;
    await page.reload();
    await page.getByTestId('header-hcode').waitFor();
    await openVitals();
    await page.getByTestId('observation-row').nth(3).waitFor();
    await reading.first().waitFor({ state: 'detached' });
    const ids = await page
      .getByTestId('observation-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(ids.filter((id) => chartedFrom(inboxId).test(id ?? ''))).toHaveLength(2);
    expect(ids).toHaveLength(4);
    expect(
      await bridge.call<InboxItem[]>('devices.pending', { patientRef: PATIENT, includeUnassigned: false }),
    ).toEqual([]);
  });

  it('the unassigned reading is given to the patient, then confirmed', async () => {
    const unassigned = page.getByTestId('unassigned-readings').getByTestId('pending-reading');
    expect(await unassigned.getByTestId('reading-arrival').textContent()).toContain('ยังไม่ได้เลือกผู้ป่วย');
    expect(await unassigned.getByTestId('reading-confirm').count()).toBe(0);
    await unassigned.getByTestId('reading-assign').click();
    await unassigned.getByTestId('move-yes').click();
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    await reading.first().waitFor();
    expect(await page.getByTestId('unassigned-readings').count()).toBe(0);
    await reading.getByTestId('reading-confirm').click();
    await page.getByTestId('observation-row').nth(5).waitFor();
    expect(await page.getByTestId('observation-row').count()).toBe(6);
  });

  it('manual entry refuses an impossible value in Thai, then charts a full set with BMI', async () => {
    const form = page.getByTestId('manual-entry');
    await form.locator('input[name=temperature]').fill('98.6');
    await form.locator('input[name=spo2]').fill('104');
    await form.getByTestId('manual-save').click();
    expect(await form.getByTestId('manual-problem-temperature').textContent()).toContain('ฟาเรนไฮต์');
    expect(await form.getByTestId('manual-problem-spo2').textContent()).toContain('30–100');
    await form.locator('input[name=temperature]').fill('37.2');
    await form.locator('input[name=spo2]').fill('95');
    await form.locator('input[name=respiratoryRate]').fill('22');
    await form.locator('input[name=weight]').fill('61.2');
    await form.locator('input[name=height]').fill('165.5');
    expect(await form.getByTestId('manual-bmi').textContent()).toContain('22.3');
    await form.getByTestId('manual-save').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'บันทึกแล้ว 6 รายการ' }).waitFor();
    await page.getByTestId('observation-row').nth(11).waitFor();
  });

  it('NEWS2 is computed from the latest set once the nurse gives consciousness and air/oxygen', async () => {
    const panel = page.getByTestId('news2');
    expect(await panel.getByTestId('news2-total').textContent()).toContain('ยังคำนวณไม่ครบ');
    await panel.getByTestId('news2-acvpu').selectOption('alert');
    await panel.getByTestId('news2-oxygen').selectOption('air');
    // The latest of each within the hour: RR 22 → 2, SpO2 95 → 1, SYS 124 → 0, pulse 66 → 0, T 37.2 → 0,
    // alert, air: total 3, low. (The assigned 118/76 was measured earlier, so it is not the latest.)
    expect(await panel.getByTestId('news2-total').textContent()).toBe('3ความเสี่ยงต่ำ');
    await panel.getByTestId('news2-acvpu').selectOption('new_confusion');
    expect(await panel.getByTestId('news2-total').textContent()).toBe('6ความเสี่ยงปานกลาง');
    await panel.getByTestId('news2-save').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'บันทึกแล้ว 2 รายการ' }).waitFor();
    await page.getByTestId('assessment').nth(1).waitFor();
    await page.screenshot({ path: join(outputDir(), 'vitals-charted-th.png'), fullPage: true });
  });

  it('NEWS2 reads consciousness and air/oxygen back from the record after a reload', async () => {
    await page.reload();
    await page.getByTestId('header-hcode').waitFor();
    await openVitals();
    const panel = page.getByTestId('news2');
    await panel.getByTestId('news2-stored').waitFor();
    expect(await panel.getByTestId('news2-acvpu').inputValue()).toBe('new_confusion');
    expect(await panel.getByTestId('news2-oxygen').inputValue()).toBe('air');
    expect(await panel.getByTestId('news2-total').textContent()).toBe('6ความเสี่ยงปานกลาง');
    const docs = await readObservationsFromIndexedDb(page, 'clinic_10953');
    const codes = docs.filter((doc) => doc.subject === `Patient/${PATIENT}`).map((doc) => doc.code);
    // SNOMED CT findings: acute confusion, breathing room air.
    expect(codes).toEqual(expect.arrayContaining(['130987000', '722742002']));
  });

  it('a correction writes a new observation and marks the old one entered-in-error; everything survives a reload', async () => {
    const row = page.getByTestId('observation-row').filter({ has: page.getByTestId('vital-8310-5') });
    await row.getByTestId('observation-correct').click();
    await row.locator('input[name=correct-temperature]').fill('37.6');
    await row.getByTestId('correction-save').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'แก้ไขแล้ว' }).waitFor();
    await page.reload();
    await page.getByTestId('header-hcode').waitFor();
    await openVitals();
    await page.getByTestId('observation-row').nth(14).waitFor();
    const temperatures = page.getByTestId('observation-row').filter({ has: page.getByTestId('vital-8310-5') });
    expect(await temperatures.count()).toBe(2);
    expect(await temperatures.filter({ hasText: 'บันทึกผิด' }).getByTestId('vital-8310-5').textContent()).toContain(
      '37.2',
    );
    expect(await page.getByTestId('pending-readings').getByTestId('pending-reading').count()).toBe(0);
    await page.click('[data-testid=language-toggle]');
    await page.getByRole('heading', { name: 'Vital signs' }).waitFor();
    await page.screenshot({ path: join(outputDir(), 'vitals-en.png'), fullPage: true });
  });

  it('a manual set with consciousness and air/oxygen chosen beside it is one save, and NEWS2 is complete after it', async () => {
    // Back to Thai after the English screenshot above.
    await page.click('[data-testid=language-toggle]');
    await page.locator('[data-testid=workspace-vitals] h2', { hasText: 'สัญญาณชีพ' }).waitFor();
    const panel = page.getByTestId('news2');
    const form = page.getByTestId('manual-entry');
    // The nurse assesses the patient as alert (room air is still recorded) and types the full set.
    await panel.getByTestId('news2-acvpu').selectOption('alert');
    for (const [field, value] of [
      ['systolic', '124'],
      ['diastolic', '80'],
      ['pulse', '70'],
      ['spo2', '97'],
      ['temperature', '36.8'],
      ['respiratoryRate', '16'],
    ] as const) {
      await form.locator(`input[name=${field}]`).fill(value);
    }
    // The form says the assessment goes with this save.
    await form.getByTestId('manual-with-assessment').waitFor();
    const before = (await readObservationsFromIndexedDb(page, 'clinic_10953')).length;
    await form.getByTestId('manual-save').click();
    await page
      .getByTestId('vitals-notice')
      .filter({ hasText: /บันทึกแล้ว \d+ รายการ/ })
      .waitFor();
    await panel.getByTestId('news2-stored').waitFor();
    // The panel reads the record back (the new set and the new assessment arrive through the store's feed).
    await expect.poll(() => panel.getByTestId('news2-acvpu').inputValue()).toBe('alert');
    // Every NEWS2 parameter from that one save: a total, no "not fully calculated".
    await expect.poll(async () => panel.getByTestId('news2-total').textContent()).toMatch(/^0ความเสี่ยง/);
    const docs = await readObservationsFromIndexedDb(page, 'clinic_10953');
    const added = docs.length - before;
    // Blood pressure, pulse, SpO2, temperature, respiratory rate, and alert + room air: one write of 7.
    expect(added).toBe(7);
    expect(docs.filter((doc) => doc.code === '248234008').length).toBeGreaterThan(0);
    await page.screenshot({ path: join(outputDir(), 'vitals-one-save-news2-th.png'), fullPage: true });
  });

  describe('whose reading it is (issue 10 §3)', () => {
    const people = {
      a: { cid: syntheticCid(8101), first: 'ทดสอบหนึ่ง', last: 'ใจดี' },
      b: { cid: syntheticCid(8102), first: 'ทดสอบสอง', last: 'มีสุข' },
    };
    const ids = { a: '', b: '' };
    let monitor: Hl7MonitorSimulator;

    async function register(person: TypedPerson): Promise<string> {
      await registerByHand(page, person);
      return (await bridge.call<{ patientId: string }>('identity.patientId', { cid: person.cid })).patientId;
    }

    async function waitInbox(when: (items: InboxItem[]) => boolean): Promise<InboxItem[]> {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const items = await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true });
        if (when(items)) return items;
        if (Date.now() > deadline) throw new Error('the inbox never got there');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    async function clearPending(): Promise<void> {
      for (const item of await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true }))
        await bridge.call('devices.discard', { id: item.id, reason: 'device_test' });
    }

    afterAll(async () => {
      await monitor?.close();
    });

    it('a reading shows who the station had selected when it arrived and when; one that arrived unbound stays unassigned', async () => {
      await clearPending();
      // The test before switched to English: the nurse reads Thai first.
      await openVitals();
      if ((await page.locator('[data-testid=workspace-vitals] h2').textContent()) !== 'สัญญาณชีพ')
        await page.click('[data-testid=language-toggle]');
      await page.locator('[data-testid=workspace-vitals] h2', { hasText: 'สัญญาณชีพ' }).waitFor();
      ids.a = await register(people.a);
      ids.b = await register(people.b);
      await bridge.call('devices.bind', { patientRef: null });
      await sim.send(omronHbp9030Frame({ sys: 101, dia: 61, pulse: 62 }));
      await waitInbox((items) => items.length === 1);
      await bridge.call('devices.bind', { patientRef: ids.a });
      await sim.send(omronHbp9030Frame({ sys: 131, dia: 71, pulse: 72 }));
      await waitInbox((items) => items.length === 2);
      await openVitals();
      const mine = page.getByTestId('pending-readings').getByTestId('pending-reading').filter({ hasText: '131/71' });
      await mine.waitFor();
      await mine.getByTestId('reading-arrival').filter({ hasText: people.a.first }).waitFor();
      expect(await mine.getByTestId('reading-arrival').textContent()).toMatch(
        /^มาถึง .*\d{2}:\d{2}.* ขณะสถานีเลือก .*ทดสอบหนึ่ง ใจดี/,
      );
      const unbound = page
        .getByTestId('unassigned-readings')
        .getByTestId('pending-reading')
        .filter({ hasText: '101/61' });
      expect(await unbound.getByTestId('reading-arrival').textContent()).toContain('ขณะยังไม่ได้เลือกผู้ป่วย');
      expect(await unbound.getByTestId('reading-confirm').count()).toBe(0);
      await screenshot(page, 'reading-bound-and-unassigned-th.png');
      await unbound.screenshot({ path: join(outputDir(), 'reading-unassigned-th.png') });
      if (process.env['SCREENS_DIR'])
        await unbound.screenshot({ path: join(process.env['SCREENS_DIR'], 'reading-unassigned-th.png') });
      if (process.env['SCREENS_DIR'])
        await mine.screenshot({ path: join(process.env['SCREENS_DIR'], 'reading-bound-patient-th.png') });
      // Confirm refused by main for the unbound one, whoever is bound now.
      const id = (await unbound.getAttribute('data-id')) ?? '';
      await expect(bridge.call('devices.confirm', { id, patientRef: ids.a, chartedIds: ['obs-x'] })).rejects.toThrow(
        'device_reading_unassigned',
      );
    });

    it('moving a reading to another patient needs a confirmation that names both', async () => {
      await bridge.call('devices.bind', { patientRef: ids.b });
      await openVitals();
      const theirs = page
        .getByTestId('unassigned-readings')
        .getByTestId('pending-reading')
        .filter({ hasText: '131/71' });
      await theirs.waitFor();
      await theirs.getByTestId('reading-assign').click();
      const ask = theirs.getByTestId('move-confirm');
      await ask.waitFor();
      const text = (await ask.textContent()) ?? '';
      expect(text).toContain('ทดสอบหนึ่ง ใจดี');
      expect(text).toContain('ทดสอบสอง มีสุข');
      await screenshot(page, 'reading-move-confirm-th.png');
      if (process.env['SCREENS_DIR'])
        await theirs.screenshot({ path: join(process.env['SCREENS_DIR'], 'reading-move-confirm-card-th.png') });
      await ask.getByTestId('move-yes').click();
      const moved = page.getByTestId('pending-readings').getByTestId('pending-reading').filter({ hasText: '131/71' });
      await moved.getByTestId('reading-now-for').waitFor();
      expect(await moved.getByTestId('reading-now-for').textContent()).toContain('ทดสอบสอง มีสุข');
      expect(await moved.getByTestId('reading-arrival').textContent()).toContain('ทดสอบหนึ่ง ใจดี');
      await clearPending();
    });

    it('an HL7 ORU whose PID names another patient is shown as a mismatch and never charted silently', async () => {
      const port = await freePort();
      await bridge.call('devices.listener', { port: `tcp:${String(port)}`, allow: ['127.0.0.1'] });
      await bridge.call('devices.configure', { port: `tcp:${String(port)}`, profile: 'hl7-mllp' });
      await waitForStatus(`tcp:${String(port)}`, 'listening');
      monitor = await Hl7MonitorSimulator.connect(port, '127.0.0.1', true);
      // Station bound to B; the monitor still has A entered (CID in PID-2, HN-less).
      const ack = await monitor.send(
        mllpWrap(
          oruMessage(
            { sys: 150, dia: 95, pulse: 88, spo2: 96, tempC: 37.4, resp: 18, controlId: 'E2E-PID-1' },
            '20240105102000',
            `PID||${people.a.cid}|||TEST^PATIENT`,
          ),
        ),
      );
      expect(ackCode(ack).code).toBe('AA');
      await openVitals();
      const flagged = page
        .getByTestId('unassigned-readings')
        .getByTestId('pending-reading')
        .filter({ hasText: '150/95' });
      await flagged.getByTestId('reading-mismatch').filter({ hasText: 'ทดสอบหนึ่ง' }).waitFor();
      const warning = (await flagged.getByTestId('reading-mismatch').textContent()) ?? '';
      expect(warning).toContain('ทดสอบหนึ่ง ใจดี');
      expect(warning).toContain('ทดสอบสอง มีสุข');
      expect(await page.getByTestId('pending-readings').getByTestId('pending-reading').count()).toBe(0);
      expect(await flagged.getByTestId('reading-confirm').count()).toBe(0);
      await screenshot(page, 'reading-pid-mismatch-th.png');
      if (process.env['SCREENS_DIR'])
        await flagged.screenshot({ path: join(process.env['SCREENS_DIR'], 'reading-pid-mismatch-card-th.png') });
      // Keeping it with B against the monitor's word asks and names who the monitor named.
      await flagged.getByTestId('reading-assign').click();
      const keep = (await flagged.getByTestId('move-confirm').textContent()) ?? '';
      expect(keep).toContain('ให้ค่านี้เป็นของ ทดสอบสอง มีสุข ใช่หรือไม่?');
      expect(keep).toContain('เครื่องวัดระบุว่าเป็นของ ทดสอบหนึ่ง ใจดี');
      if (process.env['SCREENS_DIR'])
        await flagged.screenshot({ path: join(process.env['SCREENS_DIR'], 'reading-pid-keep-confirm-th.png') });
      await flagged.getByTestId('move-cancel').click();
      await clearPending();
    });

    it("two sources for one vital are side by side; confirm all waits for the nurse's choice, then charts one value per vital", async () => {
      await monitor.send(
        mllpWrap(
          oruMessage(
            { sys: 142, dia: 91, pulse: 84, spo2: 97, tempC: 36.9, resp: 16, controlId: 'E2E-TWO-1' },
            '20240105102000',
            `PID||${people.b.cid}`,
          ),
        ),
      );
      await sim.send(omronHbp9030Frame({ sys: 128, dia: 82, pulse: 79 }));
      const items = await waitInbox((all) => all.length === 2);
      await openVitals();
      const group = page.getByTestId('same-vital-group');
      await group.waitFor();
      expect(await group.getByTestId('same-vital-source').count()).toBe(2);
      await page.getByTestId('confirm-all-waiting').waitFor();
      await page.getByTestId('confirm-all').click();
      await page.getByTestId('vitals-notice').filter({ hasText: 'รอเลือกค่าอีก 1 กลุ่ม' }).waitFor();
      expect(await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true })).toHaveLength(2);
      await screenshot(page, 'reading-two-sources-th.png');
      const kiosk = items.find((item) => item.profile === 'omron-hbp9030')?.id ?? '';
      const monitorId = items.find((item) => item.profile === 'hl7-mllp')?.id ?? '';
      const columns = await group.getByTestId('same-vital-source').allTextContents();
      const kioskColumn = columns.findIndex((text) => text.includes('HBP'));
      await group.getByTestId('choice-bp').nth(kioskColumn).check();
      await group
        .getByTestId('choice-8867-4')
        .nth(1 - kioskColumn)
        .check();
      if (process.env['SCREENS_DIR'])
        await group.screenshot({ path: join(process.env['SCREENS_DIR'], 'reading-two-sources-chosen-th.png') });
      await page.getByTestId('confirm-all').click();
      await page
        .getByTestId('vitals-notice')
        .filter({ hasText: 'บันทึกแล้ว 2 รายการ' })
        .waitFor({ timeout: 10_000 })
        .catch(async () => {
          throw new Error(`notice: ${(await page.getByTestId('vitals-notice').textContent()) ?? ''}`);
        });
      await group.waitFor({ state: 'detached' });
      const held = await page.evaluate(readWinningDocs, 'clinic_10953');
      const of = (inbox: string) =>
        held
          .filter((winner) => chartedFrom(inbox).test(winner.id.slice('Observation/'.length)))
          .map((winner) => (winner.doc as unknown as StoredObservation).code.coding[0]?.code ?? '')
          .sort();
      expect(of(kiosk)).toEqual(['85354-9']);
      expect(of(monitorId)).toEqual(['59408-5', '8310-5', '8867-4', '9279-1']);
      expect(await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true })).toEqual([]);
    });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

interface ObservationSummary {
  readonly subject: string;
  readonly code: string;
  readonly value: string | null;
  readonly components: string[];
  readonly device: string | null;
  readonly profile: string | null;
}

type Quantity = { value: number; code?: string };
interface StoredObservation {
  subject: { reference: string };
  code: { coding: { code: string }[] };
  valueQuantity?: Quantity;
  component?: { code: { coding: { code: string }[] }; valueQuantity: Quantity }[];
  device?: { reference: string };
  meta: { profile?: string[] };
}

/** The winning revisions of every Observation in the page's IndexedDB (read without app code), summarised. */
async function readObservationsFromIndexedDb(page: Page, name: string): Promise<ObservationSummary[]> {
  const held = await page.evaluate(readWinningDocs, name);
  return held
    .filter((winner) => winner.id.startsWith('Observation/'))
    .map((winner) => {
      const doc = winner.doc as unknown as StoredObservation;
      return {
        subject: doc.subject.reference,
        code: doc.code.coding[0]?.code ?? '',
        value:
          doc.valueQuantity === undefined ? null : `${String(doc.valueQuantity.value)} ${doc.valueQuantity.code ?? ''}`,
        components: (doc.component ?? []).map(
          (part) =>
            `${part.code.coding[0]?.code ?? ''}=${String(part.valueQuantity.value)} ${part.valueQuantity.code ?? ''}`,
        ),
        device: doc.device?.reference ?? null,
        profile: doc.meta.profile?.[0] ?? null,
      };
    });
}
