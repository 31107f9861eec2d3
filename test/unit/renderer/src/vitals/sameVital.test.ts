// Two sources for one vital: the monitor's BP and the kiosk's BP a minute apart are one group shown side by
// side; "confirm all" charts everything else and never two values of one vital at one time without a choice.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InboxItem, ReadingValue } from '../../../../../electron/contract/devices.std.js';
import {
  NOT_CHOSEN,
  SAME_TIME_MS,
  choiceKey,
  planConfirmAll,
  planGroup,
  sameVitalGroups,
  vitalOf,
  type Choices,
} from '../../../../../renderer/src/vitals/sameVital.std.js';
import { planReadingChart } from '../../../../../sync/model/readingChart.std.js';

const t0 = Date.parse('2026-11-23T03:00:00.000Z');
const BP = [
  { code: '8480-6', value: 128, unit: 'mm[Hg]' },
  { code: '8462-4', value: 82, unit: 'mm[Hg]' },
];
const HR = { code: '8867-4', value: 76, unit: '/min' };
const SPO2 = { code: '59408-5', value: 97, unit: '%' };

function reading(id: string, minutes: number, values: readonly ReadingValue[], profile = 'omron-hbp9030'): InboxItem {
  const at = new Date(t0 + minutes * 60_000).toISOString();
  return {
    id,
    receivedAt: at,
    port: profile,
    profile,
    status: 'pending',
    patientRef: 'a',
    arrival: { patientRef: 'a', boundAt: at },
    subject: null,
    subjectOverride: null,
    reading: { profile, at, values: [...values], raw: '' },
    errorCode: null,
    chartedIds: [],
    discardReason: null,
    skipped: [],
    updatedAt: at,
  };
}

describe('same vital, two sources', () => {
  const monitor = reading('m', 0, [...BP, HR, SPO2], 'hl7-mllp');
  const kiosk = reading('k', 1, [...BP, HR]);
  const scale = reading('s', 1, [{ code: '29463-7', value: 61.2, unit: 'kg' }], 'gtech-gl310');

  it("the monitor's and the kiosk's BP a minute apart are one group; the scale is not in it", () => {
    const groups = sameVitalGroups([monitor, kiosk, scale]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.items.map((i) => i.id).sort()).toEqual(['k', 'm']);
    expect([...(groups[0]?.contested ?? [])].sort()).toEqual(['8867-4', 'bp']);
    // Far apart in time they are two measurements, no group.
    expect(sameVitalGroups([monitor, reading('k2', 30, BP)])).toEqual([]);
  });

  it('confirm all charts the scale and waits for the group; after the choice it charts each chosen value once', () => {
    const waiting = planConfirmAll([monitor, kiosk, scale], {});
    expect(waiting.charts.map((c) => c.item.id)).toEqual(['s']);
    expect(waiting.waiting).toHaveLength(1);
    const group = sameVitalGroups([monitor, kiosk, scale])[0];
    if (group === undefined) throw new Error('no group');
    const choices: Choices = { [choiceKey(group, 'bp')]: 'k', [choiceKey(group, '8867-4')]: 'm' };
    const plan = planGroup(group, choices);
    expect(plan.charts.map((c) => [c.item.id, [...c.excludeCodes].sort()])).toEqual([
      ['m', ['8462-4', '8480-6']],
      ['k', ['8867-4']],
    ]);
    // A kiosk reading whose only value lost the choice has nothing left: it is discarded as not chosen.
    const onlyBp = reading('k3', 1, BP);
    const pair = sameVitalGroups([monitor, onlyBp])[0];
    if (pair === undefined) throw new Error('no pair');
    const kept = planGroup(pair, { [choiceKey(pair, 'bp')]: 'm' });
    expect(kept.discards.map((i) => i.id)).toEqual(['k3']);
    expect(NOT_CHOSEN).toMatch(/^duplicate/);
  });

  it('property: whatever arrives and whatever the nurse picked, no vital is charted twice within the window, and nothing is lost unsaid', () => {
    const vitalSet = fc.subarray([BP, [HR], [SPO2], [{ code: '8310-5', value: 36.8, unit: 'Cel' }]], { minLength: 1 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), vitalSet), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (rows, picks) => {
          const items = rows.map(([minute, sets], index) => reading(`r${String(index)}`, minute, sets.flat()));
          const choices: Record<string, string> = {};
          let p = 0;
          for (const group of sameVitalGroups(items)) {
            for (const vital of group.contested) {
              const pick = picks[p++];
              if (pick !== undefined)
                choices[choiceKey(group, vital)] = group.items[pick % group.items.length]?.id ?? '';
            }
          }
          const plan = planConfirmAll(items, choices);
          const charted = plan.charts.flatMap((step) =>
            planReadingChart(
              step.item,
              { patientId: 'a', hcode: '99999', stationId: 'st', at: step.item.receivedAt },
              step.excludeCodes,
            ).observations.map((o) => ({
              vital: vitalOf(o.code.coding?.[0]?.code === '85354-9' ? '8480-6' : (o.code.coding?.[0]?.code ?? '')),
              at: Date.parse(step.item.receivedAt),
              id: step.item.id,
            })),
          );
          for (const a of charted)
            for (const b of charted)
              if (a.id !== b.id && a.vital === b.vital) expect(Math.abs(a.at - b.at)).toBeGreaterThan(SAME_TIME_MS);
          // Every reading is charted, discarded as not chosen, or waiting for the nurse.
          const accounted = new Set([
            ...plan.charts.map((c) => c.item.id),
            ...plan.discards.map((i) => i.id),
            ...plan.waiting.flatMap((g) => g.items.map((i) => i.id)),
          ]);
          expect([...accounted].sort()).toEqual(items.map((i) => i.id).sort());
        },
      ),
      { numRuns: 1500 },
    );
  });
});
