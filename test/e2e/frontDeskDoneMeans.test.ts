// Issue 13's "Done means" as one run in Chromium on a demo station (virtual card), with our fake NHSO agent and our
// virtual receipt printer: insert the card → its right to care shown → the authen code asked with the mobile
// number → the clinic chosen → saved → the slip printed, its raster saved as a PNG with the Thai drawn by the page →
// the nurse calls the visit and charts vitals, and the visit's stage moves at the front desk too; then the same with
// the agent down: the request waits, and completes by itself when the agent comes back. A screenshot of each step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BridgeClient } from './harness/bridgeClient.js';
import { screenshot } from './harness/screens.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn } from './harness/staffAccounts.js';
import { claimCodesOnEncounters, inkIn, insertDemoCard, removeDemoCard, savePng } from './harness/frontDeskSteps.js';
import { scanLogsForCitizenIds } from './harness/logScan.js';
import { startFakeNhsoAgent, type FakeNhsoAgent } from '../integration/nhso/fakeNhsoAgent.js';
import { startVirtualPrinter, type VirtualPrinter } from '../factories/printer/virtualPrinter.js';

let station: StationPage;
let page: Page;
let bridge: BridgeClient;
let agent: FakeNhsoAgent;
let printer: VirtualPrinter;
const shot = (name: string): Promise<void> => screenshot(page, name);

const insertCard = (identity: string): Promise<void> => insertDemoCard(page, identity);
const removeCard = (): Promise<void> => removeDemoCard(page);
const claimCodes = (): Promise<string[]> => claimCodesOnEncounters(page, '10953');

/** No raw codes, no English and no Gregorian year in a Thai screen's text. */
function readsAsThai(text: string): void {
  expect(text).not.toMatch(/\b(arrived|triaged|in-progress|finished|cancelled|PG\d{7}|UCS|SSS|OFC)\b/);
  expect(text).not.toMatch(/\b20[2-3]\d\b/);
}

beforeAll(async () => {
  agent = await startFakeNhsoAgent();
  station = await openStationPage({ args: ['--demo', '--nhso-agent', agent.url], env: { EDGE_DEMO: '' } });
  ({ page, bridge } = station);
  printer = await startVirtualPrinter(0);
  await setUpStation(page, station.app.url, {
    hcode: '10953',
    name: 'ห้องบัตร 1',
    expectOffered: 'demo',
    signIn: { as: 'front_desk', dataDir: station.app.dataDir },
  });
  await page.getByTestId('workspace-frontdesk').waitFor();
  await bridge.call('printer.configure', { transport: 'tcp', host: printer.host, port: printer.port });
});

afterAll(async () => {
  await printer?.close();
  await station?.close();
  await agent?.close();
});

