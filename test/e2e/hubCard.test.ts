// Issue 15 §1: the hospital hub card in the IT workspace, in Thai: no hub at first, a wrong address refused in
// words, a hub refused while the station has no link to central (main logs in to the hub with that link's user).
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

describe('the hospital hub card (IT)', () => {
  it('says there is none, refuses a wrong address and a hub before the link to central, in Thai', async () => {
    await setUpStation(page, station.app.url, {
      hcode: '10953',
      name: 'คัดกรอง 1',
      expectOffered: 'real',
      signIn: { as: 'it', dataDir: station.app.dataDir },
    });
    const card = page.getByTestId('hub-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('ไม่ได้ตั้ง (ซิงก์กับเซิร์ฟเวอร์กลางเท่านั้น)');

    await page.getByTestId('hub-url-input').fill('ฮับ');
    await page.getByTestId('hub-save').click();
    expect(await page.getByTestId('hub-message').textContent()).toBe(
      'ที่อยู่ไม่ถูกต้อง ตัวอย่าง https://hub.hospital.local:6984',
    );

    await page.getByTestId('hub-url-input').fill('https://hub.hospital.local:6984');
    await page.getByTestId('hub-save').click();
    await page.getByTestId('hub-message').filter({ hasNotText: 'ที่อยู่ไม่ถูกต้อง' }).waitFor();
    const refused = (await page.getByTestId('hub-message').textContent()) ?? '';
    expect(refused).toMatch(/[\u0E00-\u0E7F]/);
    expect(refused).not.toContain('sync_');
    expect(await station.bridge.call('sync.hub', {})).toEqual({ hubUrl: null });
    await card.screenshot({ path: join(outputDir(), 'it-hub-card-th.png') });
    expect(station.pageErrors).toEqual([]);
  });
});
