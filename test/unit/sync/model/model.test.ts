import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PatientDoc, patientFromCard, patientCid } from '../../../../sync/model/patient.std.js';
import {
  newVisit,
  nextQueueNumber,
  withEncounterStatus,
  queuePrefixFor,
} from '../../../../sync/model/encounter.std.js';
import {
  vitalSignObservations,
  enteredInError,
  immutablePart,
  VitalItemError,
} from '../../../../sync/model/observation.std.js';
import { deviceDoc } from '../../../../sync/model/device.std.js';
import { conflictArchive, archivedRevisions } from '../../../../sync/model/auditEvent.std.js';
import { hashCid, patientIdForCid, createIdFactory, idTime } from '../../../../sync/model/ids.std.js';
import { migrateDoc, readStoredDoc } from '../../../../sync/model/documents.std.js';
import { SCHEMA_VERSION, schemaVersionOf, readFieldTimes } from '../../../../sync/model/meta.std.js';
import { LANGUAGE_EXT, TH_CID } from '../../../../sync/model/systems.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, syntheticCid, testIdFactory } from '../../../factories/fhirFixtures.js';
import { photoMedia } from '../../../../sync/model/media.std.js';
import { base64ToBytes } from '../../../../sync/model/base64.std.js';
import { hasContentId } from '../../../../sync/model/contentId.std.js';

const at = '2025-03-04T08:15:00.000Z';
const ctx = { hcode: TEST_HCODE, stationId: 'st-a', at, source: 'card' as const };

describe('patient from a card read', () => {
  it('is valid FHIR R4 with Thai Core identifiers, both names, address parts, and the photo as its own Media record', () => {
    const card = syntheticCard(1);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const photo = photoMedia(card.photo?.base64 ?? '', {
      patientId,
      stationId: 'st-a',
      at,
      source: 'card',
      timeId: testIdFactory('st-a')(),
    });
    const patient = patientFromCard(card, { ...ctx, patientId, hn: '000123', photo });
    expect(fhirIssues(patient)).toEqual([]);
    expect(fhirIssues(photo)).toEqual([]);
    expect(hasContentId(photo)).toBe(true);
    expect(photo.subject.reference).toBe(`Patient/${patientId}`);
    expect(photo._attachments?.['photo.jpg']).toMatchObject({ content_type: 'image/jpeg', data: card.photo?.base64 });
    expect(photo.content).toMatchObject({
      contentType: 'image/jpeg',
      size: base64ToBytes(card.photo?.base64 ?? '').length,
    });
    expect(patient.photo?.[0]).toMatchObject({ url: `Media/${photo.id}`, hash: photo.content.hash });
    expect(patientCid(patient)).toBe(card.cid);
    expect(patient.identifier.map((id) => id.system)).toEqual([
      TH_CID,
      `https://terms.sil-th.org/hcode/5/${TEST_HCODE}/HN`,
    ]);
    expect(patient.name?.map((name) => name.extension?.[0]?.valueCode)).toEqual(['th', 'en']);
    expect(patient.name?.[0]).toMatchObject({ family: 'สมมุติ', given: ['ทดสอบ1'], prefix: ['นาย'] });
    expect(patient.address?.[0]).toMatchObject({
      city: 'ตำบลสมมุติ',
      district: 'อำเภอสมมุติ',
      state: 'จังหวัดทดสอบ',
      line: ['12/3', 'หมู่ที่ 4', 'ถนนทดสอบ'],
    });
    expect(patient.gender).toBe('male');
    // No bytes on the Patient: a station pulls every Patient (issue 15), photos stay on central.
    expect(patient._attachments).toBeUndefined();
    expect(
      Object.keys(patient)
        .filter((key) => !key.startsWith('_'))
        .every((key) =>
          [
            'resourceType',
            'id',
            'meta',
            'identifier',
            'active',
            'name',
            'gender',
            'birthDate',
            'address',
            'photo',
          ].includes(key),
        ),
    ).toBe(true);
    expect(schemaVersionOf(patient.meta)).toBe(SCHEMA_VERSION);
  });

  it('keeps partial birth dates and never puts the CID in the id', () => {
    for (const birthDate of ['1975', '1975-02']) {
      const card = syntheticCard(2, { birthDate, sex: '2', englishName: null, photo: null });
      const patient = patientFromCard(card, { ...ctx, patientId: patientIdForCid(TEST_KEY, card.cid) });
      expect(fhirIssues(patient)).toEqual([]);
      expect(patient.birthDate).toBe(birthDate);
      expect(patient.gender).toBe('female');
      expect(patient._id).not.toContain(card.cid);
    }
  });

  it('an update stamps only changed fields and keeps what the card does not carry', () => {
    const card = syntheticCard(3);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const first = patientFromCard(card, { ...ctx, patientId, hn: '7' });
    const later = '2025-03-05T09:00:00.000Z';
    const second = patientFromCard(
      { ...card, address: { ...card.address, houseNo: '99' }, photo: null },
      { ...ctx, at: later, patientId, existing: { ...first, _rev: '1-x' } },
    );
    const times = readFieldTimes(second.meta);
    expect(times['address']).toBe(later);
    expect(times['name']).toBe(at);
    expect(second._rev).toBe('1-x');
    expect(second.photo).toEqual(first.photo);
    expect(second.identifier).toHaveLength(2);
    expect(fhirIssues(second)).toEqual([]);
  });

  it('the same card read again (photo skipped as stored) onto the schema-parsed patient changes no field time', () => {
    const card = syntheticCard(4);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const stored = PatientDoc.parse({ ...patientFromCard(card, { ...ctx, patientId }), _rev: '1-x' });
    const again = patientFromCard(
      { ...card, photo: null },
      { ...ctx, at: '2025-03-05T09:00:00.000Z', patientId, existing: stored },
    );
    expect(readFieldTimes(again.meta)).toEqual(readFieldTimes(stored.meta));
  });
});

