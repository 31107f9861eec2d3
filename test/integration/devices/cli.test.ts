// The IT command line: `device listen` prints one JSON line per reading and per error from a real pty,
// `device list --json` enumerates serial ports and HID devices.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startPtyPair, type PtyPair } from '../../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../../drivers/devices/simulators/serialSimulator.node.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import { terumoCheck, terumoSum } from '../../../drivers/devices/parsers/terumoBp500.std.js';
import { mllpWrap } from '../../../drivers/devices/parsers/hl7.std.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cli = ['--import', 'tsx', 'drivers/devices/cli/deviceCli.node.ts'];
let pty: PtyPair | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await pty?.stop();
  pty = undefined;
});

/** Runs `device listen` with these arguments; resolves `opened` once the port is really open. */
function startListen(args: readonly string[]): { lines: Record<string, unknown>[]; opened: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...cli, 'listen', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => child.kill('SIGKILL'));
  const opened = new Promise<void>((resolve) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      // "[port] open", not "[port] opening": a frame sent before the port is really open can be lost.
      if (/\] open\b/.test(line)) resolve();
    });
  });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { lines, opened, exited };
}

describe('device CLI', () => {
  it('listen --json prints an error line for garbage and a reading line for the next frame', async () => {
    pty = await startPtyPair();
    const { lines, opened, exited } = startListen(['--profile', 'terumo-bp500', '--port', pty.hostPath, '--json', '--count', '1']);
    await opened;
    // The device stays plugged in until the CLI is done: closing the last writer hangs the pty up, and a
    // hang-up racing the read could drop the frame before the listener sees it.
    const sim = new SerialSimulator(pty.devicePath);
    cleanups.push(() => sim.close());
    const good = sampleFrame('terumo-bp500', 1);
    // A check character that is neither candidate the parser accepts (sum or BCC, see terumoBp500.std.ts).
    const body = good.subarray(1, good.length - 2);
    const candidates = new Set([terumoSum(body), terumoCheck(body)]);
    const wrong = [0x3f, 0x40, 0x41].find((byte) => !candidates.has(byte)) ?? 0x42;
    const badCheck = good.slice();
    badCheck[badCheck.length - 1] = wrong;
    await sim.send(badCheck);
    await sim.send(good, { chunkSize: 5 });
    expect(await exited).toBe(0);
    expect(lines[0]).toMatchObject({ type: 'error', profile: 'terumo-bp500', code: 'device_checksum' });
    expect(lines[1]).toMatchObject({ type: 'reading', profile: 'terumo-bp500', values: [{ code: '8480-6', value: 129, unit: 'mm[Hg]' }, { code: '8462-4', value: 83, unit: 'mm[Hg]' }, { code: '8867-4', value: 77, unit: '/min' }] });
    expect(typeof lines[1]?.['raw']).toBe('string');
    expect(typeof lines[1]?.['at']).toBe('string');
  });

  it('listen --json --dialect prints what each public HL7 capture did not chart, with its reason and OBX-3', async () => {
    pty = await startPtyPair();
    const { lines, opened, exited } = startListen(['--profile', 'hl7-mllp', '--port', pty.hostPath, '--dialect', 'mindray-legacy', '--json', '--count', '1']);
    await opened;
    const sim = new SerialSimulator(pty.devicePath);
    cleanups.push(() => sim.close());
    const capture = (file: string): Uint8Array => mllpWrap(readFileSync(join(import.meta.dirname, '../../fixtures/devices/public', file), 'latin1').replace(/\r?\n/g, '\r'));
    await sim.send(capture('mindray-vs900/oru-demo-mode.hl7'));
    await sim.send(capture('mindray-legacy-gateway/oru-periodic-no-sender.hl7'), { chunkSize: 64 });
    expect(await exited).toBe(0);
    expect(lines[0]).toMatchObject({ type: 'error', code: 'device_no_values' });
    expect(lines[0]?.['skipped']).toContainEqual(expect.objectContaining({ outcome: 'ignored', reason: 'demo', source: '150301^MDC_PRESS_CUFF_SYS^MDC' }));
    expect(lines[1]).toMatchObject({ type: 'reading', values: [{ code: '8867-4', value: 60, unit: '/min' }] });
    expect(lines[1]?.['skipped']).toContainEqual(expect.objectContaining({ outcome: 'ignored', reason: 'unknown_code', source: '102^PVCs' }));
  });

  it('list --json names serial ports, HID devices and profiles', () => {
    const out = execFileSync(process.execPath, [...cli, 'list', '--json'], { encoding: 'utf8' });
    const listing = JSON.parse(out) as { serial: unknown[]; hid: unknown[]; profiles: string[] };
    expect(Array.isArray(listing.serial)).toBe(true);
    expect(Array.isArray(listing.hid)).toBe(true);
    expect(listing.profiles).toContain('omron-hem790it');
  });
});
