// A real station says what hardware is missing, in Thai and English, instead of simulating it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  missingCardReader,
  missingDevicePort,
  missingHardwareText,
} from '../../../../../renderer/src/station/missingHardware.std.js';
import type { CardStatus } from '../../../../../electron/contract/card.std.js';
import { PortState, type PortStatus } from '../../../../../electron/contract/devices.std.js';

const reader = { name: 'ACS ACR39U', present: false, atr: null, reading: false };
const port = (name: string, state: PortStatus['state']): PortStatus => ({
  port: name,
  profile: 'omron-hbp9030',
  state,
  errorCode: null,
  detail: null,
  since: '2026-01-01T00:00:00.000Z',
  lastFrameAt: null,
  dialect: null,
  lastNotTaken: null,
  reconnects: 0,
});

describe('missing hardware', () => {
  it('the card reader: service down, no reader, or nothing missing; the demo card never counts as missing', () => {
    const status = (over: Partial<CardStatus>): CardStatus => ({
      backend: 'pcsc',
      service: 'up',
      readers: [reader],
      ...over,
    });
    expect(missingCardReader(status({ service: 'down', readers: [] }))).toBe('card_service_down');
    expect(missingCardReader(status({ readers: [] }))).toBe('no_card_reader');
    expect(missingCardReader(status({}))).toBeNull();
    expect(missingCardReader(status({ backend: 'virtual' }))).toBeNull();
    expect(missingCardReader(null)).toBeNull();
  });

  it('device ports: simulated and disabled ports never count; a port that is not open is "not connected"', () => {
    expect(missingDevicePort([])).toBe('no_device_port');
    expect(missingDevicePort([port('demo:omron-hbp9030', 'open')])).toBe('no_device_port');
    expect(missingDevicePort([port('/dev/ttyUSB0', 'disabled')])).toBe('no_device_port');
    expect(missingDevicePort([port('/dev/ttyUSB0', 'retrying')])).toBe('device_not_connected');
    expect(missingDevicePort([port('/dev/ttyUSB0', 'retrying'), port('tcp:2575', 'listening')])).toBeNull();
    fc.assert(
      fc.property(
        fc.array(fc.record({ real: fc.boolean(), state: fc.constantFrom(...PortState.options) }), { maxLength: 6 }),
        (ports) => {
          const listed = ports.map((p, i) => port(p.real ? `/dev/ttyS${String(i)}` : `demo:${String(i)}`, p.state));
          const working = ports.some((p) => p.real && (p.state === 'open' || p.state === 'listening'));
          expect(missingDevicePort(listed) === null).toBe(working);
        },
      ),
    );
  });

  it('every message has Thai and English words', () => {
    for (const text of Object.values(missingHardwareText)) {
      for (const part of [text.title, text.detail]) {
        expect(part.th).toMatch(/[\u0E00-\u0E7F]/);
        expect(part.en).toMatch(/^[\x20-\x7E]+$/);
      }
    }
  });
});
