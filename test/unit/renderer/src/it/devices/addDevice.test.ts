// IT's device form: an HL7 listener gets its allow-list before it listens; HL7 MLLP on a serial port when IT chooses it;
// a device edited in place keeps its port or moves (the old one removed after); bad input is refused with words.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidPortId } from '../../../../../../electron/contract/devices.std.js';
import { invalidEntries } from '../../../../../../drivers/devices/ports/sourcePolicy.std.js';
import {
  formForEdit,
  planAddDevice,
  problemWords,
  transportChoices,
  type AddDeviceForm,
} from '../../../../../../renderer/src/it/devices/addDevice.std.js';

const hl7 = ['tcp', 'serial'] as const;
const form: AddDeviceForm = {
  profile: 'hl7-mllp',
  where: '2575',
  allow: '10.1.20.0/24, 10.1.21.7\n fd00::/64',
  dialect: 'mindray-legacy',
};

describe('adding a device', () => {
  it('plans the listener and then the port for an HL7 monitor', () => {
    expect(planAddDevice(form, hl7, [])).toEqual({
      ok: true,
      plan: {
        listener: { port: 'tcp:2575', allow: ['10.1.20.0/24', '10.1.21.7', 'fd00::/64'] },
        configure: { port: 'tcp:2575', profile: 'hl7-mllp', enabled: true, dialect: 'mindray-legacy' },
        replaces: null,
      },
    });
  });

  it('puts an HL7 monitor on a serial port when IT chooses it: no listener, the dialect kept', () => {
    expect(transportChoices(['serial', 'tcp'])).toEqual(['tcp', 'serial']);
    expect(planAddDevice({ ...form, where: '/dev/ttyS1', transport: 'serial' }, hl7, [])).toEqual({
      ok: true,
      plan: {
        listener: null,
        configure: { port: '/dev/ttyS1', profile: 'hl7-mllp', enabled: true, dialect: 'mindray-legacy' },
        replaces: null,
      },
    });
    // A transport the profile does not take is not used.
    expect(
      planAddDevice(
        { profile: 'omron-hbp9030', where: '/dev/ttyUSB0', allow: '', dialect: 'auto', transport: 'tcp' },
        ['serial'],
        [],
      ),
    ).toMatchObject({ ok: true, plan: { configure: { port: '/dev/ttyUSB0' } } });
  });

  it("edits a device in place: its own port is not taken; a move removes the old port after; another device's port is", () => {
    const configured = ['tcp:2575', '/dev/ttyUSB0'];
    const monitor = formForEdit({ port: 'tcp:2575', profile: 'hl7-mllp', dialect: 'philips-mdil' }, ['10.1.20.0/24']);
    expect(monitor).toEqual({
      profile: 'hl7-mllp',
      where: '2575',
      allow: '10.1.20.0/24',
      dialect: 'philips-mdil',
      transport: 'tcp',
      editing: 'tcp:2575',
    });
    expect(planAddDevice({ ...monitor, allow: '10.1.20.0/24 10.1.30.9' }, hl7, configured)).toEqual({
      ok: true,
      plan: {
        listener: { port: 'tcp:2575', allow: ['10.1.20.0/24', '10.1.30.9'] },
        configure: { port: 'tcp:2575', profile: 'hl7-mllp', enabled: true, dialect: 'philips-mdil' },
        replaces: null,
      },
    });
    expect(planAddDevice({ ...monitor, where: '/dev/ttyS1', transport: 'serial' }, hl7, configured)).toMatchObject({
      ok: true,
      plan: { listener: null, configure: { port: '/dev/ttyS1' }, replaces: 'tcp:2575' },
    });
    const refusal = planAddDevice({ ...monitor, where: '/dev/ttyUSB0', transport: 'serial' }, hl7, configured);
    expect(refusal.ok ? [] : refusal.problems.map((p) => p.problem)).toEqual(['port_taken']);
    const kiosk = formForEdit({ port: '/dev/ttyUSB0', profile: 'omron-hbp9030', dialect: null }, []);
    expect(planAddDevice({ ...kiosk, profile: 'omron-hbp9020' }, ['serial'], configured)).toMatchObject({
      ok: true,
      plan: { configure: { port: '/dev/ttyUSB0', profile: 'omron-hbp9020' }, replaces: null },
    });
  });

  it('takes a serial kiosk on its path with no listener', () => {
    const result = planAddDevice(
      { profile: 'omron-hbp9030', where: ' /dev/ttyUSB0 ', allow: '', dialect: 'auto' },
      ['serial'],
      [],
    );
    expect(result).toMatchObject({
      ok: true,
      plan: { listener: null, configure: { port: '/dev/ttyUSB0', profile: 'omron-hbp9030' } },
    });
  });

  it('refuses with reasons in words', () => {
    const refused = (
      f: Partial<typeof form>,
      transports: readonly ('serial' | 'tcp' | 'hid')[] = hl7,
      configured: string[] = [],
    ) => {
      const result = planAddDevice({ ...form, ...f }, transports, configured);
      return result.ok ? [] : result.problems.map((p) => problemWords(p, 'en'));
    };
    expect(refused({ profile: '' })).toEqual(['Choose the kind of device first.']);
    expect(refused({ where: '70000' })).toEqual(['A network port is a number from 1 to 65535.']);
    expect(refused({ allow: '' })).toEqual([
      'Give at least one host allowed to send (an IP address or subnet, e.g. 10.1.20.0/24).',
    ]);
    expect(refused({ allow: '10.1.20.0/33 ward-3' })).toEqual(['Not an IP address or subnet: 10.1.20.0/33, ward-3']);
    expect(refused({}, hl7, ['tcp:2575'])).toEqual(['This port is already set up (edit or remove that device).']);
    expect(refused({ profile: 'omron-hem790it', where: '0590' }, ['hid'])).toEqual([
      'A USB device is vendor id:product id, e.g. 0590:0028.',
    ]);
    expect(refused({ profile: 'omron-hbp9030', where: 'tcp:2575' }, ['serial'])).toEqual([
      'A serial port name has no spaces (e.g. /dev/ttyUSB0 or COM3).',
    ]);
  });

  it('never plans a port main would refuse or a listener open to a bad entry (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 8 })), { maxLength: 4 }),
        fc.constantFrom<readonly ('serial' | 'tcp' | 'hid')[]>(['serial'], ['tcp'], ['hid'], hl7),
        (where, allow, transports) => {
          const result = planAddDevice({ ...form, where, allow: allow.join(',') }, transports, []);
          if (!result.ok) return;
          expect(isValidPortId(result.plan.configure.port)).toBe(true);
          if (result.plan.listener !== null) {
            expect(result.plan.listener.allow.length).toBeGreaterThan(0);
            expect(invalidEntries(result.plan.listener.allow)).toEqual([]);
          }
        },
      ),
    );
  });
});
