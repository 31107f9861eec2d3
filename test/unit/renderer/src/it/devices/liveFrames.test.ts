// The live test view folds device events: readings and refusals newest first (at most LIVE_LIMIT), a refused
// frame carrying the codes its status event set aside, statuses kept current.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InboxItem, PortStatus } from '../../../../../../electron/contract/devices.std.js';
import {
  LIVE_LIMIT,
  foldDeviceEvent,
  type DeviceEvent,
  type LiveState,
} from '../../../../../../renderer/src/it/devices/liveFrames.std.js';

const status: PortStatus = {
  port: 'tcp:2575',
  profile: 'hl7-mllp',
  state: 'listening',
  errorCode: null,
  detail: null,
  since: '2026-12-06T03:00:00.000Z',
  lastFrameAt: null,
  dialect: 'auto',
  lastNotTaken: null,
  reconnects: 0,
};
const empty: LiveState = { entries: [], statuses: [status] };

function reading(id: number, at: string): InboxItem {
  return {
    id: String(id),
    receivedAt: at,
    port: 'tcp:2575',
    profile: 'hl7-mllp',
    status: 'pending',
    patientRef: null,
    arrival: null,
    subject: null,
    subjectOverride: null,
    reading: { profile: 'hl7-mllp', at, values: [{ code: '8867-4', value: 72, unit: '/min' }], raw: '' },
    errorCode: null,
    skipped: [],
    chartedIds: [],
    discardReason: null,
    updatedAt: at,
  };
}

describe('live device frames', () => {
  it('shows a reading and moves the port’s last frame time', () => {
    const state = foldDeviceEvent(empty, { name: 'devices.reading', payload: reading(1, '2026-12-06T03:01:00.000Z') });
    expect(state.entries).toEqual([
      expect.objectContaining({
        kind: 'read',
        port: 'tcp:2575',
        values: [{ code: '8867-4', value: 72, unit: '/min' }],
      }),
    ]);
    expect(state.statuses[0]?.lastFrameAt).toBe('2026-12-06T03:01:00.000Z');
  });

  it('gives a refused frame the codes its status event set aside just before', () => {
    const at = '2026-12-06T03:02:00.000Z';
    const skipped = [{ outcome: 'ignored' as const, reason: 'unknown_code' as const, source: '9001^ZX^L', detail: '' }];
    let state = foldDeviceEvent(empty, {
      name: 'devices.status',
      payload: { ...status, lastNotTaken: { at, charted: 0, skipped } },
    });
    state = foldDeviceEvent(state, {
      name: 'devices.error',
      payload: { port: 'tcp:2575', profile: 'hl7-mllp', code: 'device_no_values', detail: '', inboxId: '7', at },
    });
    expect(state.entries).toEqual([expect.objectContaining({ kind: 'refused', code: 'device_no_values', skipped })]);
    // a refusal of a connection (no frame) does not take an older frame's notes
    state = foldDeviceEvent(state, {
      name: 'devices.error',
      payload: {
        port: 'tcp:2575',
        profile: 'hl7-mllp',
        code: 'device_source_not_allowed',
        detail: '10.9.9.9',
        inboxId: null,
        at,
      },
    });
    expect(state.entries[0]).toMatchObject({ kind: 'refused', code: 'device_source_not_allowed', skipped: [] });
  });

  it('adds a port first seen in a status event', () => {
    const state = foldDeviceEvent(empty, {
      name: 'devices.status',
      payload: { ...status, port: '/dev/pts/9', profile: 'omron-hbp9030', dialect: null },
    });
    expect(state.statuses.map((s) => s.port)).toEqual(['tcp:2575', '/dev/pts/9']);
  });

  it('keeps the newest LIVE_LIMIT frames, newest first (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { maxLength: 80 }), (offsets) => {
        const events: DeviceEvent[] = offsets.map((offset, i) => ({
          name: 'devices.reading',
          payload: reading(i, new Date(Date.UTC(2026, 11, 6) + offset).toISOString()),
        }));
        const state = events.reduce(foldDeviceEvent, empty);
        expect(state.entries.map((e) => e.key)).toEqual(
          events
            .map((e) => `r${e.name === 'devices.reading' ? e.payload.id : ''}`)
            .reverse()
            .slice(0, LIVE_LIMIT),
        );
        const latest =
          offsets.length === 0 ? null : new Date(Date.UTC(2026, 11, 6) + Math.max(...offsets)).toISOString();
        expect(state.statuses[0]?.lastFrameAt).toBe(latest);
      }),
    );
  });
});
