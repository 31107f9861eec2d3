// The NHSO authen code at the front desk, end to end: a demo station (virtual card) whose dev:browser points at
// our fake NHSO agent (test/integration/nhso/fakeNhsoAgent.ts). Insert the card → type the mobile number and pick
// the claim type → save → the code appears on the visit and in today's queue, and is stored on the Encounter.
// With the agent down the visit says the request waits, and it completes by itself when the agent comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './harness/screens.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn, submitSignIn } from './harness/staffAccounts.js';
import { claimCodesOnEncounters as claimCodesOf, insertDemoCard, removeDemoCard } from './harness/frontDeskSteps.js';
import { scanLogsForCitizenIds } from './harness/logScan.js';
import { startFakeNhsoAgent, type FakeNhsoAgent } from '../integration/nhso/fakeNhsoAgent.js';
import type { AuthenRequest } from '../../electron/contract/nhso.std.js';

let station: StationPage;
let agent: FakeNhsoAgent;
let page: Page;
const shot = (name: string): Promise<void> => screenshot(page, name);

beforeAll(async () => {
  agent = await startFakeNhsoAgent();
  station = await openStationPage({ args: ['--demo', '--nhso-agent', agent.url], env: { EDGE_DEMO: '' } });
  page = station.page;
  await setUpStation(page, station.app.url, { hcode: '10953', name: 'ห้องบัตร 1', expectOffered: 'demo' });
  // A demo station's training accounts (DEMO_STAFF): asking for an authen code is the front desk's.
  await signInOnceSeeded({ code: 'demo-frontdesk', pin: '1111' });
  await page.getByTestId('workspace-frontdesk').waitFor();
});

/**
 * The page leaves first-run setup on settings.changed, before setup has seeded the demo accounts (scrypt, a moment
 * later), so an early sign-in is refused as "no staff accounts yet": try again for a few seconds.
 */
async function signInOnceSeeded(account: { code: string; pin: string }): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    await submitSignIn(page, account);
    const signedIn = await page
      .getByTestId('staff-on-duty')
      .waitFor({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (signedIn) return;
  }
  await shot(`nhso-authen-sign-in-failed-${account.code}.png`);
  throw new Error(`sign-in as ${account.code} refused: ${(await page.getByTestId('staff-error').textContent()) ?? ''}`);
}

afterAll(async () => {
  await station?.close();
  await agent?.close();
});

const insertCard = (identity: string): Promise<void> => insertDemoCard(page, identity);
const removeCard = (): Promise<void> => removeDemoCard(page);
const claimCodesOnEncounters = (): Promise<string[]> => claimCodesOf(page, '10953');

