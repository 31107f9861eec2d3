/**
 * `npm run bench:devices`: measured in this run, on this machine.
 * 1. Latency, frame on the wire → the devices.reading event the renderer would get: an Omron HBP-9030
 *    frame written into a real socat pty, through the serial port, framer, decoder, SQLite inbox
 *    (synchronous=FULL commit) and event bus; one frame at a time. Also HL7 MLLP over loopback TCP,
 *    message written → ACK back at the monitor (the ACK is sent after the row is committed).
 * 2. Parser throughput (frames/s) of framer + decoder per profile, 64-byte chunks, and for two protocols
 *    against a naive baseline on the same bytes (string concatenation + split, as kiosk scripts do it,
 *    with no validation at all).
 * 3. Hostile framing: 1 MiB of hostile bytes (hostileBytes.std.ts) fed in 1-byte chunks to every framer, time
 *    each (target: under 1 s; a framer that rescans its buffer per byte takes minutes).
 * Ends with one JSON line of every figure.
 */
import { mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEdgeNode } from '../../electron/services/compositionRoot.node.js';
import { startPtyPair } from '../../drivers/devices/simulators/socatPair.node.js';
import { Hl7MonitorSimulator } from '../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { sampleFrame, hl7MllpFrame } from '../../drivers/devices/simulators/frames.std.js';
import { profiles, profileNames, type ProfileName } from '../../drivers/devices/profiles.std.js';
import type { EventBus } from '../../electron/services/eventBus.node.js';
import { createServer } from 'node:net';
import { hostileBytes } from '../../drivers/devices/simulators/hostileBytes.std.js';
import { staffed } from '../factories/staff.js';
import { concatBytes } from '../../drivers/bytes.std.js';

const latencyFrames = Number(process.env['BENCH_FRAMES'] ?? 300);
const throughputFrames = Number(process.env['BENCH_THROUGHPUT_FRAMES'] ?? 20_000);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? 0) * 1000) / 1000;
}

function summary(samples: number[]): { n: number; p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: percentile(sorted, 100) };
}

function portState(bus: EventBus, state: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = bus.subscribe((name, payload) => {
      if (name === 'devices.status' && (payload as { state: string }).state === state) {
        stop();
        resolve();
      }
    });
  });
}

function onceReading(bus: EventBus): Promise<number> {
  return new Promise((resolve) => {
    const stop = bus.subscribe((name) => {
      if (name !== 'devices.reading') return;
      stop();
      resolve(performance.now());
    });
  });
}

async function ptyLatency(): Promise<ReturnType<typeof summary>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-bench-'));
  const pty = await startPtyPair();
  const node = staffed(await createEdgeNode({ dataDir, card: { backend: 'off' } }));
  try {
    const open = portState(node.events, 'open');
    await node.dispatch('devices.configure', { port: pty.hostPath, profile: 'omron-hbp9030' });
    await open;
    const fd = openSync(pty.devicePath, 'w');
    const samples: number[] = [];
    for (let i = 0; i < latencyFrames + 20; i += 1) {
      const frame = sampleFrame('omron-hbp9030', i);
      const arrived = onceReading(node.events);
      const start = performance.now();
      writeSync(fd, frame);
      const end = await arrived;
      if (i >= 20) samples.push(end - start); // the first frames warm up the JIT
    }
    closeSync(fd);
    return summary(samples);
  } finally {
    await node.close();
    await pty.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function hl7AckLatency(): Promise<ReturnType<typeof summary>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'edge-bench-'));
  const node = staffed(await createEdgeNode({ dataDir, card: { backend: 'off' }, devices: { tcpHost: '127.0.0.1' } }));
  const port = await freePort();
  try {
    const listening = portState(node.events, 'listening');
    await node.dispatch('devices.listener', {
      port: `tcp:${String(port)}`,
      allow: ['127.0.0.1'],
      framesPerMinute: 6000,
    });
    await node.dispatch('devices.configure', { port: `tcp:${String(port)}`, profile: 'hl7-mllp' });
    await listening;
    const monitor = await Hl7MonitorSimulator.connect(port);
    const samples: number[] = [];
    for (let i = 0; i < latencyFrames + 20; i += 1) {
      const frame = hl7MllpFrame({
        sys: 120,
        dia: 80,
        pulse: 70,
        spo2: 97,
        tempC: 36.8,
        resp: 16,
        controlId: `B${String(i)}`,
      });
      const start = performance.now();
      await monitor.send(frame);
      if (i >= 20) samples.push(performance.now() - start);
    }
    monitor.close();
    return summary(samples);
  } finally {
    await node.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function stream(name: ProfileName, count: number): Uint8Array {
  return concatBytes(Array.from({ length: count }, (_, i) => sampleFrame(name, i)));
}

function chunks(bytes: Uint8Array, size = 64): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

function ours(name: ProfileName, data: Uint8Array[]): { framesPerSecond: number; readings: number } {
  const profile = profiles[name];
  const start = performance.now();
  const framer = profile.createFramer();
  let readings = 0;
  for (const chunk of data) {
    for (const event of framer.push(chunk)) {
      if (
        event.kind === 'frame' &&
        profile.decode(event.bytes, { profile: name, receivedAt: '2024-01-05T03:20:00.000Z' }).ok
      )
        readings += 1;
    }
  }
  for (const event of framer.flush())
    if (event.kind === 'frame' && profile.decode(event.bytes, { profile: name, receivedAt: '' }).ok) readings += 1;
  return { framesPerSecond: Math.round(readings / ((performance.now() - start) / 1000)), readings };
}

const decoder = new TextDecoder('latin1');

/** The kiosk-script way: append to a string, split on newline, split on comma, parseInt. No checks. */
function naiveCsv(
  data: Uint8Array[],
  sys: number,
  dia: number,
  pulse: number,
): { framesPerSecond: number; readings: number } {
  const start = performance.now();
  let buffer = '';
  let readings = 0;
  let sink = 0;
  for (const chunk of data) {
    buffer += decoder.decode(chunk);
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const fields = line.split(',');
      sink +=
        Number.parseInt(fields[sys] ?? '0', 10) +
        Number.parseInt(fields[dia] ?? '0', 10) +
        Number.parseInt(fields[pulse] ?? '0', 10);
      readings += 1;
    }
  }
  if (sink < 0) console.log(sink);
  return { framesPerSecond: Math.round(readings / ((performance.now() - start) / 1000)), readings };
}

