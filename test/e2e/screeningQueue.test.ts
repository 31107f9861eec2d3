// Queue-driven screening (issue 14 §1–2, issue 13 §7) in Chromium on a real station: the front desk registers
// two patients; the nurse's Vitals tab opens with nobody selected and today's queue waiting first; "call next"
// calls the first by queue number; a manual set with pain, chief complaint, consciousness and air/oxygen is one
// save after which NEWS2 is complete and the visit is screened, as the front desk's queue shows; the returning
// patient shows earlier visits (made on earlier days with the page's clock moved) as a chart and a table with
// dates in พ.ศ., NEWS2 per visit and the previous value beside each field; English shows Gregorian dates. A
// visit registered in another tab of the station appears in the nurse's queue without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { outputDir } from './harness/chromium.js';
import { openStationPage, setUpStation, type StationPage } from './harness/stationPage.js';
import { signIn } from './harness/staffAccounts.js';
import { screenshot } from './harness/screens.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';
import { syntheticCid } from '../factories/fhirFixtures.js';
import { registerByHand } from './harness/registerByHand.js';

const DAY = 24 * 60 * 60_000;
const TODAY = new Date();
const EARLIER = [new Date(TODAY.getTime() - 61 * DAY), new Date(TODAY.getTime() - 30 * DAY)];
// Invented people (valid check digits, no one behind them).
const NEW_PATIENT = { cid: syntheticCid(9201), first: 'ทดสอบคิว', last: 'มาใหม่' };
const RETURNING = { cid: syntheticCid(9202), first: 'ทดสอบคิว', last: 'มาประจำ' };
const LATE = { cid: syntheticCid(9203), first: 'ทดสอบคิว', last: 'มาทีหลัง' };

let station: StationPage;
let page: Page;

async function openVitals(): Promise<void> {
  await page.click('[data-testid=tab-vitals]');
  await page.getByTestId('workspace-vitals').waitFor();
}

/** Types a set into the screening form (field name → text). */
async function typeSet(values: Readonly<Record<string, string>>): Promise<void> {
  const form = page.getByTestId('manual-entry');
  for (const [field, value] of Object.entries(values)) await form.locator(`[name=${field}]`).fill(value);
}

async function chartWithAssessment(values: Readonly<Record<string, string>>): Promise<void> {
  const panel = page.getByTestId('news2');
  await panel.getByTestId('news2-acvpu').selectOption('alert');
  await panel.getByTestId('news2-oxygen').selectOption('air');
  await typeSet(values);
  await page.getByTestId('manual-entry').getByTestId('manual-with-assessment').waitFor();
  await page.getByTestId('manual-save').click();
  await page
    .getByTestId('vitals-notice')
    .filter({ hasText: /บันทึกแล้ว \d+ รายการ|Saved/ })
    .waitFor();
}

/** One earlier visit of the returning patient: registered, called, charted, then sent on. */
async function earlierVisit(at: Date, values: Readonly<Record<string, string>>): Promise<void> {
  await page.clock.setSystemTime(at);
  await signIn(page, 'front_desk');
  await registerByHand(page, RETURNING);
  await signIn(page, 'nurse');
  await openVitals();
  await page.getByTestId('vitals-call-next').click();
  await page.getByTestId('vitals-patient-name').filter({ hasText: RETURNING.last }).waitFor();
  await chartWithAssessment(values);
  await page.getByTestId('visit-sent_on').click();
  await page.getByTestId('vitals-patient').getByText('ยังไม่ได้เลือกผู้ป่วย').waitFor();
}

beforeAll(async () => {
  station = await openStationPage({ env: { EDGE_DEMO: '' } });
  page = station.page;
  // The page's clock starts on the first earlier day; main keeps real time.
  await page.clock.install({ time: EARLIER[0] });
  await setUpStation(page, station.app.url, {
    hcode: '10955',
    name: 'คัดกรอง 2',
    expectOffered: 'real',
    signIn: { as: 'front_desk', dataDir: station.app.dataDir },
  });
});

afterAll(async () => {
  await station?.close();
});