describe('the front desk does what the card is for (issue 13, done means)', () => {
  let firstQueue = '';

  it('1. insert card: the patient and the right to care are shown in a clerk’s words, dates in พ.ศ.', async () => {
    await insertCard('0');
    await page.getByTestId('card-rights').waitFor({ timeout: 20_000 });
    const right = (await page.getByTestId('card-rights-main').textContent()) ?? '';
    expect(right.trim()).not.toBe('');
    expect(await page.getByTestId('card-birth-date').textContent()).toMatch(/25\d\d/);
    await shot('done-1-card-rights-th.png');
    readsAsThai((await page.getByTestId('card-registration').textContent()) ?? '');
  });

  it('2. the mobile number and claim type for the authen code, and the clinic, are chosen', async () => {
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '081-234-5678');
    await page.selectOption('[data-testid=authen-fields] select[name=claimType]', 'PG0060001');
    await page.selectOption('[data-testid=visit-fields] select[name=servicePoint]', 'ncd');
    await shot('done-2-authen-clinic-th.png');
  });

  it('3. saved: the authen code comes from the NHSO agent, the visit is in today’s queue at its clinic, the slip prints', async () => {
    const before = printer.tickets.length;
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    firstQueue = (await page.getByTestId('saved-queue-number').textContent())?.trim() ?? '';
    await page.locator('[data-testid=saved-authen] [data-kind=got]').waitFor({ timeout: 20_000 });
    const issued = agent.issued().at(-1);
    expect(issued?.claimType).toBe('PG0060001');
    await expect.poll(claimCodes, { timeout: 10_000 }).toEqual([issued?.claimCode]);
    const row = page.getByTestId('queue-row').filter({ hasText: firstQueue });
    expect(await row.getByTestId('queue-clinic').textContent()).toBe('คลินิกโรคเรื้อรัง');
    const ticket = await printer.nextTicket(before);
    await page.locator('[data-testid=visit-saved] [data-testid=slip-status][data-state=printed]').waitFor();
    await shot('done-3-saved-code-slip-th.png');
    savePng(ticket, 'done-4-slip-th.png');
    expect(ticket.raster?.widthBytes).toBe(72);
    expect(inkIn(ticket, 0, 60)).toBeGreaterThan(300);
    expect(inkIn(ticket, 150, 300)).toBeGreaterThan(5_000);
    readsAsThai((await page.getByTestId('workspace-frontdesk').textContent()) ?? '');
    await removeCard();
  });

  it('4. the nurse calls the visit and charts vitals: its stage moves, at the nurse station and at the front desk', async () => {
    await signIn(page, 'nurse');
    await page.click('[data-testid=tab-vitals]');
    await page.getByTestId('workspace-vitals').waitFor();
    await page.getByTestId('vitals-call-next').click();
    const stage = page.getByTestId('vitals-patient').getByTestId('queue-stage');
    await stage.filter({ hasText: 'เรียกคัดกรองแล้ว' }).waitFor();
    expect(await page.getByTestId('vitals-queue-number').textContent()).toContain(firstQueue);
    await shot('done-5-nurse-called-th.png');
    const form = page.getByTestId('manual-entry');
    for (const [field, value] of Object.entries({
      systolic: '128',
      diastolic: '82',
      pulse: '76',
      spo2: '98',
      temperature: '36.7',
      respiratoryRate: '16',
      weight: '61.5',
      height: '158',
    })) {
      await form.locator(`[name=${field}]`).fill(value);
    }
    await page.getByTestId('manual-save').click();
    await stage.filter({ hasText: /^คัดกรองแล้ว/ }).waitFor();
    await shot('done-6-nurse-screened-th.png');
    readsAsThai((await page.getByTestId('vitals-queue-card').textContent()) ?? '');
    await signIn(page, 'front_desk');
    await page.click('[data-testid=tab-frontdesk]');
    const row = page.getByTestId('queue-row').filter({ hasText: firstQueue });
    await row
      .getByTestId('queue-stage')
      .filter({ hasText: /^คัดกรองแล้ว/ })
      .waitFor();
    await shot('done-7-frontdesk-screened-th.png');
  });

  it('5. with the agent down the request waits on the visit and in the queue, and completes when the agent comes back', async () => {
    await agent.setMode('down');
    await insertCard('1');
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '0898765432');
    const before = printer.tickets.length;
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    await page.locator('[data-testid=saved-authen] [data-kind=waiting]').waitFor({ timeout: 20_000 });
    const waitingRow = page.getByTestId('queue-row').filter({ has: page.locator('[data-kind=waiting]') });
    await expect.poll(() => waitingRow.count(), { timeout: 10_000 }).toBe(1);
    const ticket = await printer.nextTicket(before);
    await shot('done-8-agent-down-waiting-th.png');
    savePng(ticket, 'done-9-slip-code-pending-th.png');
    await agent.setMode('normal');
    await page.locator('[data-testid=saved-authen] [data-kind=got]').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await claimCodes()).length, { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid=queue-row] [data-kind=got]').count(), { timeout: 10_000 })
      .toBe(2);
    await shot('done-10-agent-back-code-th.png');
    await page.click('[data-testid=language-toggle]');
    await page.getByText('Authen code issued').first().waitFor();
    await shot('done-11-queue-en.png');
    await page.click('[data-testid=language-toggle]');
  });

  it('left no citizen id in any log and raised no page errors', () => {
    expect(scanLogsForCitizenIds(station.app.dataDir).hits).toEqual([]);
    expect(station.pageErrors).toEqual([]);
  });
});
