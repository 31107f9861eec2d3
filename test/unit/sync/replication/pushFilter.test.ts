import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pushFilterFor } from '../../../../sync/replication/pushFilter.std.js';
import { stationSource } from '../../../../sync/model/systems.std.js';

const me = 'st-10953-desk';
const pushable = pushFilterFor(me);

describe('what a station pushes', () => {
  it('its own records and any deletion, never a design document or another author’s record', () => {
    expect(pushable({ _id: 'Patient/p1', meta: { source: stationSource(me) } })).toBe(true);
    expect(pushable({ _id: 'Device/d1', _deleted: true })).toBe(true);
    expect(pushable({ _id: 'Patient/p1', meta: { source: stationSource('st-10953-nurse') } })).toBe(false);
    expect(pushable({ _id: 'Patient/p1' })).toBe(false);
    expect(pushable({ _id: '_design/idx', meta: { source: stationSource(me) } })).toBe(false);
  });

  it('pushes a live record exactly when central would take its author from this station', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (author) => {
        expect(pushable({ _id: 'Encounter/e1', meta: { source: author } })).toBe(
          author === `urn:clinic-edge:station:${me}`,
        );
      }),
    );
  });
});
