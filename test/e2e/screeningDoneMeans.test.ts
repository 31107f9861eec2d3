// Issue 14 "Done means", as one run in Chromium on a real station (`dev:browser`, real services): a returning
// patient's earlier visit is charted on an earlier day (the page's clock moved); IT adds an Omron HBP-9030 kiosk on
// a socat pty and an HL7 listener through the Devices section and sees a test frame of each arrive, then edits the
// listener in place and puts a second monitor on a serial cable (HL7 MLLP over serial, from the form); the front desk registers two patients; the nurse calls next, charts a kiosk reading (its
// Observations under content ids central accepts) and a manual set with ACVPU and air in one save, NEWS2 complete;
// calls the returning patient and sees the trend; the front desk sees the stages change. Every screen is saved in
// Thai and in English (`done-*-th.png`, `done-*-en.png` in test-output/e2e and SCREENS_DIR).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn } from './harness/staffAccounts.js';
import { screenshot } from './harness/screens.js';
import { registerByHand } from './harness/registerByHand.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import { freeTcpPort } from '../integration/devices/deviceNode.js';
import { syntheticCid } from '../factories/fhirFixtures.js';
import { startPtyPair, type PtyPair } from '../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../drivers/devices/simulators/serialSimulator.node.js';
import { omronHbp9030Frame, oruMessage } from '../../drivers/devices/simulators/frames.std.js';
import { Hl7MonitorSimulator, ackCode } from '../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { mllpWrap } from '../../drivers/devices/parsers/hl7.std.js';
import { hasContentId } from '../../sync/model/contentId.std.js';
import type { DeviceListing } from '../../electron/contract/devices.std.js';

const HCODE = '10957';
const DAY = 24 * 60 * 60_000;
const TODAY = new Date();
const EARLIER = new Date(TODAY.getTime() - 35 * DAY);
// Invented people (valid check digits, no one behind them).
const NEW_PATIENT = { cid: syntheticCid(9301), first: 'ทดสอบเสร็จ', last: 'มาครั้งแรก' };
const RETURNING = { cid: syntheticCid(9302), first: 'ทดสอบเสร็จ', last: 'มาตามนัด' };

let station: StationPage;
let page: Page;
let pty: PtyPair;
/** The serial cable of an HL7 monitor (MLLP over serial). */
let monitorPty: PtyPair;
let monitor: Hl7MonitorSimulator | undefined;
let tcpPort = 0;

const status = (port: string) => page.locator(`[data-testid=device-status][data-port="${port}"]`);
const liveEntries = () => page.getByTestId('device-live-entry');

/** The screen in Thai, then in English (waiting for `english` to show), then back to Thai. */
async function bothLanguages(name: string, english: string): Promise<void> {
  await screenshot(page, `done-${name}-th.png`);
  await page.click('[data-testid=language-toggle]');
  await page.locator('html[lang=en]').waitFor({ state: 'attached' });
  await page.getByText(english).first().waitFor();
  await screenshot(page, `done-${name}-en.png`);
  await page.click('[data-testid=language-toggle]');
  await page.locator('html[lang=th]').waitFor({ state: 'attached' });
}

async function openVitals(): Promise<void> {
  await page.click('[data-testid=tab-vitals]');
  await page.getByTestId('workspace-vitals').waitFor();
}

async function chartWithAssessment(values: Readonly<Record<string, string>>): Promise<void> {
  const panel = page.getByTestId('news2');
  await panel.getByTestId('news2-acvpu').selectOption('alert');
  await panel.getByTestId('news2-oxygen').selectOption('air');
  const form = page.getByTestId('manual-entry');
  for (const [field, value] of Object.entries(values)) await form.locator(`[name=${field}]`).fill(value);
  await form.getByTestId('manual-with-assessment').waitFor();
  await page.getByTestId('manual-save').click();
  await page
    .getByTestId('vitals-notice')
    .filter({ hasText: /บันทึกแล้ว \d+ รายการ/ })
    .waitFor();
}

