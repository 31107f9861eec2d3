// The IT command line: `device listen` prints one JSON line per reading and per error from a real pty,
// `device list --json` enumerates serial ports and HID devices.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startPtyPair, type PtyPair } from '../../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../../drivers/devices/simulators/serialSimulator.node.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import { terumoCheck, terumoSum } from '../../../drivers/devices/parsers/terumoBp500.std.js';
import { fromRawText } from '../../../drivers/devices/parsers/reading.std.js';
import { fixtureCase } from '../../factories/devices/deviceFixtures.js';
import { mllpWrap } from '../../../drivers/devices/parsers/hl7.std.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = ['--import', 'tsx', 'drivers/devices/cli/deviceCli.node.ts'];

/** A public HL7 capture's expected outcome (test/fixtures/devices/public/hl7/cases.json). */
interface Hl7Case {
  readonly file: string;
  readonly dialect: string;
  readonly custom?: unknown;
  readonly error?: string;
  readonly deviceTime?: string;
  readonly charted: readonly unknown[];
  readonly skipped: readonly { reason: string; source: string }[];
}

/** What a `listen --json` line says, in the terms of cases.json. */
function asCase(line: Record<string, unknown>): Record<string, unknown> {
  const notes = (line['skipped'] ?? []) as { reason: string; source: string }[];
  return {
    error: line['type'] === 'error' ? line['code'] : undefined,
    ...(line['deviceTime'] === undefined ? {} : { deviceTime: line['deviceTime'] }),
    charted: line['type'] === 'reading' ? line['values'] : [],
    skipped: notes.map((n) => ({ reason: n.reason, source: n.source })),
  };
}

function expected(c: Hl7Case): Record<string, unknown> {
  return {
    error: c.error,
    ...(c.deviceTime === undefined ? {} : { deviceTime: c.deviceTime }),
    charted: c.charted,
    skipped: c.skipped,
  };
}
const hl7Dir = join(import.meta.dirname, '../../fixtures/devices/public/hl7');

const { cases: allCases } = JSON.parse(readFileSync(join(hl7Dir, 'cases.json'), 'utf8')) as { cases: Hl7Case[] };

/** A public HL7 capture as it goes on the wire: CR segment ends, MLLP framing. */
function capture(file: string): Uint8Array {
  return mllpWrap(readFileSync(join(hl7Dir, file), 'latin1').replace(/\r?\n/g, '\r'));
}

/** A file in a fresh temp folder (removed after the test), for --code-map. */
function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-code-map-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

let pty: PtyPair | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await pty?.stop();
  pty = undefined;
});

