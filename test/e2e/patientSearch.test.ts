// Issue 13 §4-5 end to end: a demo station in Chromium registers a patient by card (with a mobile number), finds
// them again without the card by part of the Thai name typed the other way round and by phone, opens a second
// visit for them choosing a clinic and a visit type, and sees the clinic in today's queue; Thai first, then the
// English toggle. One Patient stays in the page's store, and both visits carry their details.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { outputDir } from './harness/chromium.js';
import type { DevBrowser } from './harness/devBrowser.js';
import { screenshot } from './harness/screens.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import { startFakeNhsoAgent, type FakeNhsoAgent } from '../integration/nhso/fakeNhsoAgent.js';
import { signIn } from './harness/staffAccounts.js';
import { SERVICE_POINT_SYSTEM, VISIT_RIGHT_EXT, VISIT_TYPE_SYSTEM } from '../../sync/model/systems.std.js';

let station: StationPage;
let app: DevBrowser;
let page: Page;
let agent: FakeNhsoAgent;
const shot = (name: string): Promise<void> => screenshot(page, name);

async function search(text: string): Promise<void> {
  const box = page.getByTestId('patient-search');
  await box.locator('input[name=search]').fill(text);
  await box.getByTestId('search-submit').click();
}

async function storedDocs(prefix: string): Promise<Record<string, unknown>[]> {
  return (await page.evaluate(readWinningDocs, 'clinic_10953'))
    .filter((doc) => doc.id.startsWith(prefix))
    .map((doc) => doc.doc);
}

beforeAll(async () => {
  agent = await startFakeNhsoAgent();
  station = await openStationPage({ args: ['--demo', '--nhso-agent', agent.url], env: { EDGE_DEMO: '' } });
  ({ app, page } = station);
  await setUpStation(page, app.url, {
    hcode: '10953',
    name: 'ห้องบัตร 1',
    expectOffered: 'demo',
    signIn: { as: 'front_desk', dataDir: app.dataDir },
  });
  await page.getByTestId('workspace-frontdesk').waitFor();
});

afterAll(async () => {
  await station?.close();
  await agent?.close();
});