describe('queue-driven screening', () => {
  it('a returning patient has two earlier visits charted on earlier days', async () => {
    await earlierVisit(EARLIER[0] as Date, {
      systolic: '152',
      diastolic: '96',
      pulse: '92',
      spo2: '96',
      temperature: '37.0',
      respiratoryRate: '20',
      weight: '74.5',
      height: '160',
      pain: '3',
      complaint: 'ปวดศีรษะ',
    });
    await earlierVisit(EARLIER[1] as Date, {
      systolic: '141',
      diastolic: '90',
      pulse: '84',
      spo2: '97',
      temperature: '36.8',
      respiratoryRate: '18',
      weight: '73.0',
      height: '160',
    });
    await page.clock.setSystemTime(TODAY);
  });

  it('the front desk registers two patients; the nurse opens Vitals on nobody, the queue waiting first by number', async () => {
    await signIn(page, 'front_desk');
    const first = await registerByHand(page, NEW_PATIENT);
    const second = await registerByHand(page, RETURNING);
    expect([first, second].map((number) => number.replace(/^.*-/, ''))).toEqual(['001', '002']);
    await signIn(page, 'nurse');
    await openVitals();
    const bar = page.getByTestId('vitals-patient');
    expect(await bar.textContent()).toContain('ยังไม่ได้เลือกผู้ป่วย');
    expect(await page.getByTestId('vitals-patient-name').count()).toBe(0);
    const items = page.getByTestId('vitals-queue-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(NEW_PATIENT.last);
    expect(await items.nth(0).getAttribute('data-stage')).toBe('waiting');
    expect(await items.nth(1).textContent()).toContain(RETURNING.last);
    // No raw status codes on screen.
    expect(await page.getByTestId('vitals-queue-card').textContent()).not.toMatch(/arrived|triaged|in-progress/);
    await screenshot(page, 'screening-queue-th.png');
  });

  it('"call next" calls the first waiting visit and measures its patient', async () => {
    await page.getByTestId('vitals-call-next').click();
    await page.getByTestId('vitals-patient-name').filter({ hasText: NEW_PATIENT.last }).waitFor();
    await page
      .getByTestId('vitals-patient')
      .getByTestId('queue-stage')
      .filter({ hasText: 'เรียกคัดกรองแล้ว' })
      .waitFor();
    expect(await page.getByTestId('vitals-notice').textContent()).toContain('มาคัดกรอง');
    // A new patient: nothing from earlier visits.
    expect(await page.getByTestId('visit-history').textContent()).toContain('ยังไม่มีผลการวัด');
  });

  it('one save charts the set, pain, chief complaint, consciousness and air; NEWS2 is complete and the visit screened', async () => {
    const before = (await page.evaluate(readWinningDocs, 'clinic_10955')).filter((doc) =>
      doc.id.startsWith('Observation/'),
    ).length;
    await chartWithAssessment({
      systolic: '124',
      diastolic: '80',
      pulse: '70',
      spo2: '97',
      temperature: '36.8',
      respiratoryRate: '16',
      weight: '58',
      height: '155',
      pain: '2',
      complaint: 'ไข้ ไอ มา 2 วัน',
    });
    const docs = (await page.evaluate(readWinningDocs, 'clinic_10955')).filter((doc) =>
      doc.id.startsWith('Observation/'),
    );
    // BP, pulse, SpO2, temperature, RR, weight, height, BMI, alert, room air, pain, chief complaint: one write of 12.
    expect(docs.length - before).toBe(12);
    const panel = page.getByTestId('news2');
    await expect.poll(() => panel.getByTestId('news2-total').textContent()).toMatch(/^0ความเสี่ยงต่ำ/);
    await page.getByTestId('vitals-patient').getByTestId('queue-stage').filter({ hasText: 'คัดกรองแล้ว' }).waitFor();
    // The pain score and the complaint read back in words, no LOINC code on screen.
    const recent = page.getByTestId('recent-observations');
    await recent.getByTestId('screening-text').filter({ hasText: 'อาการสำคัญ: ไข้ ไอ มา 2 วัน' }).waitFor();
    expect(await recent.getByTestId('screening-text').filter({ hasText: 'ระดับความปวด' }).textContent()).toContain('2');
    expect(await recent.textContent()).not.toMatch(/72514-3|8661-1/);
    await screenshot(page, 'screening-charted-th.png');
  });

  it('the front desk sees the visit screened and the other still waiting', async () => {
    await page.click('[data-testid=tab-frontdesk]');
    const rows = page.getByTestId('today-queue').getByTestId('queue-row');
    await rows
      .filter({ hasText: NEW_PATIENT.last })
      .getByTestId('queue-stage')
      .filter({ hasText: 'คัดกรองแล้ว' })
      .waitFor();
    expect(await rows.filter({ hasText: RETURNING.last }).getByTestId('queue-stage').textContent()).toBe('รอคัดกรอง');
    expect(await page.getByTestId('today-queue').textContent()).not.toMatch(/arrived|triaged/);
    await screenshot(page, 'frontdesk-queue-stages-th.png');
  });

  it('sent on, then the returning patient is called: earlier visits plotted with พ.ศ. dates, previous values beside the form', async () => {
    await openVitals();
    await page.getByTestId('visit-sent_on').click();
    await page.getByTestId('vitals-patient').getByText('ยังไม่ได้เลือกผู้ป่วย').waitFor();
    await page.getByTestId('vitals-call-next').click();
    await page.getByTestId('vitals-patient-name').filter({ hasText: RETURNING.last }).waitFor();
    const history = page.getByTestId('visit-history');
    const rows = history.getByTestId('visit-history-row');
    await expect.poll(() => rows.count()).toBe(2);
    const beYear = (date: Date) => String(date.getFullYear() + 543);
    expect(await rows.nth(0).textContent()).toContain(beYear(EARLIER[0] as Date));
    expect(await rows.nth(0).textContent()).toContain('152/96');
    expect(await rows.nth(1).textContent()).toContain('141/90');
    // Both earlier sets were complete with alert and room air: a NEWS2 total per visit (152 → 0, 92 → 1, RR 20 → 0, SpO2 96 → 0).
    expect(await rows.nth(0).getByTestId('visit-history-news2').textContent()).toMatch(/^\d+$/);
    await history.locator('canvas').first().waitFor();
    expect(await page.getByTestId('previous-8480-6').textContent()).toContain('141');
    expect(await page.getByTestId('previous-29463-7').textContent()).toContain('73');
    expect(await page.getByTestId('previous-pain').textContent()).toContain('3');
    expect(await page.getByTestId('previous-8480-6').textContent()).toContain(beYear(EARLIER[1] as Date));
    await screenshot(page, 'screening-returning-history-th.png');
    await history.screenshot({ path: join(outputDir(), 'screening-history-card-th.png') });
    if (process.env['SCREENS_DIR'])
      await history.screenshot({ path: join(process.env['SCREENS_DIR'], 'screening-history-card-th.png') });
  });

  it('English shows Gregorian dates and English words', async () => {
    await page.click('[data-testid=language-toggle]');
    await page.getByRole('heading', { name: 'Earlier visits' }).waitFor();
    const text = (await page.getByTestId('visit-history').textContent()) ?? '';
    expect(text).toContain(String((EARLIER[0] as Date).getFullYear()));
    expect(text).not.toContain(String((EARLIER[0] as Date).getFullYear() + 543));
    expect(await page.getByTestId('vitals-call-next').textContent()).toBe('Call next');
    // The notice of the call made in Thai is worded again in English.
    expect(await page.getByTestId('vitals-notice').textContent()).toMatch(/^Called .* for screening$/);
    await screenshot(page, 'screening-returning-history-en.png');
    await page.click('[data-testid=language-toggle]');
    await page.locator('[data-testid=workspace-vitals] h2', { hasText: 'สัญญาณชีพ' }).waitFor();
  });

  it("a visit registered in another tab of the station joins the nurse's queue without a reload", async () => {
    const context: BrowserContext = page.context();
    const desk = await context.newPage();
    await desk.clock.install({ time: TODAY });
    await desk.goto(station.app.url);
    await desk.getByTestId('staff-on-duty').waitFor();
    await registerByHand(desk, LATE);
    await page.getByTestId('vitals-queue-item').filter({ hasText: LATE.last }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('vitals-queue-item').filter({ hasText: LATE.last }).getAttribute('data-stage')).toBe(
      'waiting',
    );
    await desk.close();
    expect(station.pageErrors).toEqual([]);
  });
});