describe('ids', () => {
  it('hashCid is keyed: same key same id, other key other id, no digits of the CID leak', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const cid = syntheticCid(n);
        const id = patientIdForCid(TEST_KEY, cid);
        expect(id).toBe(patientIdForCid(TEST_KEY, cid));
        expect(id).not.toBe(patientIdForCid(new Uint8Array(32).fill(7), cid));
        expect(id).toMatch(/^p[0-9a-f]{40}$/);
        expect(hashCid(TEST_KEY, cid)).toHaveLength(64);
      }),
      { numRuns: 300 },
    );
  });

  it('time-ordered ids sort by creation, stay unique across stations and survive a clock stepping back', () => {
    let clock = 1_700_000_000_000;
    const random = (length: number) => new Uint8Array(length);
    const a = createIdFactory({ stationId: 'a', now: () => clock, randomBytes: random });
    const b = createIdFactory({ stationId: 'b', now: () => clock, randomBytes: random });
    const ids: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      if (i === 250)
        clock -= 60_000; // skew: the clock jumps back a minute
      else if (i % 7 === 6) clock += 1;
      ids.push(a());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(a()).not.toBe(b());
    expect(idTime(ids[0] ?? '')).toBe(1_700_000_000_000);
  });
});

describe('encounter', () => {
  it('valid FHIR with a station-partitioned queue number', () => {
    const prefix = queuePrefixFor('opd-1');
    expect(prefix).toBe('OPD1');
    const queue = nextQueueNumber(prefix, ['OPD1-001', 'OPD1-002', 'B-017']);
    expect(queue).toBe('OPD1-003');
    const visit = newVisit({
      encounterId: testIdFactory()(),
      patientId: 'pabc',
      hcode: TEST_HCODE,
      stationId: 'st-a',
      at,
      queueNumber: queue,
      reason: 'ไข้',
    });
    expect(fhirIssues(visit)).toEqual([]);
    const done = withEncounterStatus(visit, 'finished', '2025-03-04T09:00:00.000Z', 'st-a');
    expect(fhirIssues(done)).toEqual([]);
    expect(done.period.end).toBe('2025-03-04T09:00:00.000Z');
  });

  it('two stations never give out the same number, whatever each has given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 999 })),
        fc.array(fc.integer({ min: 1, max: 999 })),
        (aGiven, bGiven) => {
          const a = nextQueueNumber(
            'A',
            aGiven.map((n) => `A-${n}`),
          );
          const b = nextQueueNumber(
            'B',
            bGiven.map((n) => `B-${n}`),
          );
          expect(a).not.toBe(b);
        },
      ),
    );
  });
});

const base = { patientId: 'pabc', encounterId: 'enc1', stationId: 'st-a', effective: at, at, newId: testIdFactory() };