async function addDevice(profile: string, where: string, allow?: string): Promise<void> {
  const form = page.getByTestId('device-add');
  await form.locator('select[name=profile]').selectOption(profile);
  await form.locator('input[name=where]').fill(where);
  if (allow !== undefined) await form.locator('textarea[name=allow]').fill(allow);
  await form.getByTestId('device-add-save').click();
}

async function sendKioskFrame(sys: number, dia: number, pulse: number): Promise<void> {
  const sim = new SerialSimulator(pty.devicePath);
  try {
    await sim.send(omronHbp9030Frame({ sys, dia, pulse }), { chunkSize: 7 });
  } finally {
    sim.close();
  }
}

beforeAll(async () => {
  pty = await startPtyPair();
  monitorPty = await startPtyPair();
  station = await openStationPage({ env: { EDGE_DEMO: '' } });
  page = station.page;
  tcpPort = await freeTcpPort();
  // The page's clock starts on the returning patient's earlier day; main keeps real time.
  await page.clock.install({ time: EARLIER });
  await setUpStation(page, station.app.url, {
    hcode: HCODE,
    name: 'คัดกรอง 3',
    expectOffered: 'real',
    signIn: { as: 'front_desk', dataDir: station.app.dataDir },
  });
});

afterAll(async () => {
  monitor?.close();
  await station?.close();
  await pty?.stop();
  await monitorPty?.stop();
});

