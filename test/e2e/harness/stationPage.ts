// One station in the browser for a test: `dev:browser` (real services), a bridge client, Chromium in Thai, the
// page's errors collected; and first-run setup through the form.
import type { Browser, Page } from 'playwright-core';
import { startDevBrowser, type DevBrowser } from './devBrowser.js';
import { launchChromium } from './chromium.js';
import { BridgeClient } from './bridgeClient.js';
import { addE2eStaff, signIn } from './staffAccounts.js';
import type { StaffRole } from '../../../sync/model/staff.std.js';

export interface StationPage {
  readonly app: DevBrowser;
  readonly bridge: BridgeClient;
  readonly browser: Browser;
  readonly page: Page;
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export async function openStationPage(options: Parameters<typeof startDevBrowser>[0] = {}): Promise<StationPage> {
  const app = await startDevBrowser(options);
  const bridge = await BridgeClient.connect(app.url);
  const browser = await launchChromium();
  const page = await (await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 900 } })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return {
    app,
    bridge,
    browser,
    page,
    pageErrors,
    async close() {
      bridge.close();
      await browser.close();
      await app.stop();
    },
  };
}

/**
 * Opens the page, checks which station type the setup form preselects, and sets the station up with it; then
 * the sign-in screen shows, and with `signIn` that account signs in (a real station's test accounts are added
 * first when `signIn.dataDir` is given).
 */
export async function setUpStation(
  page: Page,
  url: string,
  station: {
    hcode: string;
    name: string;
    expectOffered: 'real' | 'demo';
    beforeSave?: () => Promise<void>;
    signIn?: { as: StaffRole | { code: string; pin: string }; dataDir?: string };
  },
): Promise<void> {
  await page.goto(url);
  await page.getByTestId('setup-form').waitFor();
  if (!(await page.getByTestId(`setup-mode-${station.expectOffered}`).isChecked()))
    throw new Error(`setup did not preselect a ${station.expectOffered} station`);
  await station.beforeSave?.();
  await page.fill('input[name=hcode]', station.hcode);
  await page.fill('input[name=stationName]', station.name);
  await page.click('[data-testid=setup-save]');
  await page.getByTestId('staff-sign-in').waitFor();
  if (station.signIn === undefined) return;
  if (station.signIn.dataDir !== undefined) await addE2eStaff(station.signIn.dataDir);
  await signIn(page, station.signIn.as);
}
