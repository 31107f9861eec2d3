// The front desk end to end: a virtual Thai ID card in the vpcd reader, through real pcscd, fills the form in
// Chromium; saving registers the patient and a visit with a queue number; taking the card out clears the form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDevBrowser, type DevBrowser } from './harness/devBrowser.js';
import { launchChromium, outputDir } from './harness/chromium.js';
import { scanLogsForCitizenIds } from './harness/logScan.js';
import { BridgeClient } from './harness/bridgeClient.js';
import type { CardStatus } from '../../electron/contract/card.std.js';
import { startPcscd, type PcscdFixture } from '../integration/card/pcscdFixture.js';
import { vpcdCard } from '../integration/card/virtualCards.js';
import { demoIdentities } from '../factories/cardIdentities.js';
import type { VirtualCard } from '../integration/card/cardProcess.js';
import type { SyntheticIdentity } from '../../drivers/card/virtual/identity.std.js';
import { addE2eStaff, addStationStaff, signIn, stationAudit, submitSignIn } from './harness/staffAccounts.js';
import { TEST_PIN } from '../factories/staff.js';
import { readWinningDocs } from './harness/pouchIndexedDb.js';

let pcscd: PcscdFixture;
let app: DevBrowser;
let browser: Browser;
let page: Page;
let card: VirtualCard | null = null;
let bridge: BridgeClient;
const pageErrors: string[] = [];
const [first, second] = demoIdentities;
if (first === undefined || second === undefined) throw new Error('demo identities missing');

beforeAll(async () => {
  pcscd = await startPcscd();
  app = await startDevBrowser();
  bridge = await BridgeClient.connect(app.url);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(app.url);
  await page.fill('input[name=hcode]', '10953');
  await page.fill('input[name=stationName]', 'ห้องบัตร 1');
  await page.fill('input[name=queuePrefix]', 'A');
  await page.click('[data-testid=setup-save]');
  await page.getByTestId('staff-sign-in').waitFor();
});

afterAll(async () => {
  await card?.remove();
  bridge?.close();
  await browser?.close();
  await app?.stop();
  await pcscd?.stop();
});

async function insert(person: SyntheticIdentity): Promise<void> {
  card = vpcdCard(person);
  await card.insert();
}
/** Takes the card out and waits until the card service has seen it go (pcscd polls about every 400 ms):
 * a card put back sooner would never be seen as a new insertion. */