describe('issue 14 done means, in one run', () => {
  it('the returning patient has an earlier visit, charted on an earlier day', async () => {
    await registerByHand(page, RETURNING);
    await signIn(page, 'nurse');
    await openVitals();
    await page.getByTestId('vitals-call-next').click();
    await page.getByTestId('vitals-patient-name').filter({ hasText: RETURNING.last }).waitFor();
    await chartWithAssessment({
      systolic: '148',
      diastolic: '94',
      pulse: '88',
      spo2: '96',
      temperature: '37.1',
      respiratoryRate: '20',
      weight: '71.5',
      height: '158',
    });
    await page.getByTestId('visit-sent_on').click();
    await page.getByTestId('vitals-patient').getByText('ยังไม่ได้เลือกผู้ป่วย').waitFor();
    await page.clock.setSystemTime(TODAY);
  });

  it('IT adds a serial kiosk (socat pty) and an HL7 listener through the UI and sees a test frame of each arrive', async () => {
    await signIn(page, 'it');
    await page.click('[data-testid=tab-it]');
    await page.getByTestId('devices-section').waitFor();
    const diagnostics = page.getByTestId('diagnostics');
    await diagnostics.filter({ hasText: 'ยังไม่ได้ตั้งค่าพอร์ตเครื่องวัดสัญญาณชีพ' }).waitFor();
    await addDevice('omron-hbp9030', pty.hostPath);
    await status(pty.hostPath).filter({ hasText: 'พร้อมรับค่า' }).waitFor();
    // The doctor runs again once the port opens: it no longer says no device is set up.
    await expect
      .poll(() => diagnostics.textContent(), { timeout: 10_000 })
      .not.toContain('ยังไม่ได้ตั้งค่าพอร์ตเครื่องวัดสัญญาณชีพ');
    await sendKioskFrame(126, 78, 72);
    await liveEntries().filter({ hasText: 'ความดันตัวบน 126' }).waitFor();

    await page.getByTestId('device-add').locator('select[name=profile]').selectOption('hl7-mllp');
    // HL7 MLLP takes the network or a serial cable: the network first.
    expect(await page.getByTestId('device-add').locator('select[name=transport]').inputValue()).toBe('tcp');
    await addDevice('hl7-mllp', String(tcpPort), '127.0.0.1');
    const port = `tcp:${String(tcpPort)}`;
    await status(port).filter({ hasText: 'รอรับข้อความทางเครือข่าย' }).waitFor();
    // Added: the form starts over (it kept the last kind and allow-list, which read as an add still to do).
    expect(await page.getByTestId('device-add').locator('select[name=profile]').inputValue()).toBe('');
    monitor = await Hl7MonitorSimulator.connect(tcpPort, '127.0.0.1', true);
    const ack = await monitor.send(
      mllpWrap(oruMessage({ sys: 118, dia: 76, pulse: 66, spo2: 98, tempC: 36.6, resp: 14, controlId: 'DONE-TEST-1' })),
    );
    expect(ackCode(ack).code).toBe('AA');
    const read = liveEntries().filter({ hasText: 'ความดันตัวบน 118' });
    await read.waitFor();
    expect(await read.getAttribute('data-kind')).toBe('read');
    await bothLanguages('it-devices', 'Vital-sign devices');
  });

  it('IT edits the HL7 listener in place: another allowed subnet and a dialect, applied without a restart', async () => {
    const port = `tcp:${String(tcpPort)}`;
    await status(port).getByTestId('device-edit').click();
    const form = page.getByTestId('device-edit-form');
    await form.waitFor();
    expect(await form.locator('input[name=where]').inputValue()).toBe(String(tcpPort));
    expect(await form.locator('textarea[name=allow]').inputValue()).toBe('127.0.0.1');
    await form.locator('textarea[name=allow]').fill('127.0.0.1, 10.1.20.0/24');
    await form.locator('select[name=dialect]').selectOption('mindray-legacy');
    await bothLanguages('it-device-edit', 'Edit the device');
    await form.getByTestId('device-add-save').click();
    await form.waitFor({ state: 'detached' });
    await status(port).filter({ hasText: 'Mindray' }).waitFor();
    const listeners = await station.bridge.call<{ port: string; allow: string[] }[]>('devices.listeners', {});
    expect(listeners.find((listener) => listener.port === port)?.allow).toEqual(['127.0.0.1', '10.1.20.0/24']);
    const listing = await station.bridge.call<DeviceListing>('devices.list', {});
    expect(listing.configured.map((configured) => configured.port).sort()).toEqual([port, pty.hostPath].sort());
    monitor?.close();
    monitor = undefined;
  });

  it('IT puts an HL7 monitor on a serial cable from the form (MLLP over serial) and its message arrives', async () => {
    const form = page.getByTestId('device-add');
    await form.locator('select[name=profile]').selectOption('hl7-mllp');
    await form.locator('select[name=transport]').selectOption('serial');
    // On a serial cable: the framing the monitor must be set to, no allow-list, the dialect still chosen.
    await form.getByTestId('device-framing').waitFor();
    expect(await form.locator('textarea[name=allow]').count()).toBe(0);
    await addDevice('hl7-mllp', monitorPty.hostPath);
    await status(monitorPty.hostPath).filter({ hasText: 'พร้อมรับค่า' }).waitFor();
    const sim = new SerialSimulator(monitorPty.devicePath);
    try {
      await sim.send(
        mllpWrap(
          oruMessage({ sys: 121, dia: 79, pulse: 70, spo2: 99, tempC: 36.7, resp: 15, controlId: 'DONE-SERIAL-1' }),
        ),
        { chunkSize: 16 },
      );
    } finally {
      sim.close();
    }
    const read = liveEntries().filter({ hasText: 'ความดันตัวบน 121' });
    await read.waitFor();
    expect(await read.getAttribute('data-kind')).toBe('read');
    const listing = await station.bridge.call<DeviceListing>('devices.list', {});
    expect(listing.configured.find((configured) => configured.port === monitorPty.hostPath)?.profile).toBe('hl7-mllp');
  });

  it('the front desk registers two patients', async () => {
    await signIn(page, 'front_desk');
    const first = await registerByHand(page, NEW_PATIENT);
    const second = await registerByHand(page, RETURNING);
    expect([first, second].map((number) => number.replace(/^.*-/, ''))).toEqual(['001', '002']);
    const rows = page.getByTestId('today-queue').getByTestId('queue-row');
    await expect.poll(() => rows.count()).toBe(2);
    await bothLanguages('frontdesk-registered', 'Waiting for screening');
  });

  it('the nurse calls next, charts a kiosk reading and a manual set with ACVPU in one save: NEWS2 complete', async () => {
    await signIn(page, 'nurse');
    await openVitals();
    await page.getByTestId('vitals-call-next').click();
    await page.getByTestId('vitals-patient-name').filter({ hasText: NEW_PATIENT.last }).waitFor();
    await sendKioskFrame(132, 84, 78);
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    await reading.first().waitFor();
    const inboxId = (await reading.first().getAttribute('data-id')) ?? '';
    await bothLanguages('vitals-pending', 'Confirm and chart');
    await reading.first().getByTestId('reading-confirm').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'บันทึกแล้ว 2 รายการ' }).waitFor();
    // The kiosk's Observations carry content ids that start with the inbox id: central accepts them.
    const charted = (await page.evaluate(readWinningDocs, `clinic_${HCODE}`)).filter((doc) =>
      doc.id.startsWith(`Observation/${inboxId}-`),
    );
    expect(charted).toHaveLength(2);
    // The adapter's own row key (`_doc_id_rev`) is no part of the record.
    for (const { doc } of charted)
      expect(hasContentId(Object.fromEntries(Object.entries(doc).filter(([key]) => key !== '_doc_id_rev')))).toBe(true);

    await chartWithAssessment({
      spo2: '97',
      temperature: '36.9',
      respiratoryRate: '16',
      weight: '60.5',
      height: '162',
      pain: '1',
      complaint: 'ไอ เจ็บคอ 3 วัน',
    });
    const news2 = page.getByTestId('news2');
    // RR 16, SpO2 97, air, BP 132, pulse 78, alert, 36.9 °C: every parameter scored, total 0.
    await expect.poll(() => news2.getByTestId('news2-total').textContent()).toMatch(/^0ความเสี่ยงต่ำ/);
    expect(await news2.textContent()).not.toContain('คำนวณไม่ครบ');
    await page.getByTestId('vitals-patient').getByTestId('queue-stage').filter({ hasText: 'คัดกรองแล้ว' }).waitFor();
    await bothLanguages('vitals-charted', 'Call next');
  });

  it('sent on; the returning patient is called and the trend of earlier visits shows', async () => {
    await page.getByTestId('visit-sent_on').click();
    await page.getByTestId('vitals-patient').getByText('ยังไม่ได้เลือกผู้ป่วย').waitFor();
    await page.getByTestId('vitals-call-next').click();
    await page.getByTestId('vitals-patient-name').filter({ hasText: RETURNING.last }).waitFor();
    const history = page.getByTestId('visit-history');
    const rows = history.getByTestId('visit-history-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.nth(0).textContent()).toContain(String(EARLIER.getFullYear() + 543));
    expect(await rows.nth(0).textContent()).toContain('148/94');
    await history.locator('canvas').first().waitFor();
    expect(await page.getByTestId('previous-8480-6').textContent()).toContain('148');
    await bothLanguages('vitals-returning', 'Earlier visits');
  });

  it('the front desk sees the stages change', async () => {
    await signIn(page, 'front_desk');
    await page.click('[data-testid=tab-frontdesk]');
    const rows = page.getByTestId('today-queue').getByTestId('queue-row');
    await rows
      .filter({ hasText: NEW_PATIENT.last })
      .getByTestId('queue-stage')
      .filter({ hasText: 'ส่งพบแพทย์แล้ว' })
      .waitFor();
    await rows
      .filter({ hasText: RETURNING.last })
      .getByTestId('queue-stage')
      .filter({ hasText: 'เรียกคัดกรองแล้ว' })
      .waitFor();
    await bothLanguages('frontdesk-stages', 'Sent to the doctor');
  });

  it('raised no page errors', () => {
    expect(station.pageErrors).toEqual([]);
  });
});
