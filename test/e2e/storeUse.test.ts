// Issue 15: the station's records card in the IT workspace, in Thai: days of visits kept (IT changes it,
// a wrong number refused in words), storage used, the last clean-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './harness/chromium.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';

let station: StationPage;
let page: Page;

beforeAll(async () => {
  station = await openStationPage({ env: { EDGE_DEMO: '' } });
  page = station.page;
});
afterAll(async () => {
  await station?.close();
});

describe('records kept on the station (IT)', () => {
  it('shows 30 days by default, refuses a wrong number in words, saves another and says so', async () => {
    await setUpStation(page, station.app.url, {
      hcode: '10953',
      name: 'คัดกรอง 1',
      expectOffered: 'real',
      signIn: { as: 'it', dataDir: station.app.dataDir },
    });
    const card = page.getByTestId('store-use');
    await card.waitFor();
    await page.getByTestId('store-days').filter({ hasText: '30 วัน' }).waitFor();
    expect(await page.getByTestId('store-last-purge').textContent()).toBe('ยังไม่เคย');
    expect(await page.getByTestId('store-usage').textContent()).toBe('ยังไม่ทราบ');

    await page.getByTestId('store-days-input').fill('สามสิบ');
    await page.getByTestId('store-days-save').click();
    expect(await page.getByTestId('store-days-message').textContent()).toBe('ใส่จำนวนวันเป็นตัวเลข 1 ถึง 3650');

    await page.getByTestId('store-days-input').fill('60');
    await page.getByTestId('store-days-save').click();
    await page.getByTestId('store-days').filter({ hasText: '60 วัน' }).waitFor();
    expect(await page.getByTestId('store-days-message').textContent()).toContain('บันทึกแล้ว');
    expect(await station.bridge.call('sync.workingSet', {})).toEqual({ days: 60 });
    await card.screenshot({ path: join(outputDir(), 'it-store-use-th.png') });
    expect(station.pageErrors).toEqual([]);
  });
});
