// The IT command line: `device listen` prints one JSON line per reading and per error from a real pty,
// `device list --json` enumerates serial ports and HID devices.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startPtyPair, type PtyPair } from '../../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../../drivers/devices/simulators/serialSimulator.node.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import { terumoCheck, terumoSum } from '../../../drivers/devices/parsers/terumoBp500.std.js';
import { fromRawText } from '../../../drivers/devices/parsers/reading.std.js';
import { fixtureCase } from '../../unit/devices/fixtures.js';

const cli = ['--import', 'tsx', 'drivers/devices/cli/deviceCli.node.ts'];
let pty: PtyPair | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await pty?.stop();
  pty = undefined;
});

/** `device listen --json` on a fresh pty pair, with the simulated device plugged in once the port is open. */
async function listenJson(profile: string, count: number): Promise<{ sim: SerialSimulator; lines: Record<string, unknown>[]; exited: Promise<number | null> }> {
  pty = await startPtyPair();
  const child = spawn(process.execPath, [...cli, 'listen', '--profile', profile, '--port', pty.hostPath, '--json', '--count', String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  await opened;
  // The device stays plugged in until the CLI is done: closing the last writer hangs the pty up, and a
  // hang-up racing the read could drop the frame before the listener sees it.
  const sim = new SerialSimulator(pty.devicePath);
  cleanups.push(() => sim.close());
  return { sim, lines, exited };
}

describe('device CLI', () => {
  it('listen --json prints an error line for garbage and a reading line for the next frame', async () => {
    const { sim, lines, exited } = await listenJson('terumo-bp500', 1);
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

  it('listen --json reads a Tanita MC-780 line of 1,273 bytes in 7-byte chunks, refuses an overlong one, reads the next', async () => {
    const { sim, lines, exited } = await listenJson('tanita-mc780', 2);
    const capture = fromRawText(fixtureCase('tanita-mc780'));
    await sim.send(capture, { chunkSize: 7 });
    await sim.send(new TextEncoder().encode(`{0,16,${'9'.repeat(1700)}\r\n`), { chunkSize: 64 });
    await sim.send(capture, { chunkSize: 1000 });
    expect(await exited).toBe(0);
    const weighed = { type: 'reading', profile: 'tanita-mc780', deviceTime: '2026-06-03T15:00', values: [{ code: '29463-7', value: 67.6, unit: 'kg' }, { code: '8302-2', value: 175.5, unit: 'cm' }, { code: '39156-5', value: 21.9, unit: 'kg/m2' }] };
    expect(lines).toMatchObject([weighed, { type: 'error', code: 'device_frame_too_long' }, weighed]);
    // every body-composition value the line held is listed with its reason, none dropped without a word
    const notes = (lines[0]?.['skipped'] ?? []) as { reason: string; source: string }[];
    expect(notes).toHaveLength(146);
    expect(new Set(notes.map((n) => n.reason))).toEqual(new Set(['not_charted']));
    expect(notes.slice(0, 3).map((n) => n.source)).toEqual(['FW', 'fW', 'MW']);
  });

  it('list --json names serial ports, HID devices and profiles', () => {
    const out = execFileSync(process.execPath, [...cli, 'list', '--json'], { encoding: 'utf8' });
    const listing = JSON.parse(out) as { serial: unknown[]; hid: unknown[]; profiles: string[] };
    expect(Array.isArray(listing.serial)).toBe(true);
    expect(Array.isArray(listing.hid)).toBe(true);
    expect(listing.profiles).toContain('omron-hem790it');
  });
});
