// The Vitals lists of pending readings: every pending reading is in exactly one list, none hidden; a discard
// needs a reason.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InboxItem } from '../../../../../electron/contract/devices.std.js';
import { discardReasonText, splitPending } from '../../../../../renderer/src/vitals/pending.std.js';

function item(id: string, patientRef: string | null): InboxItem {
  return {
    id,
    receivedAt: '2026-11-23T03:00:00.000Z',
    port: 'p',
    profile: 'omron-hbp9030',
    status: 'pending',
    patientRef,
    arrival: { patientRef, boundAt: null },
    subject: null,
    subjectOverride: null,
    reading: null,
    errorCode: null,
    chartedIds: [],
    discardReason: null,
    skipped: [],
    updatedAt: '2026-11-23T03:00:00.000Z',
  };
}

describe('splitPending', () => {
  it("the current patient's readings, and everything else (unassigned or another patient's) in the other list", () => {
    const items = [item('3', null), item('2', 'Patient-b'), item('1', 'Patient-a')];
    const view = splitPending(items, 'Patient-a');
    expect(view.forPatient.map((i) => i.id)).toEqual(['1']);
    expect(view.others.map((i) => i.id)).toEqual(['3', '2']);
    expect(splitPending(items, null).others.map((i) => i.id)).toEqual(['3', '2', '1']);
  });

  it('no reading is ever dropped or shown twice (property)', () => {
    const patient = fc.constantFrom(null, 'Patient-a', 'Patient-b', 'Patient-c');
    fc.assert(
      fc.property(fc.array(patient, { maxLength: 40 }), patient, (refs, current) => {
        const items = refs.map((ref, index) => item(String(index), ref));
        const view = splitPending(items, current);
        const shown = [...view.forPatient, ...view.others].map((i) => i.id).sort();
        expect(shown).toEqual(items.map((i) => i.id).sort());
      }),
      { numRuns: 500 },
    );
  });
});

describe('discardReasonText', () => {
  it('needs a reason; "other" needs words', () => {
    expect(discardReasonText('', '')).toBeNull();
    expect(discardReasonText('wrong_patient', '')).toBe('wrong_patient');
    expect(discardReasonText('other', '   ')).toBeNull();
    expect(discardReasonText('other', ' cuff slipped ')).toBe('other: cuff slipped');
  });
});
