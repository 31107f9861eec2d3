// Issue 13 (left over from §7): two nurse stations offline both "call next" on the same waiting visit. When their
// revisions meet, the visit ends in one state whatever order they come in (the earlier call), the station that
// called first sees nothing wrong, and every other station is told which station holds the patient.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newVisit, type EncounterDoc } from '../../../../sync/model/encounter.std.js';
import { queueHolder, queueStage, withQueueStage, type QueueStation } from '../../../../sync/model/queueStage.std.js';
import { callClash, clashKey, stillWaiting } from '../../../../sync/model/queueCall.std.js';
import { resolveConflict, type Revision } from '../../../../sync/replication/conflictRules.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';

const T0 = Date.parse('2026-12-06T02:00:00.000Z');
const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const waiting = newVisit({
  encounterId: 'eA7',
  patientId: 'p7',
  hcode: '99999',
  stationId: 'st-99999-a',
  at: iso(0),
  queueNumber: 'A-007',
});
const station = (n: number): QueueStation => ({ id: `st-99999-n${String(n)}`, name: `จุดซักประวัติ ${String(n)}` });

/** A station's offline call of the waiting visit, as the revision it pushes (generation 2, its own hash). */
function callBy(n: number, seconds: number, hash: string): Revision {
  return { ...withQueueStage(waiting, 'called', iso(seconds), station(n)), _rev: `2-${hash}` } as unknown as Revision;
}

function merged(revisions: readonly Revision[]): EncounterDoc {
  const result = resolveConflict(revisions);
  if (result.kind !== 'resolved') throw new Error('unresolved');
  return result.merged as unknown as EncounterDoc;
}

describe('two stations call the same visit offline', () => {
  const call = fc.record({
    station: fc.integer({ min: 1, max: 9 }),
    at: fc.integer({ min: 1, max: 3600 }),
    hash: fc.stringMatching(/^[0-9a-f]{8}$/),
  });
  const calls = fc
    .uniqueArray(call, { minLength: 2, maxLength: 4, selector: (item) => item.station })
    .filter((items) => new Set(items.map((item) => item.hash)).size === items.length);

  it('the earlier call holds the visit, whatever order the revisions meet in; every other station is told who has it', () => {
    fc.assert(
      fc.property(calls, fc.nat(), (items, seed) => {
        const revisions = items.map((item) => callBy(item.station, item.at, item.hash));
        const result = merged(revisions);
        const rotated = [
          ...revisions.slice(seed % revisions.length),
          ...revisions.slice(0, seed % revisions.length),
        ].reverse();
        expect(merged(rotated)).toEqual(result);
        expect(queueStage(result)).toBe('called');
        const earliest = Math.min(...items.map((item) => item.at));
        const first = items.filter((item) => item.at === earliest);
        const holder = queueHolder(result);
        expect(first.map((item) => station(item.station).id)).toContain(holder?.id);
        // One clear state: exactly one station holds it, the others each get the holder's name.
        const clashes = items.map((item) => callClash(result, station(item.station).id));
        expect(clashes.filter((clash) => clash === null)).toHaveLength(1);
        for (const clash of clashes.filter((found) => found !== null)) {
          expect(clash.by.name).toBe(holder?.name);
          expect(clash.stage).toBe('called');
          if (first.length === 1) expect(clash.at).toBe(iso(earliest));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a later call of the same visit does not take it from the station that called first (the later edit lost before)', () => {
    const first = callBy(1, 10, 'aaaaaaaa');
    const later = callBy(2, 20, 'ffffffff');
    const result = merged([later, first]);
    expect(queueHolder(result)).toEqual(station(1));
    expect(callClash(result, station(2).id)).toEqual({ by: station(1), stage: 'called', at: iso(10) });
    expect(callClash(result, station(1).id)).toBeNull();
  });

  it('a station that screened the patient holds the visit over a station that only called it', () => {
    const calledHere = callBy(1, 10, 'aaaaaaaa');
    const screenedThere = {
      ...withQueueStage(withQueueStage(waiting, 'called', iso(20), station(2)), 'screened', iso(200), station(2)),
      _rev: '3-bbbbbbbb',
    } as unknown as Revision;
    const result = merged([calledHere, screenedThere]);
    expect(queueStage(result)).toBe('screened');
    expect(callClash(result, station(1).id)).toEqual({ by: station(2), stage: 'screened', at: iso(200) });
  });

  it('the nurse who lost can call the patient to her station (she saw them here); then the other station is told', async () => {
    const result = merged([callBy(1, 10, 'aaaaaaaa'), callBy(2, 20, 'ffffffff')]);
    const retaken = withQueueStage(result, 'called', iso(300), station(2), true);
    expect(callClash(retaken, station(2).id)).toBeNull();
    expect(callClash(retaken, station(1).id)?.by).toEqual(station(2));
    expect(() => withQueueStage(result, 'called', iso(300), station(2))).toThrow();
    expect(await fhirIssues(retaken)).toEqual([]);
  });

  it('a take-over beats the call it replaced even when the two meet again as conflicting branches (another station’s merge)', () => {
    const first = callBy(1, 10, 'aaaaaaaa');
    const settled = merged([callBy(2, 20, 'ffffffff'), first]);
    // Station 2's nurse saw the clash and called the patient to her station, on top of the merge she holds...
    const retaken = {
      ...withQueueStage(settled, 'called', iso(300), station(2), true),
      _rev: '4-bbbbbbbb',
    } as unknown as Revision;
    // ...while station 1 had written the same merge as its own branch (its merge of the first clash).
    const otherMerge = { ...first, _rev: '3-cccccccc' } as Revision;
    for (const order of [
      [retaken, otherMerge],
      [otherMerge, retaken],
    ]) {
      const result = merged(order);
      expect(queueHolder(result)).toEqual(station(2));
      expect(callClash(result, station(1).id)?.by).toEqual(station(2));
    }
    // Two take-overs made at once: the earlier of them.
    const againHere = {
      ...withQueueStage(settled, 'called', iso(280), station(3), true),
      _rev: '4-dddddddd',
    } as unknown as Revision;
    expect(queueHolder(merged([retaken, againHere]))).toEqual(station(3));
  });

  it('an answered clash is keyed to the revision it was about, so a later move elsewhere asks again', () => {
    const screened = withQueueStage(
      withQueueStage(waiting, 'called', iso(20), station(2)),
      'screened',
      iso(200),
      station(2),
    );
    const clash = callClash(screened, station(1).id);
    if (clash === null) throw new Error('no clash');
    const sentOn = withQueueStage(screened, 'sent_on', iso(400), station(2));
    const again = callClash(sentOn, station(1).id);
    if (again === null) throw new Error('no clash');
    expect(clashKey(again, 'eA7')).not.toBe(clashKey(clash, 'eA7'));
  });

  it('"call next" takes a fresh read only while the visit still waits', () => {
    expect(stillWaiting(waiting)).toBe(true);
    expect(stillWaiting(withQueueStage(waiting, 'called', iso(5), station(3)))).toBe(false);
    expect(stillWaiting(null)).toBe(false);
  });
});