describe('finding a returning patient without a card, and the visit details', () => {
  it('IT adds a clinic to the station list in the IT workspace (a code in the wrong form refused in Thai)', async () => {
    await signIn(page, 'it');
    const card = page.getByTestId('service-points');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('service-point-row').count()).toBe(7);
    await card.getByText('เพิ่มจุดบริการ').click();
    const row = card.getByTestId('service-point-row').last();
    await row.locator('input[name=code]').fill('Mental Health');
    await row.locator('input[name=th]').fill('คลินิกสุขภาพจิต');
    await row.locator('input[name=en]').fill('Mental health clinic');
    await card.getByTestId('service-points-save').click();
    expect(await card.getByTestId('service-points-note').textContent()).toBe(
      'รหัสต้องเป็นตัวอักษรอังกฤษตัวเล็ก ตัวเลข หรือขีด (-) ไม่เกิน 32 ตัว',
    );
    await row.locator('input[name=code]').fill('mental-health');
    await card.getByTestId('service-points-save').click();
    await expect.poll(() => card.getByTestId('service-points-note').textContent()).toBe('บันทึกรายการจุดบริการแล้ว');
    await card.screenshot({ path: join(outputDir(), 'search-it-service-points-th.png') });
    await signIn(page, 'front_desk');
    await page.getByTestId('workspace-frontdesk').waitFor();
  });

  it('registers a patient by card with a mobile number (the first clinic in use preselected)', async () => {
    const controls = page.getByTestId('demo-card-controls');
    await controls.getByTestId('demo-card-identity').selectOption('0');
    await controls.getByTestId('demo-card-insert').click();
    await page.getByTestId('card-thai-name').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=card-photo] img').waitFor();
    await page.getByTestId('card-rights-main').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid=visit-fields] select[name=servicePoint]').inputValue()).toBe('opd');
    expect(
      await page
        .locator('[data-testid=visit-fields] select[name=servicePoint] option[value=mental-health]')
        .textContent(),
    ).toBe('คลินิกสุขภาพจิต');
    await page.fill('[data-testid=authen-fields] input[name=mobile]', '081-234-5678');
    await shot('search-card-visit-details-th.png');
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    await controls.getByTestId('demo-card-remove').click();
    await page.getByTestId('card-waiting').waitFor();
    await expect.poll(() => page.getByTestId('queue-clinic').first().textContent()).toBe('ตรวจโรคทั่วไป');
  });

  it('bad input is answered in words, never an exception', async () => {
    await search('ก');
    expect(await page.getByTestId('search-problem').textContent()).toBe(
      'พิมพ์อย่างน้อย 2 ตัวอักษร (ชื่อ นามสกุล HN เลขบัตรประชาชน หรือเบอร์โทร)',
    );
    await search('1101700548211');
    expect(await page.getByTestId('search-problem').textContent()).toContain('เลขตรวจสอบไม่ตรง');
    await search('ไม่มีใครชื่อนี้');
    await page.getByTestId('search-none').waitFor();
  });

  it('finds them by part of the Thai name, surname first, with age, HN-less record and last visit in พ.ศ.', async () => {
    await search('ทดสอบ สมม');
    await page.getByTestId('search-hit').first().waitFor();
    expect(await page.getByTestId('search-hit').count()).toBe(1);
    const hit = (await page.getByTestId('search-hit').textContent()) ?? '';
    expect(hit).toContain('นาย สมมติ ทดสอบดี');
    expect(hit).toMatch(/อายุ \d+ ปี/);
    const thaiYear = new Date().getFullYear() + 543;
    expect(await page.getByTestId('search-hit-last-visit').textContent()).toMatch(
      new RegExp(`^มาครั้งล่าสุด \\d{1,2} [ก-๙]+ ${thaiYear}$`),
    );
    await shot('search-by-name-th.png');
  });

  it('finds them by phone, opens a second visit choosing a clinic and a visit type, and the queue shows the clinic', async () => {
    await search('081 234 5678');
    await page.getByTestId('search-hit').first().waitFor();
    expect(await page.getByTestId('search-hit').count()).toBe(1);
    await page.getByTestId('search-pick').click();
    await page.getByTestId('found-patient').waitFor();
    expect(await page.getByTestId('found-name').textContent()).toBe('นาย สมมติ ทดสอบดี');
    expect(await page.getByTestId('patient-known').textContent()).toContain('ผู้ป่วยเดิม — มาครั้งล่าสุด');
    // Their mobile number on record is offered for the authen code; the last visit's slip card is out of the way.
    expect(await page.locator('[data-testid=authen-fields] input[name=mobile]').inputValue()).toBe('0812345678');
    expect(await page.getByTestId('visit-saved').count()).toBe(0);
    await page.locator('[data-testid=visit-fields] select[name=servicePoint]').selectOption('ncd');
    await page.locator('[data-testid=visit-fields] select[name=visitType]').selectOption('appointment');
    await shot('search-found-visit-details-th.png');
    await page.click('[data-testid=save-visit]');
    // The first visit's number shows until this one is saved.
    await expect.poll(() => page.getByTestId('saved-queue-number').textContent()).toMatch(/^[A-Z0-9]+-002$/);
    await expect.poll(() => page.getByTestId('queue-row').count()).toBe(2);
    expect(await page.getByTestId('queue-clinic').first().textContent()).toBe('คลินิกโรคเรื้อรัง');
    expect(await page.getByTestId('queue-row').first().textContent()).toContain('สมมติ');
    await shot('search-second-visit-queue-th.png');
  });

  it('keeps one Patient with both visits and their details on the Encounters (no raw codes on screen)', async () => {
    const patients = await storedDocs('Patient/');
    expect(patients).toHaveLength(1);
    expect(patients[0]?.['telecom']).toEqual([{ system: 'phone', value: '0812345678', use: 'mobile' }]);
    const visits = (await storedDocs('Encounter/')).sort((a, b) =>
      String((a['period'] as { start: string }).start).localeCompare(String((b['period'] as { start: string }).start)),
    );
    expect(visits).toHaveLength(2);
    expect(
      visits.every(
        (visit) => (visit['subject'] as { reference: string }).reference === `Patient/${String(patients[0]?.['id'])}`,
      ),
    ).toBe(true);
    expect(visits[0]?.['serviceType']).toEqual({
      coding: [{ system: SERVICE_POINT_SYSTEM, code: 'opd', display: 'ตรวจโรคทั่วไป' }],
      text: 'ตรวจโรคทั่วไป',
    });
    expect(visits[0]?.['extension']).toEqual([
      {
        url: VISIT_RIGHT_EXT,
        extension: [
          { url: 'code', valueCode: 'UCS' },
          { url: 'text', valueString: expect.stringContaining('(UCS)') as unknown as string },
        ],
      },
    ]);
    expect(visits[1]?.['serviceType']).toMatchObject({ coding: [{ system: SERVICE_POINT_SYSTEM, code: 'ncd' }] });
    expect(visits[1]?.['type']).toEqual([
      { coding: [{ system: VISIT_TYPE_SYSTEM, code: 'appointment', display: 'Appointment' }], text: 'มาตามนัด' },
    ]);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(SERVICE_POINT_SYSTEM);
    expect(body).not.toContain('urn:clinic-edge');
  });

  it('in English: the search shows the English name and the queue the English clinic name', async () => {
    await page.click('[data-testid=language-toggle]');
    await page.getByText('Find a returning patient (no card)').waitFor();
    await search('thotsobdee');
    await page.getByTestId('search-hit').first().waitFor();
    expect(await page.getByTestId('search-hit').textContent()).toContain('Mr. Sommut Thotsobdee');
    expect(await page.getByTestId('search-hit-last-visit').textContent()).toMatch(
      new RegExp(`^Last visit \\d{1,2} [A-Z][a-z]+ ${new Date().getFullYear()}$`),
    );
    expect(await page.getByTestId('queue-clinic').first().textContent()).toBe('NCD clinic');
    await search('x');
    expect(await page.getByTestId('search-problem').textContent()).toBe(
      'Type at least 2 characters (name, surname, HN, citizen ID or phone).',
    );
    await search('thotsobdee');
    await page.getByTestId('search-hit').first().waitFor();
    await shot('search-by-name-en.png');
    await page.click('[data-testid=language-toggle]');
    await page.getByText('ค้นหาผู้ป่วยเดิม (ไม่มีบัตร)').waitFor();
    expect(station.pageErrors).toEqual([]);
  });
});
