// The real renderer in real Chromium against the real services over the browser bridge:
// first-run setup, language switch, reload keeps the settings, a screenshot, and no citizen id in any log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDevBrowser, type DevBrowser } from './harness/devBrowser.js';
import { launchChromium, outputDir } from './harness/chromium.js';
import { scanLogsForCitizenIds } from './harness/logScan.js';
import { addE2eStaff, signIn } from './harness/staffAccounts.js';

let app: DevBrowser;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await startDevBrowser();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('first run in the browser', () => {
  it('shows the Thai setup form and refuses a bad hospital code', async () => {
    await page.goto(app.url);
    await page.getByRole('heading', { name: 'ตั้งค่าสถานีครั้งแรก' }).waitFor();
    await page.fill('input[name=hcode]', '123');
    await page.fill('input[name=stationName]', 'จุดคัดกรอง OPD 1');
    await page.click('[data-testid=setup-save]');
    await page.getByTestId('setup-problem').waitFor();
    expect(await page.getByTestId('setup-problem').textContent()).toContain('5 หลัก');
  });

  it('switches the setup form to English and back, keeping what was typed', async () => {
    await page.click('[data-testid=language-toggle]');
    await page.getByRole('heading', { name: 'First-run station setup' }).waitFor();
    expect(await page.inputValue('input[name=stationName]')).toBe('จุดคัดกรอง OPD 1');
    expect(await page.getByTestId('setup-mode').textContent()).toMatch(/Real station/i);
    // The hospital-code problem shown before the switch is in English now too.
    expect(await page.getByTestId('setup-problem').textContent()).toMatch(/5 digits/);
    await page.screenshot({ path: join(outputDir(), 'first-run-setup-en.png'), fullPage: true });
    await page.click('[data-testid=language-toggle]');
    await page.getByRole('heading', { name: 'ตั้งค่าสถานีครั้งแรก' }).waitFor();
    expect(await page.inputValue('input[name=stationName]')).toBe('จุดคัดกรอง OPD 1');
  });

  it('completes setup and shows the station in the header', async () => {
    await page.fill('input[name=hcode]', '10953');
    await page.click('[data-testid=setup-save]');
    await page.getByTestId('header-hcode').waitFor();
    expect(await page.getByTestId('header-hcode').textContent()).toBe('10953');
    expect(await page.getByTestId('header-station').textContent()).toContain('จุดคัดกรอง OPD 1');
    expect(await page.getByTestId('bridge-state').textContent()).toBe('เชื่อมต่อบริการเครื่องแล้ว');
    // nobody is on duty yet: the sign-in screen, and for a station without accounts the way to central
    await page.getByTestId('staff-sign-in').waitFor();
    await page.getByTestId('staff-bootstrap').waitFor();
    await page.screenshot({ path: join(outputDir(), 'first-run-sign-in-th.png'), fullPage: true });
    await addE2eStaff(app.dataDir);
    await signIn(page, 'it');
    expect(await page.getByRole('tab', { name: 'ซิงค์และอุปกรณ์ (ไอที)' }).isVisible()).toBe(true);
    // IT works on the station, not on patients
    expect(await page.getByTestId('tab-frontdesk').isVisible()).toBe(false);
  });

  it('switches to English and keeps settings and language across a reload', async () => {
    await page.click('[data-testid=language-toggle]');
    await page.getByRole('tab', { name: 'Sync & devices (IT)' }).waitFor();
    await page.reload();
    await page.getByTestId('header-hcode').waitFor();
    expect(await page.getByTestId('header-hcode').textContent()).toBe('10953');
    expect(await page.getByRole('tab', { name: 'Sync & devices (IT)' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('shows diagnostics in the IT workspace, and the fonts are bundled', async () => {
    await page.click('[data-testid=tab-it]');
    await page.getByTestId('diagnostics').locator('li').first().waitFor();
    const checks = await page.getByTestId('diagnostics').locator('li').allTextContents();
    expect(checks.some((text) => text.includes('Station database healthy'))).toBe(true);
    // Thai glyphs render with the bundled Sarabun (the CSP would block any network font).
    expect(await page.evaluate(() => document.fonts.check('16px Sarabun', 'ภาษาไทย'))).toBe(true);
    // The audit trail in words, not codes (here in English: the page was switched above).
    const audit = (await page.locator('table.audit').textContent()) ?? '';
    expect(audit).toContain('Set up the station');
    expect(audit).toContain('Signed in at the station');
    expect(audit).not.toMatch(/station\.setup|staff\.signIn|card\.read/);
    await page.screenshot({ path: join(outputDir(), 'first-run-it.png'), fullPage: true });
    await page.getByTestId('staff-accounts').locator('tr[data-code=test-nurse]').waitFor();
    await page.click('[data-testid=language-toggle]');
    await signIn(page, 'front_desk');
    await page.click('[data-testid=tab-frontdesk]');
    await page.screenshot({ path: join(outputDir(), 'front-desk-th.png'), fullPage: true });
  });

  it('raised no page errors (CSP violations included) and wrote no citizen id to any log', async () => {
    expect(pageErrors).toEqual([]);
    await app.stop();
    const scan = scanLogsForCitizenIds(join(app.dataDir, 'logs'));
    expect(scan.files).toBeGreaterThan(0);
    expect(scan.hits).toEqual([]);
  });
});
