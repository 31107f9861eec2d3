// Demo is chosen on purpose and shows everywhere: the try-it path (`dev:browser --demo`, as `npm run demo`)
// preselects a demo station at first-run setup; the header says so on every tab; the clerk inserts and removes
// the made-up card with buttons; a device sends one reading per press and none by itself; every record in the
// page's store and every audit entry is marked demo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DevBrowser } from './harness/devBrowser.js';
import type { BridgeClient } from './harness/bridgeClient.js';
import { screenshot } from './harness/screens.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn, stationAudit } from './harness/staffAccounts.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import { DEMO_TAG } from '../../sync/model/systems.std.js';
import type { InboxItem } from '../../electron/contract/devices.std.js';

let station: StationPage;
let app: DevBrowser;
let page: Page;
let bridge: BridgeClient;
const shot = (name: string): Promise<void> => screenshot(page, name);

beforeAll(async () => {
  station = await openStationPage({ args: ['--demo'], env: { EDGE_DEMO: '' } });
  ({ app, page, bridge } = station);
});

afterAll(async () => {
  await station?.close();
});

describe('a demo station, chosen on purpose', () => {
  it('the try-it path preselects "demo station" at setup, and the header says so on every tab', async () => {
    expect(app.output()).toContain('First-run setup offers a demo station');
    await setUpStation(page, app.url, {
      hcode: '10953',
      name: 'ทดลองใช้',
      expectOffered: 'demo',
      beforeSave: () => shot('setup-demo-offered-th.png'),
    });
    // a demo station lists its training accounts on the sign-in screen
    expect(await page.getByTestId('demo-staff').textContent()).toContain('demo-frontdesk');
    await shot('sign-in-demo-th.png');
    await signIn(page, { code: 'demo-frontdesk', pin: '1111' });
    for (const tab of ['frontdesk', 'vitals', 'it']) {
      await page.click(`[data-testid=tab-${tab}]`);
      expect(await page.getByTestId('demo-badge').textContent()).toBe('สถานีสาธิต · ข้อมูลสมมติ');
    }
    await page.click('[data-testid=tab-frontdesk]');
  });

  it('the clerk inserts a made-up card with a button, saves the visit, and takes the card out', async () => {
    const controls = page.getByTestId('demo-card-controls');
    expect(await controls.getByTestId('demo-card-remove').isDisabled()).toBe(true);
    await shot('front-desk-demo-buttons-th.png');
    await controls.getByTestId('demo-card-identity').selectOption('1');
    await controls.getByTestId('demo-card-insert').click();
    await page.getByTestId('card-thai-name').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('card-thai-name').textContent()).toBe('นางสาว ตัวอย่าง ใจงาม');
    await page.locator('[data-testid=card-photo] img').waitFor();
    await shot('front-desk-demo-card-th.png');
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    await controls.getByTestId('demo-card-remove').click();
    await page.getByTestId('card-waiting').waitFor();
    // The buttons follow the reader's status (card.status), which arrives beside card.removed.
    await expect.poll(() => controls.getByTestId('demo-card-insert').isEnabled()).toBe(true);
  });

  it('a demo device sends one reading per press and none by itself; it is charted as usual', async () => {
    await page.click('[data-testid=tab-vitals]');
    // Nobody is measured until the nurse calls the visit the clerk just made (issue 14 §1).
    await page.getByTestId('vitals-call-next').click();
    await page.getByTestId('vitals-patient-name').waitFor();
    const reading = page.getByTestId('pending-readings').getByTestId('pending-reading');
    expect(await reading.count()).toBe(0);
    await page.getByTestId('demo-device-omron-hbp9030').click();
    await reading.first().waitFor();
    await shot('vitals-demo-device-th.png');
    // Nothing else arrives unasked (the old stream sent every 45 s; a few seconds show no second reading at all).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const pending = await bridge.call<InboxItem[]>('devices.pending', { includeOtherPatients: true });
    expect(pending.map((item) => item.profile)).toEqual(['omron-hbp9030']);
    await reading.first().getByTestId('reading-confirm').click();
    await page.getByTestId('vitals-notice').filter({ hasText: 'บันทึกแล้ว 2 รายการ' }).waitFor();
  });

  it('every record in the page store carries the demo tag, and every audit entry is marked demo', async () => {
    const docs = await page.evaluate(readWinningDocs, 'clinic_10953');
    const types = new Set(docs.filter((doc) => !doc.id.startsWith('_local')).map((doc) => doc.id.split('/')[0]));
    expect([...types].sort()).toEqual(['Device', 'Encounter', 'Media', 'Observation', 'Patient']);
    const untagged = docs.filter((doc) => {
      if (doc.id.startsWith('_local')) return false;
      const tags = (doc.doc['meta'] as { tag?: { system?: string; code?: string }[] } | undefined)?.tag ?? [];
      return !tags.some((tag) => tag.system === DEMO_TAG.system && tag.code === DEMO_TAG.code);
    });
    expect(untagged.map((doc) => doc.id)).toEqual([]);
    const audit = stationAudit(app.dataDir, 50);
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['station.setup', 'card.read']));
    expect(audit.filter((entry) => !entry.demo)).toEqual([]);
  });

  it('shows the badge in English too, and raised no page errors', async () => {
    await page.click('[data-testid=language-toggle]');
    await page.getByTestId('demo-badge').filter({ hasText: 'DEMO station' }).waitFor();
    await shot('header-demo-en.png');
    await page.click('[data-testid=language-toggle]');
    await page.getByTestId('demo-badge').filter({ hasText: 'สถานีสาธิต' }).waitFor();
    expect(station.pageErrors).toEqual([]);
  });
});