async function remove(): Promise<void> {
  await card?.remove();
  card = null;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = await bridge.call<CardStatus>('card.readers', {});
    if (status.readers.length > 0 && status.readers.every((reader) => !reader.present)) return;
    if (Date.now() > deadline) throw new Error(`card never seen removed: ${JSON.stringify(status.readers)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('front desk with a card in a real PC/SC reader', () => {
  it('the clerk signs in with her staff code and PIN, so the audit log names who read each card', async () => {
    await addE2eStaff(app.dataDir);
    await addStationStaff(app.dataDir, { code: 'fd-001', name: 'เจ้าหน้าที่ ทดสอบ', role: 'front_desk' });
    await submitSignIn(page, { code: 'fd-001', pin: '999999' });
    await page.getByTestId('staff-error').filter({ hasText: 'รหัสเจ้าหน้าที่หรือ PIN ไม่ถูกต้อง' }).waitFor();
    await page.screenshot({ path: join(outputDir(), 'sign-in-wrong-pin-th.png'), fullPage: true });
    await signIn(page, { code: 'fd-001', pin: TEST_PIN });
    expect(await page.getByTestId('staff-on-duty').textContent()).toContain('เจ้าหน้าที่ ทดสอบ');
    await page.getByTestId('workspace-frontdesk').waitFor();
  });

  it('fills the form from the card, photo included, and finds no record for a new patient', async () => {
    await insert(first);
    await page.getByTestId('card-thai-name').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('card-thai-name').textContent()).toBe('นาย สมมติ ทดสอบดี');
    // Buddhist era with the Thai month name, and the age.
    expect(await page.getByTestId('card-birth-date').textContent()).toMatch(/^15 มกราคม 2530 \(อายุ \d+ ปี\)$/);
    // The right to care from the card's NHSO applet, in the clerk's words.
    await page.getByTestId('card-rights-main').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('card-rights-main').textContent()).toMatch(
      /^บัตรทอง \(หลักประกันสุขภาพแห่งชาติ\) · UCS · ช่วงอายุ 12-59 ปี$/,
    );
    await page.locator('[data-testid=card-photo] img').waitFor();
    const size = await page
      .locator('[data-testid=card-photo] img')
      .evaluate((img: HTMLImageElement) => img.naturalWidth * img.naturalHeight);
    expect(size).toBeGreaterThan(0);
    await page.getByText('ผู้ป่วยใหม่').waitFor();
    await page.screenshot({ path: join(outputDir(), 'front-desk-card.png'), fullPage: true });
    const audit = stationAudit(app.dataDir, 10);
    expect(audit.find((entry) => entry.action === 'card.read')?.actor).toBe('front_desk:fd-001');
  });

  it('saves the patient and a visit with this station’s queue number, shown in today’s queue', async () => {
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    expect(await page.getByTestId('saved-queue-number').textContent()).toBe('A-001');
    await page.getByTestId('queue-row').first().waitFor();
    expect(await page.getByTestId('queue-row').first().textContent()).toContain('สมมติ');
    // The card's photo is its own Media record; the Patient points at it and carries no bytes (issue 15).
    const docs = await page.evaluate(readWinningDocs, 'clinic_10953');
    const patient = docs.find((entry) => entry.id.startsWith('Patient/'))?.doc as
      | { id?: string; photo?: { url?: string }[]; _attachments?: unknown }
      | undefined;
    const media = docs.find((entry) => entry.id.startsWith('Media/'));
    expect(media?.doc['subject']).toEqual({ reference: `Patient/${patient?.id ?? 'none'}` });
    expect(patient?.photo?.[0]?.url).toBe(media?.id);
    expect(patient?._attachments).toBeUndefined();
  });

  it('clears an unsaved form, and everything of that patient, when the card comes out', async () => {
    await remove();
    await insert(second);
    await page.getByText('ตัวอย่าง ใจงาม').first().waitFor({ timeout: 20_000 });
    await remove();
    await page.getByTestId('card-waiting').waitFor();
    expect(await page.getByTestId('card-registration').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('ใจงาม');
  });

  it('knows the patient on the next visit, skips the stored photo, and gives the next number', async () => {
    await insert(first);
    await page
      .getByTestId('card-thai-name')
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(outputDir(), 'front-desk-second-read-failed.png'), fullPage: true });
        throw error;
      });
    await page.getByText('ผู้ป่วยเดิม').waitFor({ timeout: 20_000 });
    await page.getByText('มีรูปถ่ายจากบัตรใบนี้ในระบบแล้ว').waitFor();
    await page.click('[data-testid=save-visit]');
    await page.getByTestId('saved-queue-number').waitFor();
    expect(await page.getByTestId('saved-queue-number').textContent()).toBe('A-002');
    await remove();
    await page.getByTestId('card-waiting').waitFor();
  });

  it('registers by hand when the chip fails, refusing a citizen id with a wrong check digit', async () => {
    await page.click('[data-testid=manual-open]');
    const wrong = `${second.cid.slice(0, 12)}${(Number(second.cid[12]) + 1) % 10}`;
    await page.fill('input[name=cid]', wrong);
    await page.fill('input[name=first]', 'ตัวอย่าง');
    await page.fill('input[name=last]', 'ใจงาม');
    await page.click('[data-testid=manual-save]');
    await page.getByTestId('manual-problem').waitFor();
    expect(await page.getByTestId('manual-problem').textContent()).toContain('เลขตรวจสอบ');
    await page.fill('input[name=cid]', second.cid);
    // A birth date as a clerk writes it, in พ.ศ.: an impossible one is refused with the reason, a real one kept.
    await page.fill('input[name=birthDate]', '31/2/2530');
    await page.click('[data-testid=manual-save]');
    await expect.poll(async () => page.getByTestId('manual-problem').textContent()).toContain('ไม่มีวันที่นี้ในปฏิทิน');
    await page.fill('input[name=birthDate]', '15/1/2530');
    await page.click('[data-testid=manual-save]');
    await page.getByTestId('saved-queue-number').waitFor();
    expect(await page.getByTestId('saved-queue-number').textContent()).toBe('A-003');
    await expect.poll(() => page.getByTestId('queue-row').count()).toBe(3);
  });

  it('stores FHIR documents whose ids carry no citizen id, and no log holds one', async () => {
    const ids = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('_pouch_clinic_10953');
          open.onerror = () => reject(new Error('no database'));
          open.onsuccess = () => {
            const request = open.result.transaction('document-store').objectStore('document-store').getAllKeys();
            request.onsuccess = () => resolve(request.result.map(String));
          };
        }),
    );
    const patients = ids.filter((id) => id.startsWith('Patient/'));
    expect(patients).toHaveLength(2);
    expect(ids.some((id) => id.includes(first.cid) || id.includes(second.cid))).toBe(false);
    expect(ids.filter((id) => id.startsWith('Encounter/'))).toHaveLength(3);
    expect(pageErrors).toEqual([]);
    await app.stop();
    expect(scanLogsForCitizenIds(join(app.dataDir, 'logs')).hits).toEqual([]);
  });
});
