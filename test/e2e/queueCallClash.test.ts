// Two nurse stations of one hospital call the same waiting patient while the link to central is cut (issue 13, the
// queue lifecycle left over): two real dev:browser stations linked to central (pouchdb-server) through a link that
// goes silent when cut. Both "call next" on A-001 offline, station b a little later. When the link returns the visit
// settles on the earlier call (station a's), a's nurse sees nothing wrong, and b's nurse is told which station has
// the patient, in Thai, with charting held until she answers; her "the patient is here" calls the visit to her
// station, and then a's nurse is told in turn. Screenshots of both notices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StationPage } from './harness/stationPage.js';
import { openLinkedStation } from './harness/linkedStation.js';
import { signIn } from './harness/staffAccounts.js';
import { screenshot } from './harness/screens.js';
import { registerByHand } from './harness/registerByHand.js';
import {
  CENTRAL_ADMIN,
  linkProxy,
  provisionStation,
  startCentral,
  type Central,
  type LinkProxy,
} from '../integration/sync/centralServer.js';
import { syntheticCid } from '../factories/fhirFixtures.js';

const HCODE = '10957';
const PATIENT = { cid: syntheticCid(9301), first: 'ทดสอบเรียก', last: 'สองจุด' };

interface Nurse {
  readonly station: StationPage;
  readonly name: string;
  readonly page: Page;
}

let central: Central;
let link: LinkProxy;
const nurses: Nurse[] = [];

function nurse(index: number): Nurse {
  const found = nurses[index];
  if (found === undefined) throw new Error(`station ${String(index)} not open`);
  return found;
}

/** A real station of this hospital with its test accounts, the nurse signed in, linked to central through the link. */
async function openNurseStation(label: string, name: string): Promise<Nurse> {
  const account = await provisionStation({
    url: central.url,
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode: HCODE,
    station: label,
  });
  const station = await openLinkedStation({ centralUrl: link.url, account, hcode: HCODE, name, signInAs: 'nurse' });
  return { station, name, page: station.page };
}

async function syncState(target: Nurse): Promise<string> {
  return (await target.station.bridge.call<{ state: string }>('sync.status', {})).state;
}

async function openVitals(target: Nurse): Promise<void> {
  await target.page.click('[data-testid=tab-vitals]');
  await target.page.getByTestId('workspace-vitals').waitFor();
}

const clash = (target: Nurse) => target.page.getByTestId('vitals-call-clash');

beforeAll(async () => {
  central = await startCentral();
  link = await linkProxy(central.port, { whenCut: 'silent' });
  nurses.push(await openNurseStation('a', 'คัดกรอง 1'), await openNurseStation('b', 'คัดกรอง 2'));
});

afterAll(async () => {
  for (const target of nurses) await target.station.close();
  await link?.close();
  await central?.stop();
});

describe('two nurse stations call the same patient offline', () => {
  it('the patient registered at station a reaches both nurse stations’ queues', async () => {
    for (const target of nurses) await expect.poll(() => syncState(target), { timeout: 60_000 }).toBe('up_to_date');
    await signIn(nurse(0).page, 'front_desk');
    expect(await registerByHand(nurse(0).page, PATIENT)).toBe('A-001');
    await signIn(nurse(0).page, 'nurse');
    for (const target of nurses) {
      await openVitals(target);
      await target.page.getByTestId('vitals-queue-item').filter({ hasText: PATIENT.last }).waitFor({ timeout: 60_000 });
    }
  });

  it('with the link cut both call next; when it returns, the earlier call holds the visit and the later station is told who has it', async () => {
    link.cut();
    await nurse(0).page.getByTestId('vitals-call-next').click();
    await nurse(0).page.getByTestId('vitals-patient-name').filter({ hasText: PATIENT.last }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await nurse(1).page.getByTestId('vitals-call-next').click();
    await nurse(1).page.getByTestId('vitals-patient-name').filter({ hasText: PATIENT.last }).waitFor();
    expect(await clash(nurse(1)).count()).toBe(0);

    link.restore();
    const notice = clash(nurse(1));
    await notice.waitFor({ timeout: 90_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('คิว A-001');
    expect(text).toContain('ถูกเรียกไปที่ คัดกรอง 1 แล้ว');
    expect(text).toContain('ผู้ป่วยอยู่ที่นี่: เรียกมาที่สถานีนี้');
    // Charting for that visit waits for her answer; the patient on screen did not change.
    expect(await nurse(1).page.getByTestId('manual-save').isDisabled()).toBe(true);
    expect(await nurse(1).page.getByTestId('vitals-patient-name').textContent()).toContain(PATIENT.last);
    await screenshot(nurse(1).page, 'queue-clash-later-station-told-th.png');
    // The station that called first holds it: nothing to answer there.
    await expect
      .poll(() => nurse(0).page.getByTestId('vitals-patient').getByTestId('queue-stage').textContent(), {
        timeout: 30_000,
      })
      .toContain('คัดกรอง 1');
    expect(await clash(nurse(0)).count()).toBe(0);
  });

  it('"the patient is here" calls the visit to station b; then station a is told in turn', async () => {
    await nurse(1).page.getByTestId('vitals-clash-here').click();
    await clash(nurse(1)).waitFor({ state: 'detached' });
    expect(await nurse(1).page.getByTestId('manual-save').isDisabled()).toBe(false);
    const told = clash(nurse(0));
    await told.waitFor({ timeout: 90_000 });
    expect(await told.textContent()).toContain('ถูกเรียกไปที่ คัดกรอง 2 แล้ว');
    await screenshot(nurse(0).page, 'queue-clash-first-station-told-th.png');
    await nurse(0).page.getByTestId('vitals-clash-not-here').click();
    await nurse(0).page.getByTestId('vitals-patient').getByText('ยังไม่ได้เลือกผู้ป่วย').waitFor();
    for (const target of nurses)
      expect(target.station.pageErrors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  });
});
