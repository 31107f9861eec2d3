// Issue 15 §1: the IT dashboard's link chart shows both links of a station with a hospital hub, central's and the
// hub's, each with its own line and its summary in words (Thai first, English on the toggle, no raw codes): a
// LAN cut shows as an outage of the hub only.
// Central and hub are pouchdb-servers, the hub provisioned with provision-hub; the station is linked and given
// the hub through main's commands, as IT's forms do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './harness/chromium.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import {
  CENTRAL_ADMIN,
  linkProxy,
  provisionStation,
  startCentral,
  type Central,
  type LinkProxy,
} from '../integration/sync/centralServer.js';
import { startHub, type Hub } from '../integration/sync/hubServer.js';
import { provisionHub } from '../../sync/central/provisionHub.node.js';
import type { StationSettings } from '../../electron/contract/settings.std.js';

const HCODE = '10954';
let station: StationPage;
let page: Page;
let central: Central;
let hub: Hub;
/** The hospital LAN between the station and the hub, cuttable. */
let lan: LinkProxy;

beforeAll(async () => {
  central = await startCentral();
  hub = await startHub(HCODE);
  lan = await linkProxy(hub.port);
  station = await openStationPage({ env: { EDGE_DEMO: '' } });
  page = station.page;
});
afterAll(async () => {
  await station?.close();
  await lan?.close();
  await hub?.stop();
  await central?.stop();
});

async function summaries(): Promise<{ central: string; hub: string }> {
  return {
    central: (await page.getByTestId('link-chart-summary').textContent()) ?? '',
    hub: (await page.getByTestId('link-chart-summary-hub').textContent()) ?? '',
  };
}

describe('the link chart with a hospital hub (IT)', () => {
  it("draws central's and the hub's links with a summary of each, in Thai and in English", async () => {
    await setUpStation(page, station.app.url, {
      hcode: HCODE,
      name: 'คัดกรอง 1',
      expectOffered: 'real',
      signIn: { as: 'it', dataDir: station.app.dataDir },
    });
    const settings = (await station.bridge.call('settings.get', {})) as StationSettings;
    const admin = { url: central.url, adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password };
    const account = await provisionStation({
      ...admin,
      hcode: HCODE,
      station: settings.stationId.slice(`st-${HCODE}-`.length),
    });
    await station.bridge.call('sync.configure', {
      centralUrl: central.url,
      username: account.stationUser,
      password: account.stationPassword,
    });
    await provisionHub({
      ...hub.admin,
      centralUrl: central.url,
      centralAdminUser: CENTRAL_ADMIN.user,
      centralAdminPassword: CENTRAL_ADMIN.password,
      hcode: HCODE,
      hubDatabase: hub.database,
    });
    await station.bridge.call('sync.setHub', { hubUrl: lan.url });

    const chart = page.getByTestId('link-chart');
    await chart.waitFor();
    await expect.poll(() => chart.getAttribute('data-links'), { timeout: 20_000 }).toBe('2');
    await expect
      .poll(async () => (await summaries()).hub, { timeout: 20_000 })
      .toMatch(/^ฮับ — 24 ชั่วโมงล่าสุด: เชื่อมต่อได้ 100% /);
    const thai = await summaries();
    expect(thai.central).toMatch(/^เซิร์ฟเวอร์กลาง — 24 ชั่วโมงล่าสุด: เชื่อมต่อได้ 100% /);
    const card = page.locator('.card', { has: chart });
    expect(await card.locator('h3').textContent()).toBe('สถานะการเชื่อมต่อกับเซิร์ฟเวอร์กลางและฮับ');
    // Both links in the legend, each with its share up and its round trip.
    const legend = (await chart.locator('.u-legend').textContent()) ?? '';
    for (const label of [
      'เซิร์ฟเวอร์กลาง: เชื่อมต่อได้ (%)',
      'เซิร์ฟเวอร์กลาง: เวลาตอบกลับ (มิลลิวินาที)',
      'ฮับ: เชื่อมต่อได้ (%)',
      'ฮับ: เวลาตอบกลับ (มิลลิวินาที)',
    ])
      expect(legend).toContain(label);
    // Drawn: the plot has one path per series (uPlot draws on a canvas; the series are listed in the legend).
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    expect(`${thai.central} ${thai.hub} ${legend}`).not.toMatch(/sync_|undefined|NaN/);

    // The LAN cut for a few probes: an outage of the hub in words, central's line untouched.
    lan.cut();
    await expect
      .poll(async () => (await summaries()).hub, { timeout: 30_000 })
      .toMatch(/ · ขาดการเชื่อมต่อ 1 ครั้ง นานสุด (ไม่ถึง 1|\d+) วินาที$/);
    lan.restore();
    await expect
      .poll(async () => (await summaries()).hub, { timeout: 30_000 })
      .toMatch(
        /^ฮับ — 24 ชั่วโมงล่าสุด: เชื่อมต่อได้ (?!100%)\d+(\.\d)?% .* · ขาดการเชื่อมต่อ 1 ครั้ง นานสุด (ไม่ถึง 1|\d+) วินาที$/,
      );
    expect((await summaries()).central).not.toContain('ขาดการเชื่อมต่อ');
    // The hub card above says the hub is up again (its reason gone), so the chart's card no longer moves.
    await page.locator('[data-testid=hub-card][data-hub=up]').waitFor({ timeout: 30_000 });
    await card.screenshot({ path: join(outputDir(), 'it-link-chart-hub-th.png') });

    await page.click('[data-testid=language-toggle]');
    await expect
      .poll(async () => (await summaries()).hub, { timeout: 5_000 })
      .toMatch(
        /^Hub — Last 24 h: up \d+(\.\d)?% of probes · median round trip .* · outages: 1, longest (under 1|\d+) s$/,
      );
    expect((await summaries()).central).toMatch(/^Central — Last 24 h: up 100% of probes/);
    expect(await card.locator('h3').textContent()).toBe('The links to central and to the hub');
    await card.screenshot({ path: join(outputDir(), 'it-link-chart-hub-en.png') });
    await page.click('[data-testid=language-toggle]');
    // The page's replication over /hub/ while the LAN was cut: main's proxy answers 502, which Chromium logs.
    expect(station.pageErrors.filter((error) => !error.includes('status of 502 (Bad Gateway)'))).toEqual([]);
  });
});
