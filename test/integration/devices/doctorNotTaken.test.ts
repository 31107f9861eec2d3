// The doctor says what IT's device view says: the last message with codes not understood ("received, N values
// not understood (codes …)") — in the running app, in `npm run doctor` (ports probed, not opened) and after a
// restart, since it is read from the inbox the frames were stored in.
import { afterEach, describe, expect, it } from 'vitest';
import { Hl7MonitorSimulator, ackCode } from '../../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { mllpWrap } from '../../../drivers/devices/parsers/hl7.std.js';
import { configureLoopbackListener, deviceNode, freeTcpPort, nextEvent } from './deviceNode.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const unmapped = (controlId: string): string =>
  [
    `MSH|^~\\&|ZX_VITALS|WARD2|CLINIC_EDGE|HOSP|20261206101500||ORU^R01|${controlId}|P|2.5`,
    'PID|||||^^^^^^U',
    `OBR|1|${controlId}||VITALS|||20261206101500`,
    'OBX|1|NM|9001^ZX_NIBP_S^99ZX||131|mmHg|||||F',
    'OBX|2|NM|149546^MDC_PULS_RATE_NON_INV^MDC||72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||F',
  ].join('\r') + '\r';

const said = 'received, 1 value not understood (codes 9001^ZX_NIBP_S^99ZX)';

describe('the doctor and the last frame not taken', () => {
  it('is named in the running app, by `npm run doctor`, and after a restart', async () => {
    const app = await deviceNode();
    let current = app;
    cleanups.push(() => current.dispose());
    const number = await freeTcpPort();
    const listening = nextEvent(app.events, 'devices.status', (s) => s.state === 'listening');
    await configureLoopbackListener(app, number, 'hl7-mllp');
    await listening;
    const sim = await Hl7MonitorSimulator.connect(number, '127.0.0.1', true);
    cleanups.push(() => sim.close());
    const noted = nextEvent(app.events, 'devices.status', (s) => s.lastNotTaken !== null);
    expect(ackCode(await sim.send(mllpWrap(unmapped('D-1')))).code).toBe('AA');
    await noted;

    const running = (await app.doctor.run()).find((check) => check.id === 'devices');
    expect(running?.verdict).toBe('warn');
    expect(running?.en).toContain(said);
    expect(running?.th).toContain('ได้รับข้อความแล้ว 1 ค่าไม่เข้าใจ (รหัส 9001^ZX_NIBP_S^99ZX)');

    const doctor = await deviceNode({ autoStart: false }, app.dataDir);
    const probed = (await doctor.doctor.run()).find((check) => check.id === 'devices');
    await doctor.close();
    expect(probed?.verdict).toBe('warn');
    expect(probed?.en).toContain(said);

    sim.close();
    const restarted = await app.reopen();
    current = restarted;
    const status = restarted.devices.statuses().find((s) => s.port === `tcp:${String(number)}`);
    expect(status?.lastNotTaken?.skipped.map((n) => n.source)).toEqual(['9001^ZX_NIBP_S^99ZX']);
    expect(status?.lastNotTaken?.charted).toBe(1);
    expect(status?.lastFrameAt).not.toBeNull();
  });
});
