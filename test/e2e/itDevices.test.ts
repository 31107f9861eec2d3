// IT sets up devices from the app (issue 14 §3), for real: `npm run dev:browser` on a real station, Chromium.
// IT signs in, adds an Omron HBP-9030 kiosk on a socat pty and an HL7 listener (allow-list, dialect) through
// the Devices section, sees a kiosk frame arrive in the live view, sees a monitor's message whose codes nobody
// maps reported as "ได้รับข้อความแล้ว 2 ค่าไม่เข้าใจ (รหัส …)" and answered AE, adds both codes to the code map and
// sees the next message charted (AA); then removes the kiosk, and the front desk sees the status read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './harness/chromium.js';
import { screenshot } from './harness/screens.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn } from './harness/staffAccounts.js';
import { freeTcpPort } from '../integration/devices/deviceNode.js';
import { startPtyPair, type PtyPair } from '../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../drivers/devices/simulators/serialSimulator.node.js';
import { omronHbp9030Frame } from '../../drivers/devices/simulators/frames.std.js';
import { Hl7MonitorSimulator, ackCode } from '../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { mllpWrap } from '../../drivers/devices/parsers/hl7.std.js';
import type { DeviceListing } from '../../electron/contract/devices.std.js';

let station: StationPage;
let page: Page;
let pty: PtyPair;
let monitor: Hl7MonitorSimulator | undefined;
let tcpPort = 0;

/** A monitor nobody has mapped: private codes, no units (its maker's manual says mmHg). */
function privateMonitorMessage(controlId: string, sys: number, dia: number): string {
  return (
    [
      `MSH|^~\\&|ZX_VITALS|WARD2|CLINIC_EDGE|HOSP|20261206101500||ORU^R01|${controlId}|P|2.5`,
      'PID|||||^^^^^^U',
      `OBR|1|${controlId}||VITALS|||20261206101500`,
      `OBX|1|NM|9001^ZX_NIBP_S^99ZX||${String(sys)}||||||F`,
      `OBX|2|NM|9002^ZX_NIBP_D^99ZX||${String(dia)}||||||F`,
    ].join('\r') + '\r'
  );
}

/** The whole page, and the Devices section alone at full size (the page is long). */
async function screens(name: string): Promise<void> {
  await screenshot(page, `${name}.png`);
  await page.getByTestId('devices-section').screenshot({ path: join(outputDir(), `${name}-section.png`) });
}

const status = (port: string) => page.locator(`[data-testid=device-status][data-port="${port}"]`);
const liveEntries = () => page.getByTestId('device-live-entry');

async function addDevice(profile: string, where: string, allow?: string): Promise<void> {
  const form = page.getByTestId('device-add');
  await form.locator('select[name=profile]').selectOption(profile);
  await form.locator('input[name=where]').fill(where);
  if (allow !== undefined) await form.locator('textarea[name=allow]').fill(allow);
  await form.getByTestId('device-add-save').click();
}

beforeAll(async () => {
  pty = await startPtyPair();
  // A real station (the default): only the pty's and the test monitor's frames reach the inbox.
  station = await openStationPage({ env: { EDGE_DEMO: '' } });
  page = station.page;
  tcpPort = await freeTcpPort();
});

afterAll(async () => {
  monitor?.close();
  await station?.close();
  await pty?.stop();
});

