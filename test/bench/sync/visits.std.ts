/**
 * Synthetic visits for the sync and store benchmarks, built with the real model functions: a Patient from a
 * card read (invented names, valid CID checksums in an invented province range; the card carries a small
 * synthetic portrait, which the Patient no longer holds: a photo is its own Media record, written by
 * bench:scale's site, not here), an Encounter with a queue number and six vital-sign Observations. Deterministic (a
 * seeded generator for ids and the hospital key), pure, so the same code runs in Node and in the bench page.
 */
import { cidCheckDigit } from '../../../sync/model/cid.std.js';
import { syntheticPortrait } from '../../../drivers/card/virtual/tinyJpeg.std.js';
import type { PersonDetails } from '../../../sync/model/personDetails.std.js';
import { newVisit, type EncounterDoc } from '../../../sync/model/encounter.std.js';
import { createIdFactory, patientIdForCid, type IdFactory } from '../../../sync/model/ids.std.js';
import { vitalSignObservations, type ObservationDoc } from '../../../sync/model/observation.std.js';
import { patientFromCard, type PatientDoc } from '../../../sync/model/patient.std.js';

/** xorshift32: reproducible "random" bytes for ids and the bench hospital key (never a real key). */
export function seededBytes(seed: number): (length: number) => Uint8Array {
  let state = seed >>> 0 || 0x9e3779b9;
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[i] = state & 0xff;
    }
    return out;
  };
}

/** The n-th benchmark CID: person type 2, province code 99 (none such), valid check digit. */
export function benchCid(n: number): string {
  const first12 = `29999${String(n).padStart(7, '0')}`;
  return `${first12}${cidCheckDigit(first12)}`;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const portraits = Array.from({ length: 35 }, (_, seed) => base64(syntheticPortrait(seed)));

export function benchCard(n: number): PersonDetails {
  return {
    cid: benchCid(n),
    thaiName: { prefix: n % 2 === 0 ? 'นาย' : 'นาง', first: `ทดสอบ${n}`, middle: '', last: 'สมมุติ' },
    englishName: { prefix: n % 2 === 0 ? 'Mr.' : 'Mrs.', first: `Bench${n}`, middle: '', last: 'Sommut' },
    birthDate: `19${String(40 + (n % 60))}-0${1 + (n % 9)}-1${n % 10}`,
    sex: n % 2 === 0 ? '1' : '2',
    address: {
      houseNo: `${1 + (n % 200)}/${n % 9}`,
      villageNo: String(1 + (n % 12)),
      lane: null,
      road: 'ถนนทดสอบ',
      subdistrict: 'ตำบลสมมุติ',
      district: 'อำเภอสมมุติ',
      province: 'จังหวัดทดสอบ',
    },
    photo: { base64: portraits[n % portraits.length] ?? '' },
  };
}

export interface BenchContext {
  readonly key: Uint8Array;
  readonly hcode: string;
  /** The station user: central checks meta.source against it. */
  readonly stationId: string;
  readonly newId: IdFactory;
}

export function benchContext(hcode: string, stationId: string, seed = 1): BenchContext {
  const random = seededBytes(seed);
  let clock = Date.UTC(2026, 10, 1);
  return {
    key: random(32),
    hcode,
    stationId,
    newId: createIdFactory({ stationId, now: () => (clock += 1), randomBytes: random }),
  };
}

export function benchPatient(n: number, context: BenchContext, at: string): PatientDoc {
  const card = benchCard(n);
  return patientFromCard(card, {
    patientId: patientIdForCid(context.key, card.cid),
    hcode: context.hcode,
    stationId: context.stationId,
    at,
    source: 'card',
    hn: `HN${String(n).padStart(7, '0')}`,
  });
}

/** One visit of patient n at `at`: the Encounter and six Observations (BP panel, pulse, SpO2, temperature, respiration, weight). */
export function benchEncounter(
  n: number,
  patientId: string,
  context: BenchContext,
  at: string,
): { encounter: EncounterDoc; observations: ObservationDoc[] } {
  const encounterId = context.newId();
  const encounter = newVisit({
    encounterId,
    patientId,
    hcode: context.hcode,
    stationId: context.stationId,
    at,
    queueNumber: `B-${String(1 + (n % 999)).padStart(3, '0')}`,
    reason: 'ไข้ ไอ',
  });
  const observations = vitalSignObservations(
    [
      { code: '8480-6', value: 100 + (n % 60), unit: 'mm[Hg]' },
      { code: '8462-4', value: 60 + (n % 30), unit: 'mm[Hg]' },
      { code: '8867-4', value: 55 + (n % 50), unit: '/min' },
      { code: '59408-5', value: 92 + (n % 8), unit: '%' },
      { code: '8310-5', value: 36 + (n % 20) / 10, unit: 'Cel' },
      { code: '9279-1', value: 12 + (n % 10), unit: '/min' },
      { code: '29463-7', value: 40 + (n % 50), unit: 'kg' },
    ],
    { patientId, encounterId, stationId: context.stationId, effective: at, at, newId: context.newId },
  );
  return { encounter, observations };
}

/** Visit n as the 8 documents a registration plus vitals writes (patient n, first visit). */
export function benchVisitDocs(
  n: number,
  context: BenchContext,
  at: string,
): (PatientDoc | EncounterDoc | ObservationDoc)[] {
  const patient = benchPatient(n, context, at);
  const { encounter, observations } = benchEncounter(n, patient.id, context, at);
  return [patient, encounter, ...observations];
}
