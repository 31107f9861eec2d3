// A station whose clock runs two days behind edits a patient after seeing another station's revision; a
// concurrent re-read elsewhere must not revert that edit when the conflict is settled.
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { causalFieldTimes } from '../../../../sync/store/causalTimes.std.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { readFieldTimes } from '../../../../sync/model/meta.std.js';
import { resolveConflicts } from '../../../../sync/replication/resolver.dom.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const card = syntheticCard(31);
const patientId = patientIdForCid(TEST_KEY, card.cid);
const base = { patientId, hcode: TEST_HCODE, source: 'card' as const };
const atA = '2026-11-23T08:00:00.000Z';
// Station B's clock: two days behind, an hour after A's read in real time.
const atBSkewed = '2026-11-21T09:00:00.000Z';

const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

describe('causal field times (clock skew)', () => {
  it('stamps an edit after the revision it replaces, keeps unchanged fields’ times', () => {
    const fromA = patientFromCard(card, { ...base, stationId: 'st-a', at: atA });
    const editB = patientFromCard(
      { ...card, address: { ...card.address, houseNo: '77' } },
      { ...base, stationId: 'st-b', at: atBSkewed, existing: { ...fromA, _rev: '1-a' } },
    );
    expect(readFieldTimes(editB.meta)['address']).toBe(atBSkewed);
    const stamped = causalFieldTimes(fromA as unknown as Record<string, unknown>, editB);
    expect(readFieldTimes(stamped.meta)['address']).toBe('2026-11-23T08:00:00.001Z');
    expect(readFieldTimes(stamped.meta)['name']).toBe(atA);
    expect(causalFieldTimes(fromA as unknown as Record<string, unknown>, fromA)).toBe(fromA);
  });

  it('through DataContext.save, the skewed station’s later edit wins the conflict with a concurrent re-read', async () => {
    const [a, b] = [await DataContext.open(uniqueDbName('causal-a')), await DataContext.open(uniqueDbName('causal-b'))];
    opened.push(a, b);
    await a.save(patientFromCard(card, { ...base, stationId: 'st-a', at: atA }));
    await rawDb(a).replicate.to(rawDb(b));
    // B (clock two days behind) reads the card with a new address, having seen A's revision.
    await b.save(
      patientFromCard(
        { ...card, address: { ...card.address, houseNo: '77' } },
        { ...base, stationId: 'st-b', at: atBSkewed, existing: await b.patientById(patientId) },
      ),
    );
    // Meanwhile A, offline, re-reads the unchanged card half an hour after its first read.
    await a.save(
      patientFromCard(card, {
        ...base,
        stationId: 'st-a',
        at: '2026-11-23T08:30:00.000Z',
        existing: await a.patientById(patientId),
      }),
    );
    await rawDb(b).replicate.to(rawDb(a));
    const outcome = await resolveConflicts(a, [`Patient/${patientId}`], {
      stationId: 'st-a',
      hcode: TEST_HCODE,
      newId: testIdFactory('st-a'),
      now: () => '2026-11-23T09:00:00.000Z',
    });
    expect(outcome).toMatchObject({ resolved: 1, unresolved: [] });
    const merged = await a.patientById(patientId);
    expect(merged?.address?.[0]?.line?.[0]).toBe('77');
    expect(readFieldTimes(merged?.meta)['address']).toBe('2026-11-23T08:00:00.001Z');
  });
});
