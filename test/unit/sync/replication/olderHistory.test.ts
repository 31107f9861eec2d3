// Issue 15 §2: a patient's older history from central is merged once into the trend view, and only what was
// asked for is taken from central's answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vitalSignObservations, type ObservationDoc } from '../../../../sync/model/observation.std.js';
import { fetchOlderObservations } from '../../../../sync/replication/olderHistory.dom.js';
import { mergeHistory, olderCutoff } from '../../../../renderer/src/vitals/olderHistory.std.js';
import { testIdFactory } from '../../../factories/fhirFixtures.js';

const newId = testIdFactory('st-older');
function reading(patientId: string, at: string, value = 70): ObservationDoc {
  const [observation] = vitalSignObservations([{ code: '8867-4', value, unit: '/min' }], {
    patientId,
    encounterId: newId(),
    stationId: 'st-older',
    effective: at,
    at,
    newId,
  });
  if (observation === undefined) throw new Error('no observation');
  return observation;
}

const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 11, 1) })
  .map((ms) => new Date(ms).toISOString());

describe('merging central’s older readings into the trend', () => {
  it('every reading once, the station’s copy kept, newest first', () => {
    fc.assert(
      fc.property(
        fc.array(instant, { maxLength: 8 }),
        fc.array(instant, { maxLength: 8 }),
        fc.nat({ max: 8 }),
        (localAt, olderAt, shared) => {
          const local = localAt.map((at) => reading('p1', at));
          const fromCentral = [
            ...olderAt.map((at) => reading('p1', at)),
            ...local.slice(0, shared).map((doc) => ({ ...doc, note: [{ text: 'central copy' }] }) as ObservationDoc),
          ];
          const merged = mergeHistory(local, fromCentral);
          const ids = merged.map((doc) => doc._id);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBe(local.length + olderAt.length);
          for (const doc of local) expect(merged.find((each) => each._id === doc._id)).toBe(doc);
          for (let i = 1; i < merged.length; i += 1)
            expect(
              (merged[i - 1] as ObservationDoc).effectiveDateTime >= (merged[i] as ObservationDoc).effectiveDateTime,
            ).toBe(true);
        },
      ),
    );
  });

  it('asks for what is older than the oldest reading the station holds, or older than now', () => {
    const now = new Date('2026-12-06T10:00:00.000Z');
    expect(olderCutoff([], now)).toBe(now.toISOString());
    expect(
      olderCutoff([reading('p1', '2026-11-20T08:00:00.000Z'), reading('p1', '2026-11-08T09:30:00.000Z')], now),
    ).toBe('2026-11-08T09:30:00.000Z');
  });
});

describe('reading older history from central', () => {
  it('keeps only valid Observations of the record ids asked, measured before the cutoff', async () => {
    const before = '2026-11-01T00:00:00.000Z';
    const mine = reading('p1', '2025-01-01T08:00:00.000Z');
    const merged = reading('p0', '2024-06-01T08:00:00.000Z');
    const answers: Record<string, object[]> = {
      'Patient/p1': [
        mine,
        reading('p9', '2025-01-02T08:00:00.000Z'),
        reading('p1', '2026-11-05T08:00:00.000Z'),
        { _id: 'Observation/x', resourceType: 'Observation' },
        { _id: 'Patient/p1', resourceType: 'Patient' },
      ],
      'Patient/p0': [merged],
    };
    const remote = {
      find: (request: { selector: Record<string, unknown> }) =>
        Promise.resolve({ docs: answers[String(request.selector['subject.reference'])] ?? [] }),
    } as unknown as Parameters<typeof fetchOlderObservations>[0];
    const found = await fetchOlderObservations(remote, ['p1', 'p0'], before);
    expect(found.map((doc) => doc._id)).toEqual([mine._id, merged._id]);
  });
});
