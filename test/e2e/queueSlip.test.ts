// The queue slip end to end (issue 13 §6): a front desk in Chromium saves a visit, the slip drawn in the page
// (Sarabun, Thai shaped by Chromium) reaches our virtual receipt printer as ESC/POS over TCP, whose raster is
// saved as a PNG beside the screenshots; a printer that is off says why and loses nothing; reprint from the queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DevBrowser } from './harness/devBrowser.js';
import type { BridgeClient } from './harness/bridgeClient.js';
import { screenshot } from './harness/screens.js';
import { outputDir } from './harness/chromium.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn, stationAudit } from './harness/staffAccounts.js';
import { startFakeNhsoAgent, type FakeNhsoAgent } from '../integration/nhso/fakeNhsoAgent.js';
import {
  startVirtualPrinter,
  unusedPort,
  type Ticket,
  type VirtualPrinter,
} from '../factories/printer/virtualPrinter.js';
import { inkIn, savePng } from './harness/frontDeskSteps.js';

let station: StationPage;
let app: DevBrowser;
let page: Page;
let bridge: BridgeClient;
let printer: VirtualPrinter;
let agent: FakeNhsoAgent;
const shot = (name: string): Promise<void> => screenshot(page, name);

/** Inserts a made-up card and saves its visit (asking the NHSO for the authen code when a mobile is given). */
async function registerDemoCard(identity: string, mobile?: string): Promise<string> {
  const controls = page.getByTestId('demo-card-controls');
  await controls.getByTestId('demo-card-identity').selectOption(identity);
  await controls.getByTestId('demo-card-insert').click();
  await page.getByTestId('card-thai-name').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=card-photo] img').waitFor();
  if (mobile !== undefined) await page.fill('[data-testid=authen-fields] input[name=mobile]', mobile);
  await page.click('[data-testid=save-visit]');
  await page.getByTestId('saved-queue-number').waitFor();
  const queueNumber = (await page.getByTestId('saved-queue-number').textContent())?.trim() ?? '';
  await controls.getByTestId('demo-card-remove').click();
  await page.getByTestId('card-waiting').waitFor();
  return queueNumber;
}

beforeAll(async () => {
  agent = await startFakeNhsoAgent();
  station = await openStationPage({ args: ['--demo', '--nhso-agent', agent.url], env: { EDGE_DEMO: '' } });
  ({ app, page, bridge } = station);
  // A free port by default; VIRTUAL_PRINTER_PORT=9100 runs it where a network receipt printer listens.
  printer = await startVirtualPrinter(Number(process.env['VIRTUAL_PRINTER_PORT'] ?? 0));
  await setUpStation(page, app.url, {
    hcode: '10953',
    name: 'ห้องบัตร 1',
    expectOffered: 'demo',
    signIn: { as: 'front_desk', dataDir: app.dataDir },
  });
  await page.getByTestId('workspace-frontdesk').waitFor();
});

afterAll(async () => {
  await printer?.close();
  await station?.close();
  await agent?.close();
});