describe('observations', () => {
  const all = [
    { code: '8480-6', value: 128, unit: 'mm[Hg]' },
    { code: '8462-4', value: 82, unit: 'mmHg' },
    { code: '8867-4', value: 72, unit: '/min' },
    { code: '59408-5', value: 97, unit: '%' },
    { code: '8310-5', value: 36.8, unit: 'Cel' },
    { code: '9279-1', value: 16, unit: '/min' },
    { code: '29463-7', value: 61.5, unit: 'kg' },
    { code: '8302-2', value: 165, unit: 'cm' },
    { code: '39156-5', value: 22.6, unit: 'kg/m2' },
  ];

  it('device readings become valid vital-signs Observations, BP as one panel', () => {
    const device = deviceDoc({
      hcode: TEST_HCODE,
      stationId: 'st-a',
      at,
      profile: 'omron-hbp9030',
      serialOrPort: '/dev/ttyS0',
      manufacturer: 'Omron',
    });
    expect(fhirIssues(device)).toEqual([]);
    const observations = vitalSignObservations(all, { ...base, deviceId: device.id });
    expect(observations).toHaveLength(8);
    const panel = observations[0];
    expect(panel?.code.coding?.[0]?.code).toBe('85354-9');
    expect(panel?.component?.map((c) => c.code.coding?.[0]?.code)).toEqual(['8480-6', '8462-4']);
    for (const observation of observations) {
      expect(fhirIssues(observation)).toEqual([]);
      expect(observation.category[0]?.coding?.[0]?.code).toBe('vital-signs');
      expect(observation.device?.reference).toBe(`Device/${device.id}`);
    }
  });

  it('manual entry has no device, refuses implausible values, half a pressure and wrong units', () => {
    const manual = vitalSignObservations([{ code: '8310-5', value: 37.2, unit: 'Cel' }], base);
    expect(manual[0]?.device).toBeUndefined();
    expect(manual[0]?.meta.tag?.some((tag) => tag.code === 'manual')).toBe(true);
    expect(() => vitalSignObservations([{ code: '8310-5', value: 98.6, unit: 'Cel' }], base)).toThrow(VitalItemError);
    expect(() => vitalSignObservations([{ code: '8480-6', value: 120, unit: 'mm[Hg]' }], base)).toThrow(VitalItemError);
    expect(() => vitalSignObservations([{ code: '8867-4', value: 70, unit: 'kg' }], base)).toThrow(VitalItemError);
  });

  it('a correction leaves the values of the old one untouched', () => {
    const [old] = vitalSignObservations([{ code: '8867-4', value: 72, unit: '/min' }], base);
    if (old === undefined) throw new Error('no observation');
    const marked = enteredInError(old, '2025-03-04T08:20:00.000Z', 'st-a');
    expect(marked.status).toBe('entered-in-error');
    expect(immutablePart(marked)).toBe(immutablePart(old));
    expect(fhirIssues(marked)).toEqual([]);
  });
});

describe('audit archive and migration', () => {
  it('keeps losing revisions whole and is valid FHIR', () => {
    const loser = { _id: 'Patient/p1', _rev: '2-b', resourceType: 'Patient', birthDate: '1970' };
    const audit = conflictArchive({
      id: testIdFactory()(),
      stationId: 'st-a',
      hcode: TEST_HCODE,
      at,
      target: 'Patient/p1',
      losers: [loser],
      rule: 'patient-fieldwise',
    });
    expect(fhirIssues(audit)).toEqual([]);
    expect(archivedRevisions(audit)).toEqual([loser]);
  });

  it('migrates version-1 documents (no tag, no language, no category) and is idempotent', () => {
    const v1Patient = {
      _id: 'Patient/p1',
      resourceType: 'Patient',
      id: 'p1',
      meta: {},
      identifier: [{ system: TH_CID, value: syntheticCid(9) }],
      name: [{ family: 'สมมุติ', given: ['ทดสอบ'] }, { family: 'Sommut' }],
    };
    const { doc, changed, from } = migrateDoc(v1Patient);
    expect(changed).toBe(true);
    expect(from).toBe(1);
    const parsed = readStoredDoc(doc);
    expect(parsed?.resourceType).toBe('Patient');
    if (parsed?.resourceType !== 'Patient') throw new Error('not a patient');
    expect(parsed.name?.map((name) => name.extension?.find((ext) => ext.url === LANGUAGE_EXT)?.valueCode)).toEqual([
      'th',
      'en',
    ]);
    expect(migrateDoc(doc).changed).toBe(false);
    const v1Obs = {
      ...vitalSignObservations([{ code: '8867-4', value: 60, unit: '/min' }], base)[0],
      category: undefined,
      meta: {},
    };
    const migrated = readStoredDoc(migrateDoc(v1Obs).doc);
    expect(migrated?.resourceType === 'Observation' && migrated.category[0]?.coding?.[0]?.code).toBe('vital-signs');
  });
});
