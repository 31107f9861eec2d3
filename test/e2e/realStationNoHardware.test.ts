// A real station (the default: EDGE_DEMO unset) with no card reader and no device port says what is missing
// in a clerk's and a nurse's words, offers no demo buttons, and no reading ever appears. The smart-card client
// is pointed at a socket where no pcscd listens, so the test holds whatever pcscd other suites run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BridgeClient } from './harness/bridgeClient.js';
import { screenshot } from './harness/screens.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import type { InboxItem } from '../../electron/contract/devices.std.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

let station: StationPage;
let page: Page;
let bridge: BridgeClient;
const shot = (name: string): Promise<void> => screenshot(page, name);

async function refusal(name: string, input: unknown): Promise<string> {
  return bridge.call(name, input).then(
    () => 'ok',
    (error: unknown) => errorMessage(error),
  );
}

beforeAll(async () => {
  const noPcscd = join(mkdtempSync(join(tmpdir(), 'edge-no-pcscd-')), 'pcscd.comm');
  station = await openStationPage({ env: { EDGE_DEMO: '', PCSCLITE_CSOCK_NAME: noPcscd } });
  ({ page, bridge } = station);
});

afterAll(async () => {
  await station?.close();
});

describe('a real station with no hardware', () => {
  it('setup offers a real station by default', async () => {
    await setUpStation(page, station.app.url, {
      hcode: '10953',
      name: 'ห้องบัตร 1',
      expectOffered: 'real',
      signIn: { as: 'front_desk', dataDir: station.app.dataDir },
    });
    expect(await page.getByTestId('demo-badge').count()).toBe(0);
  });

  it('the front desk says there is no card reader, with no demo card buttons', async () => {
    const missing = page.getByTestId('missing-hardware');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('ไม่พบเครื่องอ่านบัตร');
    expect(await page.getByTestId('demo-card-controls').count()).toBe(0);
    expect(await page.getByTestId('manual-open').isVisible()).toBe(true);
    await shot('front-desk-real-no-reader-th.png');
    expect(await refusal('card.demoInsert', { identity: 0 })).toContain('card_demo_only');
  });

  it('Vitals says no measuring device is connected, and no reading ever appears', async () => {
    await page.click('[data-testid=tab-vitals]');
    const missing = page.getByTestId('missing-hardware');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('ยังไม่ได้ต่อเครื่องวัด');
    expect(await page.getByTestId('demo-device-controls').count()).toBe(0);
    await shot('vitals-real-no-device-th.png');
    expect(await refusal('devices.simulate', {})).toContain('device_demo_only');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true })).toEqual([]);
    expect(await page.getByTestId('pending-reading').count()).toBe(0);
    await page.click('[data-testid=language-toggle]');
    await page.getByTestId('missing-hardware').filter({ hasText: 'No measuring device connected' }).waitFor();
    expect(station.pageErrors).toEqual([]);
  });
});