/** `device listen --json` on a fresh pty pair, with the simulated device plugged in once the port is open. */
async function listenJson(
  profile: string,
  count: number,
  extra: readonly string[] = [],
): Promise<{ sim: SerialSimulator; lines: Record<string, unknown>[]; exited: Promise<number | null> }> {
  pty = await startPtyPair();
  const child = spawn(
    process.execPath,
    [...cli, 'listen', '--profile', profile, '--port', pty.hostPath, ...extra, '--json', '--count', String(count)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  const opened = new Promise<void>((resolve) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      // "[port] open", not "[port] opening": a frame sent before the port is really open can be lost.
      if (/\] open\b/.test(line)) resolve();
    });
  });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) =>
    lines.push(JSON.parse(line) as Record<string, unknown>),
  );
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
    expect(lines[1]).toMatchObject({
      type: 'reading',
      profile: 'terumo-bp500',
      values: [
        { code: '8480-6', value: 129, unit: 'mm[Hg]' },
        { code: '8462-4', value: 83, unit: 'mm[Hg]' },
        { code: '8867-4', value: 77, unit: '/min' },
      ],
    });
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
    const weighed = {
      type: 'reading',
      profile: 'tanita-mc780',
      deviceTime: '2026-06-03T15:00',
      values: [
        { code: '29463-7', value: 67.6, unit: 'kg' },
        { code: '8302-2', value: 175.5, unit: 'cm' },
        { code: '39156-5', value: 21.9, unit: 'kg/m2' },
      ],
    };
    expect(lines).toMatchObject([weighed, { type: 'error', code: 'device_frame_too_long' }, weighed]);
    // every body-composition value the line held is listed with its reason, none dropped without a word
    const notes = (lines[0]?.['skipped'] ?? []) as { reason: string; source: string }[];
    expect(notes).toHaveLength(146);
    expect(new Set(notes.map((n) => n.reason))).toEqual(new Set(['not_charted']));
    expect(notes.slice(0, 3).map((n) => n.source)).toEqual(['FW', 'fW', 'MW']);
  });

  it('listen --json --dialect prints what each public HL7 capture did not chart, with its reason and OBX-3', async () => {
    const { sim, lines, exited } = await listenJson('hl7-mllp', 1, ['--dialect', 'mindray-legacy']);
    await sim.send(capture('mindray-vs900/oru-demo-mode.hl7'));
    await sim.send(capture('mindray-legacy-gateway/oru-periodic-no-sender.hl7'), { chunkSize: 64 });
    expect(await exited).toBe(0);
    expect(lines[0]).toMatchObject({ type: 'error', code: 'device_no_values' });
    expect(lines[0]?.['skipped']).toContainEqual(
      expect.objectContaining({ outcome: 'ignored', reason: 'demo', source: '150301^MDC_PRESS_CUFF_SYS^MDC' }),
    );
    expect(lines[1]).toMatchObject({ type: 'reading', values: [{ code: '8867-4', value: 60, unit: '/min' }] });
    expect(lines[1]?.['skipped']).toContainEqual(
      expect.objectContaining({ outcome: 'ignored', reason: 'unknown_code', source: '102^PVCs' }),
    );
  });

  // Issue 11's done-means, through the command IT runs: every public HL7 capture, per dialect IT can pick with no
  // code map of its own, charts exactly what cases.json states and names every other OBX with its reason.
  it.each(['auto', 'ihe-pcd', 'mindray-legacy', 'philips-mdil'])(
    'listen --json --dialect %s charts exactly what each public HL7 capture states',
    async (dialect) => {
      const mine = allCases.filter((c) => c.dialect === dialect && c.custom === undefined);
      // The listener stops after its Nth reading: a last capture that charts makes every earlier line printed first.
      const last = 'mindray-vs900/oru-spot-check.hl7';
      const { sim, lines, exited } = await listenJson(
        'hl7-mllp',
        mine.filter((c) => c.error === undefined).length + 1,
        ['--dialect', dialect],
      );
      for (const c of mine) await sim.send(capture(c.file));
      await sim.send(capture(last));
      // A capture that no longer charts keeps the listener waiting: compare what it printed rather than time out.
      const code = await Promise.race([
        exited,
        new Promise<'still listening'>((resolve) => setTimeout(() => resolve('still listening'), 15_000)),
      ]);
      expect(lines.map(asCase)).toEqual([
        ...mine.map(expected),
        expect.objectContaining({ error: undefined, deviceTime: '20191206113452' }),
      ]);
      expect(code).toBe(0);
    },
  );

  // IT's own code map from the command line (issue 11 §3): the Nihon Kohden capture on a port set to IHE PCD.
  it('listen --json without a code map charts nothing from codes the dialect does not know, and says not understood', async () => {
    const { sim, lines, exited } = await listenJson('hl7-mllp', 1, ['--dialect', 'ihe-pcd']);
    await sim.send(capture('nihon-kohden/oru-spo2-gateway.hl7'));
    await sim.send(capture('mindray-vs900/oru-spot-check.hl7'));
    expect(await exited).toBe(0);
    expect(lines[0]).toMatchObject({
      type: 'error',
      code: 'device_no_values',
      notUnderstood: {
        th: 'ได้รับข้อความแล้ว 3 ค่าไม่เข้าใจ (รหัส 007001^VITAL PR(spo2), 007000^VITAL SpO2, 072007^VITAL rPR(spo2))',
        en: 'received, 3 values not understood (codes 007001^VITAL PR(spo2), 007000^VITAL SpO2, 072007^VITAL rPR(spo2))',
      },
    });
    expect(lines[0]).not.toHaveProperty('values');
    expect(lines[1]).toMatchObject({ type: 'reading' });
  });

  // Every public capture cases.json states with IT's own map, through the file the command line reads.
  it.each(allCases.filter((c) => c.custom !== undefined).map((c) => [`${c.file} (${c.dialect})`, c] as const))(
    "listen --json --code-map charts exactly what cases.json states for %s with IT's map",
    async (_name, c) => {
      const map = tempFile('code-map.json', JSON.stringify(c.custom));
      const { sim, lines, exited } = await listenJson('hl7-mllp', 1, ['--dialect', c.dialect, '--code-map', map]);
      await sim.send(capture(c.file));
      expect(await exited).toBe(0);
      expect(lines.map(asCase)).toEqual([expected(c)]);
    },
  );

  it('listen --code-map says which codes are still not understood beside the values it charted', async () => {
    const map = tempFile(
      'code-map.json',
      JSON.stringify([
        { code: '007001', loinc: '8867-4', unit: null },
        { code: '007000', loinc: '59408-5', unit: null },
      ]),
    );
    const { sim, lines, exited } = await listenJson('hl7-mllp', 1, ['--dialect', 'ihe-pcd', '--code-map', map]);
    await sim.send(capture('nihon-kohden/oru-spo2-gateway.hl7'));
    expect(await exited).toBe(0);
    expect(lines).toMatchObject([
      {
        type: 'reading',
        values: [
          { code: '8867-4', value: 94, unit: '/min' },
          { code: '59408-5', value: 100, unit: '%' },
        ],
        notUnderstood: { en: 'received, 1 value not understood (codes 072007^VITAL rPR(spo2))' },
      },
    ]);
  });

  it.each([
    ['a missing file', null, 'อ่านไฟล์ผังรหัสไม่ได้', 'The code map file cannot be read', /ENOENT/],
    ['a file that is not JSON', '{code: 1', 'ไม่ใช่ JSON', 'is not JSON', /JSON/],
    ['an object instead of a list', '{"entries": []}', 'รายการ', 'must be a JSON list', /object/],
    [
      'an entry of the wrong shape',
      '[{"code": "007000", "loinc": "59408-5"}]',
      'ไม่ครบหรือผิดรูปแบบ',
      'is not {code, loinc, unit}',
      /entry 1.*unit/,
    ],
    [
      'a code mapped to an unknown vital',
      '[{"code": "007000", "loinc": "1234-5", "unit": null}]',
      'ไม่ใช่สัญญาณชีพที่ระบบลงบันทึก',
      'not a vital sign the app charts',
      /entry 1 \(007000\).*1234-5/,
    ],
    [
      'an implied unit that does not fit the vital',
      '[{"code": "007000", "loinc": "59408-5", "unit": "kg"}]',
      'หน่วยนี้ใช้กับสัญญาณชีพที่เลือกไม่ได้',
      'This unit does not fit the vital sign chosen',
      /entry 1 \(007000\).*kg/,
    ],
  ])(
    'listen --code-map with %s stops before listening, in Thai and English, without a stack trace',
    (_name, text, th, en, detail) => {
      const map = text === null ? join(tmpdir(), 'edge-no-such-code-map.json') : tempFile('code-map.json', text);
      // The port is never opened: a listener would keep this running until the timeout.
      const run = spawnSync(
        process.execPath,
        [...cli, 'listen', '--profile', 'hl7-mllp', '--port', 'tcp:0', '--code-map', map, '--json'],
        { encoding: 'utf8', timeout: 20_000 },
      );
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(th);
      expect(run.stderr).toContain(en);
      expect(run.stderr).toContain(map);
      expect(run.stderr).toMatch(detail);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('listen --code-map is refused for a profile that is not HL7', () => {
    const map = tempFile('code-map.json', '[]');
    const run = spawnSync(
      process.execPath,
      [...cli, 'listen', '--profile', 'terumo-bp500', '--port', '/dev/null', '--code-map', map],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--code-map');
    expect(run.stderr).toMatch(/HL7/);
  });

  it('list --json names serial ports, HID devices and profiles', () => {
    const out = execFileSync(process.execPath, [...cli, 'list', '--json'], { encoding: 'utf8' });
    const listing = JSON.parse(out) as { serial: unknown[]; hid: unknown[]; profiles: string[] };
    expect(Array.isArray(listing.serial)).toBe(true);
    expect(Array.isArray(listing.hid)).toBe(true);
    expect(listing.profiles).toContain('omron-hem790it');
  });
});
