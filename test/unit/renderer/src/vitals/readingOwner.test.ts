// Whose a pending reading is: unassigned stays nobody's; a reading bound to a replaced record is its
// survivor's; a reading whose message names another patient (HL7 PID) is a mismatch until the nurse moves it
// or chooses its patient over the message; readings that cannot be charted are never in the bound patient's list.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InboxItem, ReadingSubject } from '../../../../../electron/contract/devices.std.js';
import {
  judgeReading,
  movesAgainstSubject,
  type PeopleIndex,
} from '../../../../../renderer/src/vitals/readingOwner.std.js';
import { splitPending } from '../../../../../renderer/src/vitals/pending.std.js';
import { planReadingChart, UnassignedReadingError } from '../../../../../sync/model/readingChart.std.js';

const at = '2026-11-23T03:00:00.000Z';
function pendingItem(id: string, patientRef: string | null, extra: Partial<InboxItem> = {}): InboxItem {
  return {
    id,
    receivedAt: at,
    port: 'p',
    profile: 'omron-hbp9030',
    status: 'pending',
    patientRef,
    arrival: { patientRef, boundAt: patientRef === null ? null : at },
    subject: null,
    subjectOverride: null,
    reading: {
      profile: 'omron-hbp9030',
      at,
      values: [
        { code: '8480-6', value: 120, unit: 'mm[Hg]' },
        { code: '8462-4', value: 80, unit: 'mm[Hg]' },
      ],
      raw: '',
    },
    errorCode: null,
    chartedIds: [],
    discardReason: null,
    skipped: [],
    updatedAt: at,
    ...extra,
  };
}

// 'old' was merged into 'a' (replaced-by); HN 100 is a's, HN 200 is b's.
const people: PeopleIndex = {
  survivorOf: (id) => (id === 'old' ? 'a' : id),
  withHn: (hn) => (({ '100': ['a'], '200': ['b'] }) as Record<string, string[]>)[hn] ?? [],
};
const subject = (patientRef: string | null, hn: string | null = null, disagree = false): ReadingSubject => ({
  patientRef,
  hn,
  disagree,
});

describe('judgeReading', () => {
  it('no patient bound when it arrived: unassigned, whoever is bound now', () => {
    expect(judgeReading(pendingItem('1', null), people).kind).toBe('unassigned');
    expect(splitPending([pendingItem('1', null)], 'a', people).forPatient).toEqual([]);
  });

  it("a reading bound to a replaced record is its survivor's", () => {
    expect(judgeReading(pendingItem('1', 'old'), people)).toMatchObject({ kind: 'ok', owner: 'a' });
    expect(splitPending([pendingItem('1', 'old')], 'a', people).forPatient.map((i) => i.id)).toEqual(['1']);
  });

  it('the message naming the same person (CID via a merge, or HN) is fine; naming another is a mismatch', () => {
    expect(judgeReading(pendingItem('1', 'a', { subject: subject('old') }), people).kind).toBe('ok');
    expect(judgeReading(pendingItem('1', 'old', { subject: subject(null, '100') }), people).kind).toBe('ok');
    expect(judgeReading(pendingItem('1', 'a', { subject: subject('b') }), people)).toMatchObject({
      kind: 'mismatch',
      named: { kind: 'patient', patientId: 'b' },
    });
    expect(judgeReading(pendingItem('1', 'a', { subject: subject(null, '200') }), people).kind).toBe('mismatch');
    expect(judgeReading(pendingItem('1', 'a', { subject: subject(null, '999') }), people)).toMatchObject({
      kind: 'mismatch',
      named: { kind: 'unknown', hn: '999' },
    });
    expect(judgeReading(pendingItem('1', 'a', { subject: subject('a', '200') }), people)).toMatchObject({
      kind: 'mismatch',
      named: { kind: 'disagree' },
    });
    expect(judgeReading(pendingItem('1', 'a', { subject: subject(null, null, true) }), people).kind).toBe('mismatch');
  });

  it("the nurse's choice of this patient over the message resolves it, for that patient only", () => {
    expect(judgeReading(pendingItem('1', 'a', { subject: subject('b'), subjectOverride: 'a' }), people).kind).toBe(
      'ok',
    );
    expect(judgeReading(pendingItem('1', 'c', { subject: subject('b'), subjectOverride: 'a' }), people).kind).toBe(
      'mismatch',
    );
    const verdict = judgeReading(pendingItem('1', 'a', { subject: subject('b') }), people);
    expect(movesAgainstSubject(verdict, 'b', people)).toBe(false);
    expect(movesAgainstSubject(verdict, 'a', people)).toBe(true);
  });

  it('an unassigned reading is never planned for charting', () => {
    const context = { patientId: 'a', hcode: '99999', stationId: 'st', at };
    expect(() => planReadingChart(pendingItem('1', null), context)).toThrow(UnassignedReadingError);
  });

  it("property: the bound patient's list holds only readings that are theirs with nothing standing against; none lost", () => {
    const ref = fc.constantFrom(null, 'a', 'b', 'old');
    const subj = fc.option(
      fc.record({ patientRef: ref, hn: fc.constantFrom(null, '100', '200', '999'), disagree: fc.boolean() }),
      { nil: null },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ref, subj, fc.constantFrom(null, 'a', 'b')), { maxLength: 30 }),
        fc.constantFrom(null, 'a', 'b'),
        (rows, bound) => {
          const items = rows.map(([patientRef, s, override], index) =>
            pendingItem(String(index), patientRef, { subject: s, subjectOverride: override }),
          );
          const view = splitPending(items, bound, people);
          expect([...view.forPatient, ...view.others].map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
          for (const item of view.forPatient) {
            expect(item.patientRef).not.toBeNull();
            expect(people.survivorOf(item.patientRef ?? '')).toBe(bound);
            const named = item.subject;
            const chosen = item.subjectOverride !== null && item.subjectOverride === item.patientRef;
            if (named !== null && !chosen) {
              expect(named.disagree).toBe(false);
              if (named.patientRef !== null) expect(people.survivorOf(named.patientRef)).toBe(bound);
              // An HN this store does not hold is no contradiction of a matching CID; any HN it holds must agree.
              const holders = named.hn === null ? [] : (people.withHn(named.hn) ?? []);
              if (holders.length > 0 || (named.patientRef === null && named.hn !== null))
                expect(holders).toEqual([bound]);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