describe('queue slip on an 80 mm receipt printer', () => {
  let first: Ticket;
  let firstQueue = '';

  it('IT sets the station printer in the IT workspace', async () => {
    await signIn(page, 'it');
    const card = page.getByTestId('printer-settings');
    await card.waitFor();
    await card.locator('select[name=transport]').selectOption('tcp');
    await card.locator('input[name=host]').fill(printer.host);
    await card.locator('input[name=port]').fill(String(printer.port));
    await card.getByTestId('printer-save').click();
    expect(await card.getByTestId('printer-note').textContent()).toBe('บันทึกการตั้งค่าเครื่องพิมพ์แล้ว');
    await card.screenshot({ path: join(outputDir(), 'printer-settings-th.png') });
    expect(await bridge.call('printer.settings', {})).toEqual({
      transport: 'tcp',
      host: '127.0.0.1',
      port: printer.port,
    });
    await signIn(page, 'front_desk');
    await page.getByTestId('workspace-frontdesk').waitFor();
  });

  it('the front desk saves a visit with the authen code asked (fake NHSO agent) and the slip prints', async () => {
    const before = printer.tickets.length;
    firstQueue = await registerDemoCard('1', '081-234-5678');
    first = await printer.nextTicket(before);
    await page.getByTestId('today-queue').getByTestId('queue-row').first().waitFor();
    await page.locator('[data-testid=visit-saved] [data-testid=slip-status][data-state=printed]').waitFor();
    await shot('queue-slip-printed-th.png');
    savePng(first, 'queue-slip-th.png');
    expect(first.commands[0]).toEqual({ kind: 'init' });
    expect(first.cut).toBe(true);
    expect(first.raster?.widthBytes).toBe(72);
    // hospital line, the large queue number, and the lines below it all carry ink
    expect(first.raster?.height ?? 0).toBeGreaterThan(400);
    expect(inkIn(first, 0, 60)).toBeGreaterThan(300);
    expect(inkIn(first, 150, 300)).toBeGreaterThan(5_000);
    expect(inkIn(first, (first.raster?.height ?? 0) - 200, first.raster?.height ?? 0)).toBeGreaterThan(1_000);
    expect(firstQueue).toMatch(/^[A-Z0-9]+-\d{3}$/);
    // The slip's Thai is Sarabun's, not the system's Thai font: the same text measures differently in each.
    const widths = await page.evaluate(() => {
      const context = document.createElement('canvas').getContext('2d');
      if (context === null) return null;
      const width = (font: string): number => {
        context.font = font;
        return context.measureText('รหัสยืนยันเข้ารับบริการ').width;
      };
      return {
        sarabun: width('400 26px Sarabun, sans-serif'),
        system: width('400 26px sans-serif'),
        bogus: width('400 26px NoSuchFont, sans-serif'),
      };
    });
    expect(widths?.bogus).toBe(widths?.system);
    expect(widths?.sarabun).not.toBe(widths?.system);
  });

  it('a printer that is off: the visit is saved, the clerk reads why in Thai, and reprints from the queue', async () => {
    await bridge.call('printer.configure', { transport: 'tcp', host: '127.0.0.1', port: await unusedPort() });
    const before = printer.tickets.length;
    const queue = await registerDemoCard('2');
    const problem = page.locator('[data-testid=visit-saved] [data-testid=slip-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('ติดต่อเครื่องพิมพ์บัตรคิวไม่ได้');
    expect(await problem.textContent()).toContain('การลงทะเบียนบันทึกไว้แล้ว');
    const row = page.getByTestId('queue-row').filter({ hasText: queue });
    await row.waitFor();
    await shot('queue-slip-printer-off-th.png');
    expect(printer.tickets.length).toBe(before);

    await bridge.call('printer.configure', { transport: 'tcp', host: printer.host, port: printer.port });
    await row.getByTestId('slip-print').click();
    const reprinted = await printer.nextTicket(before);
    await row.locator('[data-testid=slip-status][data-state=printed]').waitFor();
    savePng(reprinted, 'queue-slip-reprint-th.png');
    expect(reprinted.raster?.height ?? 0).toBeGreaterThan(400);
  });

  it('reprint of the first visit from today’s queue is the same slip (the code was on it already), audited as a reprint', async () => {
    await page.locator('[data-testid=queue-row] [data-kind=got]').first().waitFor({ timeout: 20_000 });
    const before = printer.tickets.length;
    const row = page.getByTestId('queue-row').filter({ hasText: firstQueue });
    await row.getByTestId('slip-print').click();
    const again = await printer.nextTicket(before);
    expect(Buffer.from(again.raster?.data ?? []).equals(Buffer.from(first.raster?.data ?? []))).toBe(true);
    // main audits once the printer has every byte, which can be just after the printer saw the connection close
    let actions: string[] = [];
    for (
      const deadline = Date.now() + 5_000;
      Date.now() < deadline;
      await new Promise((resolve) => setTimeout(resolve, 100))
    ) {
      actions = stationAudit(app.dataDir).map((entry) => entry.action);
      if (actions.filter((action) => action === 'printer.reprint').length >= 2) break;
    }
    expect(actions.filter((action) => action === 'printer.reprint').length).toBeGreaterThanOrEqual(2);
    expect(actions).toContain('printer.slip');
    expect(station.pageErrors).toEqual([]);
  });
});