describe('IT device setup in the app', () => {
  it('IT signs in and sees the Devices section with nothing set up', async () => {
    await setUpStation(page, station.app.url, {
      hcode: '10953',
      name: 'คัดกรอง 1',
      expectOffered: 'real',
      signIn: { as: 'it', dataDir: station.app.dataDir },
    });
    await page.getByTestId('devices-section').waitFor();
    expect(await page.getByTestId('devices-section').textContent()).toContain('ยังไม่ได้ตั้งค่าอุปกรณ์');
    expect(await page.getByTestId('devices-found').textContent()).toContain('พอร์ตอนุกรม');
  });

  it('refuses an HL7 listener with no allowed sources, in words', async () => {
    await addDevice('hl7-mllp', String(tcpPort), '');
    expect(await page.getByTestId('device-add-problem').textContent()).toContain(
      'ระบุเครื่องที่อนุญาตให้ส่งข้อมูลอย่างน้อยหนึ่งรายการ',
    );
    const listing = await station.bridge.call<DeviceListing>('devices.list', {});
    expect(listing.configured).toEqual([]);
  });

  it('adds the serial kiosk, shows its framing, and a frame arrives in the live view', async () => {
    await page.getByTestId('device-add').locator('select[name=profile]').selectOption('omron-hbp9030');
    expect(await page.getByTestId('device-framing').textContent()).toBe('9600 bps, 8 บิต, ไม่มีพาริตี, 1 สต็อปบิต');
    await addDevice('omron-hbp9030', pty.hostPath);
    await status(pty.hostPath).filter({ hasText: 'พร้อมรับค่า' }).waitFor();
    const sim = new SerialSimulator(pty.devicePath);
    try {
      await sim.send(omronHbp9030Frame({ sys: 128, dia: 82, pulse: 74 }), { chunkSize: 7 });
    } finally {
      sim.close();
    }
    const entry = liveEntries().filter({ hasText: 'ความดันตัวบน 128' });
    await entry.waitFor();
    expect(await entry.getAttribute('data-kind')).toBe('read');
    expect(await entry.textContent()).toContain('ความดันตัวล่าง 82 มม.ปรอท');
    await status(pty.hostPath).filter({ hasText: 'ได้รับล่าสุด' }).waitFor();
  });

  it('adds the HL7 listener with its allow-list and dialect; a message with unknown codes is reported as not understood', async () => {
    await page.getByTestId('device-add').locator('select[name=profile]').selectOption('hl7-mllp');
    await page.getByTestId('device-add').locator('select[name=dialect]').selectOption('ihe-pcd');
    await addDevice('hl7-mllp', String(tcpPort), '127.0.0.1, 10.1.20.0/24');
    const port = `tcp:${String(tcpPort)}`;
    await status(port).filter({ hasText: 'รอรับข้อความทางเครือข่าย' }).waitFor();
    expect(await status(port).textContent()).toContain('มาตรฐาน IHE PCD');
    const listeners = await station.bridge.call<{ port: string; allow: string[] }[]>('devices.listeners', {});
    expect(listeners.find((l) => l.port === port)?.allow).toEqual(['127.0.0.1', '10.1.20.0/24']);

    monitor = await Hl7MonitorSimulator.connect(tcpPort, '127.0.0.1', true);
    const ack = await monitor.send(mllpWrap(privateMonitorMessage('ZX-1', 131, 84)));
    expect(ackCode(ack).code).toBe('AE');
    const said = 'ได้รับข้อความแล้ว 2 ค่าไม่เข้าใจ (รหัส 9001^ZX_NIBP_S^99ZX, 9002^ZX_NIBP_D^99ZX)';
    await status(port).getByTestId('device-not-understood').filter({ hasText: said }).waitFor();
    const refused = liveEntries().filter({ hasText: said });
    await refused.waitFor();
    expect(await refused.getAttribute('data-kind')).toBe('refused');
    expect(await refused.textContent()).toContain('ไม่รับ');
    await screens('it-devices-not-understood-th');
  });

  it('IT maps both codes (unit implied) and the next message is charted', async () => {
    const form = page.getByTestId('code-map-form');
    for (const [code, loinc] of [
      ['9001', '8480-6'],
      ['9002', '8462-4'],
    ] as const) {
      await form.locator('input[name=code]').fill(code);
      await form.locator('select[name=loinc]').selectOption(loinc);
      expect(await form.locator('input[name=unit]').inputValue()).toBe('mm[Hg]');
      await form.getByTestId('code-map-add').click();
      await page.locator(`.code-map tr[data-code="${code}"]`).waitFor();
    }
    expect(await station.bridge.call('devices.codeMap', {})).toEqual([
      { code: '9001', loinc: '8480-6', unit: 'mm[Hg]' },
      { code: '9002', loinc: '8462-4', unit: 'mm[Hg]' },
    ]);
    const ack = await monitor?.send(mllpWrap(privateMonitorMessage('ZX-2', 133, 86)));
    expect(ackCode(ack ?? '').code).toBe('AA');
    const charted = liveEntries().filter({ hasText: 'ความดันตัวบน 133' });
    await charted.waitFor();
    expect(await charted.getAttribute('data-kind')).toBe('read');
    expect(await charted.textContent()).toContain('ความดันตัวล่าง 86');
    // The earlier message's note stays, said as history with its time, no longer a warning.
    await status(`tcp:${String(tcpPort)}`)
      .getByTestId('device-not-understood')
      .filter({ hasText: 'ข้อความก่อนหน้า' })
      .waitFor();
    await screens('it-devices-th');
    await page.click('[data-testid=language-toggle]');
    await page.getByText('Vital-sign devices').waitFor();
    expect(await page.getByTestId('device-live').textContent()).toContain('Systolic');
    expect(await page.getByTestId('code-map-note').textContent()).toBe('Code map saved; used from the next message.');
    expect(await page.locator('.code-map tr[data-code="9001"]').textContent()).toContain('mmHg');
    await screens('it-devices-en');
    await page.click('[data-testid=language-toggle]');
    await page.getByText('อุปกรณ์วัดสัญญาณชีพ').waitFor();
  });

  it('removes the kiosk without a restart', async () => {
    await status(pty.hostPath).getByTestId('device-remove').click();
    await status(pty.hostPath).getByTestId('device-remove-yes').click();
    await status(pty.hostPath).waitFor({ state: 'detached' });
    const listing = await station.bridge.call<DeviceListing>('devices.list', {});
    expect(listing.configured.map((s) => s.port)).toEqual([`tcp:${String(tcpPort)}`]);
  });

  it('the front desk sees the status read-only', async () => {
    await signIn(page, 'front_desk');
    await page.click('[data-testid=tab-it]');
    await status(`tcp:${String(tcpPort)}`).waitFor();
    expect(await page.getByTestId('device-add').count()).toBe(0);
    expect(await page.getByTestId('device-code-map').count()).toBe(0);
    expect(await page.getByTestId('device-remove').count()).toBe(0);
    // what the monitor sent is said without its codes: those are for IT, who maps them
    const said = await status(`tcp:${String(tcpPort)}`)
      .getByTestId('device-not-understood')
      .textContent();
    expect(said).toContain('ได้รับข้อความแล้ว 2 ค่าไม่เข้าใจ (ฝ่ายไอทีตั้งผังรหัสได้)');
    expect(said).not.toContain('9001');
    await screens('it-devices-frontdesk-th');
  });

  it('raised no page errors', () => {
    expect(station.pageErrors).toEqual([]);
  });
});