describe('NHSO authen code at the front desk', () => {
  it('asks for the code with the patient’s mobile number when the visit is saved, and shows it on the visit and in the queue', async () => {
    await insertCard('0');
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '081-234-5678');
    await page.selectOption('[data-testid=authen-fields] select[name=claimType]', 'PG0060001');
    await shot('nhso-authen-1-card-mobile-th.png');
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    const state = page.getByTestId('saved-authen').getByTestId('authen-state');
    await page.locator('[data-testid=saved-authen] [data-kind=got]').waitFor({ timeout: 20_000 });
    const issued = agent.issued().at(-1);
    expect(issued?.claimType).toBe('PG0060001');
    expect(await state.textContent()).toBe(`ขอรหัสยืนยันตัวตนแล้ว: ${issued?.claimCode ?? ''}`);
    await page.locator('[data-testid=queue-row] [data-kind=got]').first().waitFor();
    await expect.poll(claimCodesOnEncounters, { timeout: 10_000 }).toEqual([issued?.claimCode]);
    await shot('nhso-authen-2-code-on-visit-th.png');
    await removeCard();
  });

  it('with the agent down the visit says the request waits, and it completes by itself when the agent comes back', async () => {
    await agent.setMode('down');
    await insertCard('1');
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '0898765432');
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    const saved = page.getByTestId('saved-authen').getByTestId('authen-state');
    await page.locator('[data-testid=saved-authen] [data-kind=waiting]').waitFor({ timeout: 20_000 });
    expect(await saved.textContent()).toMatch(
      /^รอส่งคำขอ \(โปรแกรม สปสช\. ไม่ทำงาน\) · ส่งใหม่อัตโนมัติเวลา \d{2}:\d{2}:\d{2}$/,
    );
    const waitingRow = page.getByTestId('queue-row').filter({ has: page.locator('[data-kind=waiting]') });
    // today's queue reads the request's state on its own, a moment after the saved visit shows it
    await expect.poll(() => waitingRow.count(), { timeout: 10_000 }).toBe(1);
    expect(await waitingRow.textContent()).toContain('รอส่งคำขอ (โปรแกรม สปสช. ไม่ทำงาน)');
    expect(await page.getByTestId('authen-retry').isVisible()).toBe(true);
    await shot('nhso-authen-3-agent-down-waiting-th.png');
    const pending = await station.bridge.call<AuthenRequest[]>('nhso.authenRequests', {});
    expect(pending.map((request) => request.state).sort()).toEqual(['got_code', 'retrying']);

    await agent.setMode('normal');
    await page.locator('[data-testid=saved-authen] [data-kind=got]').waitFor({ timeout: 30_000 });
    const issued = agent.issued().at(-1);
    expect(await saved.textContent()).toBe(`ขอรหัสยืนยันตัวตนแล้ว: ${issued?.claimCode ?? ''}`);
    await expect
      .poll(() => page.locator('[data-testid=queue-row] [data-kind=got]').count(), { timeout: 10_000 })
      .toBe(2);
    await expect.poll(async () => (await claimCodesOnEncounters()).length, { timeout: 10_000 }).toBe(2);
    expect(await claimCodesOnEncounters()).toContain(issued?.claimCode);
    await shot('nhso-authen-4-agent-back-code-th.png');
  });

  it('refuses a mobile number that is not 10 digits, in Thai, and saves nothing', async () => {
    await removeCard();
    await insertCard('2');
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '08123');
    await page.click('[data-testid=save-visit]');
    expect(await page.getByTestId('save-problem').textContent()).toBe(
      'เบอร์โทรศัพท์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0 (หรือเว้นว่างไว้ถ้าไม่ขอรหัสยืนยันตัวตน)',
    );
    expect(await page.getByTestId('queue-row').count()).toBe(2);
    await page.click('[data-testid=language-toggle]');
    await page.getByText('Authen code issued').first().waitFor();
    expect(await page.getByTestId('save-problem').textContent()).toBe(
      'The mobile number must be 10 digits starting with 0 (or left empty to ask for no authen code).',
    );
    await shot('nhso-authen-5-queue-en.png');
    await page.click('[data-testid=language-toggle]');
  });

  it('an NHSO refusal is shown with its reason, and the clerk asks again with another number', async () => {
    await removeCard();
    await agent.setMode('failing');
    await insertCard('3');
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '0811111111');
    await page.click('[data-testid=save-visit]');
    await page.locator('[data-testid=saved-authen] [data-kind=failed]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('saved-authen').textContent()).toBe(
      'ขอรหัสยืนยันตัวตนไม่สำเร็จ — สปสช. ไม่ออกรหัสยืนยันตัวตนให้ กรุณาตรวจสอบสิทธิ เบอร์โทรศัพท์ และประเภทการเข้ารับบริการ แล้วขอใหม่',
    );
    await shot('nhso-authen-7-refused-th.png');
    await agent.setMode('normal');
    const again = page.getByTestId('authen-ask-again');
    await again.locator('input[name=mobile]').fill('0822222222');
    await again.getByTestId('authen-ask').click();
    await page.locator('[data-testid=saved-authen] [data-kind=got]').waitFor({ timeout: 20_000 });
    expect(agent.calls.filter((call) => call.path === '/api/nhso-service/confirm-save').at(-1)?.body).toMatchObject({
      mobile: '0822222222',
    });
    expect(await again.count()).toBe(0);
    await expect.poll(async () => (await claimCodesOnEncounters()).length, { timeout: 10_000 }).toBe(3);
  });

  it('IT sees the agent in the diagnostics and may set its address, on this computer only', async () => {
    await signIn(page, { code: 'demo-it', pin: '3333' });
    await page.getByTestId('workspace-it').waitFor();
    const form = page.getByTestId('nhso-agent-form');
    await form.waitFor();
    expect(await form.getByTestId('nhso-agent-current').textContent()).toBe(`ใช้อยู่: ${agent.url}`);
    await form.locator('input[name=agentUrl]').fill('http://10.0.0.5:8189');
    await form.locator('button[type=submit]').click();
    expect(await form.getByTestId('nhso-agent-problem').textContent()).toBe(
      'ที่อยู่โปรแกรม สปสช. ต้องเป็นเครื่องนี้เท่านั้น (127.0.0.1, localhost หรือ [::1]) เพราะต้องส่งเลขประจำตัวประชาชน',
    );
    await form.locator('input[name=agentUrl]').fill(`${agent.url.replace('127.0.0.1', 'localhost')}/`);
    await form.locator('button[type=submit]').click();
    await form.getByTestId('nhso-agent-saved').waitFor();
    expect(await form.getByTestId('nhso-agent-current').textContent()).toBe(
      `ใช้อยู่: ${agent.url.replace('127.0.0.1', 'localhost')}`,
    );
    await page.getByTestId('diagnostics').getByText('โปรแกรม สปสช. (Secure Smart Card Agent) ทำงานที่').waitFor();
    await shot('nhso-authen-6-it-agent-address-th.png');
  });

  it('left no citizen id in any log and raised no page errors', () => {
    expect(scanLogsForCitizenIds(station.app.dataDir).hits).toEqual([]);
    expect(station.pageErrors).toEqual([]);
  });
});