/** Naive MLLP: append to a string, cut at FS, split segments, pick OBX-3/OBX-5 by regex. No units, no checks. */
function naiveHl7(data: Uint8Array[]): { framesPerSecond: number; readings: number } {
  const start = performance.now();
  let buffer = '';
  let readings = 0;
  let sink = 0;
  for (const chunk of data) {
    buffer += decoder.decode(chunk);
    let end = buffer.indexOf('\x1c');
    while (end >= 0) {
      const message = buffer.slice(buffer.indexOf('\x0b') + 1, end);
      buffer = buffer.slice(end + 2);
      for (const segment of message.split('\r')) {
        const match = /^OBX\|\d+\|NM\|(\d+)\^[^|]*\|[^|]*\|([^|]*)/.exec(segment);
        if (match !== null) sink += Number(match[2]);
      }
      readings += 1;
      end = buffer.indexOf('\x1c');
    }
  }
  if (sink < 0) console.log(sink);
  return { framesPerSecond: Math.round(readings / ((performance.now() - start) / 1000)), readings };
}

const hostileSize = 1024 * 1024;

/** Milliseconds for every framer to take 1 MiB of bytes aimed at it, one byte per push. */
function hostileFraming(): Record<string, number> {
  const times: Record<string, number> = {};
  for (const name of profileNames) {
    if (name === 'omron-hem790it') continue; // whole HID records, no byte framing
    const bytes = hostileBytes(name, hostileSize);
    const framer = profiles[name].createFramer();
    const start = performance.now();
    for (let i = 0; i < bytes.length; i += 1) framer.push(bytes.subarray(i, i + 1));
    framer.flush();
    times[name] = Math.round(performance.now() - start);
    console.log(
      `  ${name.padEnd(18)} ${String(times[name]).padStart(6)} ms for 1 MiB of hostile bytes in 1-byte chunks${times[name] >= 1000 ? ' (OVER the 1 s target)' : ''}`,
    );
  }
  return times;
}

async function main(): Promise<void> {
  console.log(
    `devices bench: ${String(latencyFrames)} frames per latency run, ${String(throughputFrames)} frames per throughput run`,
  );
  const serial = await ptyLatency();
  console.log(
    `pty → devices.reading event (HBP-9030, through SQLite inbox): p50 ${String(serial.p50)} ms, p95 ${String(serial.p95)} ms, max ${String(serial.max)} ms (n=${String(serial.n)})`,
  );
  const hl7 = await hl7AckLatency();
  console.log(
    `HL7 MLLP over TCP, message → ACK (stored first): p50 ${String(hl7.p50)} ms, p95 ${String(hl7.p95)} ms, max ${String(hl7.max)} ms (n=${String(hl7.n)})`,
  );

  const throughput: Record<string, number> = {};
  for (const name of profileNames) {
    if (name === 'omron-hem790it') continue;
    const data = chunks(stream(name, throughputFrames));
    const result = ours(name, data);
    throughput[name] = result.framesPerSecond;
    console.log(
      `  ${name.padEnd(18)} ${String(result.framesPerSecond).padStart(9)} frames/s (${String(result.readings)} readings)`,
    );
  }
  const csvData = chunks(stream('omron-hbp9030', throughputFrames));
  const csvOurs = ours('omron-hbp9030', csvData);
  const csvNaive = naiveCsv(csvData, 7, 8, 9);
  const hl7Data = chunks(stream('hl7-mllp', throughputFrames));
  const hl7Ours = ours('hl7-mllp', hl7Data);
  const hl7Naive = naiveHl7(hl7Data);
  const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
  console.log(
    `HBP-9030: ours ${String(csvOurs.framesPerSecond)} vs naive ${String(csvNaive.framesPerSecond)} frames/s (ratio ${String(ratio(csvOurs.framesPerSecond, csvNaive.framesPerSecond))}; naive validates nothing)`,
  );
  console.log(
    `HL7 MLLP: ours ${String(hl7Ours.framesPerSecond)} vs naive ${String(hl7Naive.framesPerSecond)} frames/s (ratio ${String(ratio(hl7Ours.framesPerSecond, hl7Naive.framesPerSecond))}; naive reads no units)`,
  );
  const hostile = hostileFraming();
  console.log(
    JSON.stringify({
      bench: 'devices',
      ptyToReadingEventMs: serial,
      hl7MessageToAckMs: hl7,
      parserFramesPerSecond: throughput,
      hostileFraming1MiBOneByteChunksMs: hostile,
      baseline: {
        'omron-hbp9030': {
          ours: csvOurs.framesPerSecond,
          naive: csvNaive.framesPerSecond,
          ratio: ratio(csvOurs.framesPerSecond, csvNaive.framesPerSecond),
        },
        'hl7-mllp': {
          ours: hl7Ours.framesPerSecond,
          naive: hl7Naive.framesPerSecond,
          ratio: ratio(hl7Ours.framesPerSecond, hl7Naive.framesPerSecond),
        },
      },
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
