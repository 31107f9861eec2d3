/**
 * `npm run device -- list [--json]`: serial ports, HID devices and the profiles IT can pick.
 * `npm run device -- listen --profile <name> --port <path|tcp:PORT|hid[:VVVV:PPPP]> [--allow CIDR,…] [--dialect NAME] [--code-map FILE] [--json] [--count N]`:
 *   a TCP listener takes connections from loopback only unless --allow names the monitors' addresses; --dialect is the
 *   HL7 dialect of the port (default auto: recognised from MSH-3/MSH-4); --code-map is IT's own code map as the device
 *   view stores it (a JSON list of {code, loinc, unit}), checked before the port opens and used as the app uses its
 *   stored map. One JSON line per reading ({type, profile, at, values:[{code, value, unit, deviceTime?}],
 *   skipped?:[{outcome, reason, source, detail}], notUnderstood?:{th, en}, raw}) and one per error ({type, profile, at,
 *   code, th, en, detail, skipped?, notUnderstood?, raw}); HL7 messages are acknowledged. Port states go to stderr.
 * `npm run device -- simulate --profile <name> --port <device path|tcp:PORT> [--count N] [--interval ms]`:
 *   sends sample frames, for trying a port or a listener without the device.
 * Nothing is stored: this is IT's tool for checking cabling and settings, not the station service.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { isProfileName, profileNames, profiles, type DeviceProfile } from '../profiles.std.js';
import { DeviceStream, type StreamOutcome } from '../deviceStream.std.js';
import { ackBytesFor } from '../ack.std.js';
import { ManagedSerialPort, listSerialPorts } from '../ports/serialPortManager.node.js';
import { TcpListener } from '../ports/tcpListener.node.js';
import { HidSource } from '../ports/hidSource.node.js';
import { nodeHidApi, parseHidPort } from '../ports/hidBoundary.node.js';
import type { PortSink, PortSource, Reply } from '../ports/portEvents.node.js';
import { OMRON_PID, OMRON_VID } from '../parsers/omronHem790it.std.js';
import { sampleFrame } from '../simulators/frames.std.js';
import { rawText, type DecodeContext, type SkippedValue } from '../parsers/reading.std.js';
import { notUnderstoodWords } from '../parsers/skipSummary.std.js';
import { customEntriesOf, type CodeMapEntry } from '../parsers/customCodeMap.std.js';
import { CODE_MAP_FILE_PROBLEM_TEXT, parseCodeMapFile, type CodeMapFileResult } from '../parsers/codeMapFile.std.js';
import { HL7_DIALECTS, isHl7DialectName } from '../parsers/hl7Dialect.std.js';
import { SerialSimulator } from '../simulators/serialSimulator.node.js';
import { Hl7MonitorSimulator } from '../simulators/hl7MonitorSimulator.node.js';
import { deviceErrorText, type DeviceErrorCode } from '../deviceErrors.std.js';
import { DEFAULT_LISTENER_LIMITS, invalidEntries } from '../ports/sourcePolicy.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

const usage = `usage:
  npm run device -- list [--json]
  npm run device -- listen --profile <name> --port <path|tcp:PORT|hid[:VVVV:PPPP]> [--allow CIDR,…] [--dialect NAME] [--code-map FILE] [--json] [--count N]
    --dialect: ${HL7_DIALECTS.join(', ')} (HL7 profiles; default auto)
    --code-map FILE: IT's own HL7 code map, a JSON list of {"code", "loinc", "unit"} as the device view stores it
      (unit null when the monitor always sends one), e.g. [{"code": "007000", "loinc": "59408-5", "unit": null}]
  npm run device -- simulate --profile <name> --port <device path|tcp:PORT> [--count N] [--interval ms]
profiles: ${profileNames.join(', ')}`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

async function list(json: boolean): Promise<void> {
  const serial = await listSerialPorts().catch((error: unknown) => {
    console.error(`serial ports: ${String(error)}`);
    return [];
  });
  const hid = await nodeHidApi()
    .devices()
    .catch((error: unknown) => {
      console.error(`HID devices: ${String(error)}`);
      return [];
    });
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  if (json) {
    console.log(
      JSON.stringify({
        serial,
        hid: hid.map((d) => ({
          ...d,
          port: `hid:${hex(d.vendorId)}:${hex(d.productId)}`,
          knownProfile: d.vendorId === OMRON_VID && d.productId === OMRON_PID ? 'omron-hem790it' : null,
        })),
        profiles: profileNames,
      }),
    );
    return;
  }
  console.log('พอร์ตอนุกรม / Serial ports:');
  for (const port of serial)
    console.log(`  ${port.path}  ${port.manufacturer ?? ''} ${port.vendorId ?? ''}:${port.productId ?? ''}`);
  if (serial.length === 0) console.log('  (none)');
  console.log('อุปกรณ์ USB HID / HID devices:');
  for (const d of hid)
    console.log(
      `  hid:${hex(d.vendorId)}:${hex(d.productId)}  ${d.manufacturer ?? ''} ${d.product ?? ''}  ${d.path ?? ''}`,
    );
  if (hid.length === 0) console.log('  (none)');
  console.log(`Profiles: ${profileNames.map((name) => `${name} (${profiles[name].confidence})`).join(', ')}`);
}

/** Each value the frame held but did not chart: whether the device said so (ignored) or we refused it, why, and what the device called it. */
function notesOf(notes: readonly SkippedValue[] | undefined): { skipped?: SkippedValue[] } {
  return notes === undefined || notes.length === 0
    ? {}
    : { skipped: notes.map(({ outcome, reason, source, detail }) => ({ outcome, reason, source, detail })) };
}

/** "received, N values not understood (codes …)", as IT's device view says it, when a code no map knows came in. */
function notUnderstoodOf(notes: readonly SkippedValue[] | undefined): { notUnderstood?: { th: string; en: string } } {
  const [th, en] = [notUnderstoodWords(notes ?? [], 'th'), notUnderstoodWords(notes ?? [], 'en')];
  return th === null || en === null ? {} : { notUnderstood: { th, en } };
}

function notesText(notes: readonly SkippedValue[] | undefined): string {
  const said = notUnderstoodOf(notes).notUnderstood;
  return [
    ...(notes ?? []).map((n) => `\n    ${n.outcome} ${n.reason}: ${n.source} (${n.detail})`),
    ...(said === undefined ? [] : [`\n    ${said.th}\n    ${said.en}`]),
  ].join('');
}

function printOutcome(profile: DeviceProfile, outcome: StreamOutcome, json: boolean): void {
  if (outcome.kind === 'reading') {
    const { reading } = outcome;
    const line = {
      type: 'reading',
      profile: reading.profile,
      at: reading.at,
      values: reading.values,
      ...notesOf(reading.skipped),
      ...notUnderstoodOf(reading.skipped),
      raw: reading.raw,
      ...(reading.deviceTime === undefined ? {} : { deviceTime: reading.deviceTime }),
    };
    console.log(
      json
        ? JSON.stringify(line)
        : `${reading.at}  ${profile.name}  ${reading.values.map((v) => `${v.code}=${String(v.value)} ${v.unit}`).join('  ')}${notesText(reading.skipped)}`,
    );
    return;
  }
  const text = deviceErrorText[outcome.error.code as DeviceErrorCode];
  const line = {
    type: 'error',
    profile: profile.name,
    at: new Date().toISOString(),
    code: outcome.error.code,
    th: text.th,
    en: text.en,
    detail: outcome.error.detail,
    ...notesOf(outcome.error.skipped),
    ...notUnderstoodOf(outcome.error.skipped),
    raw: rawText(outcome.frame),
  };
  console.log(
    json
      ? JSON.stringify(line)
      : `${line.at}  ${profile.name}  ERROR ${line.code}: ${line.en} (${line.detail})${notesText(outcome.error.skipped)}`,
  );
}

function listen(
  profile: DeviceProfile,
  port: string,
  json: boolean,
  count: number | undefined,
  allow: readonly string[],
  hl7: DecodeContext['hl7'],
): PortSource {
  const streams = new Map<string, DeviceStream>();
  let readings = 0;
  let source: PortSource | undefined;
  const handle = (outcomes: readonly StreamOutcome[], reply: Reply): void => {
    for (const outcome of outcomes) {
      printOutcome(profile, outcome, json);
      if (outcome.kind === 'error' && !outcome.isFrame) continue;
      const result =
        outcome.kind === 'reading'
          ? { ok: true as const, reading: outcome.reading }
          : { ok: false as const, error: outcome.error };
      const ack = ackBytesFor(profile, outcome.frame, result, new Date(), `CLI${String(Date.now())}`);
      if (ack !== undefined) void reply(ack).catch(() => undefined);
      if (outcome.kind === 'reading') readings += 1;
      if (count !== undefined && readings >= count) void source?.stop().then(() => process.exit(0));
    }
  };
  const idle = new Map<string, ReturnType<typeof setTimeout>>();
  const sink: PortSink = {
    data(connection, chunk, reply) {
      let stream = streams.get(connection);
      if (stream === undefined) {
        stream = new DeviceStream(
          profile,
          () => new Date().toISOString(),
          () => hl7,
        );
        streams.set(connection, stream);
      }
      handle(stream.push(chunk), reply);
      if (profile.idleFlushMs !== undefined) {
        clearTimeout(idle.get(connection));
        const current = stream;
        idle.set(
          connection,
          setTimeout(() => handle(current.flush(), reply), profile.idleFlushMs),
        );
      }
    },
    ended(connection) {
      const stream = streams.get(connection);
      streams.delete(connection);
      if (stream !== undefined) handle(stream.flush(), () => Promise.resolve());
    },
    refused(origin, code) {
      console.error(`[${port}] refused ${origin}: ${deviceErrorText[code].en}`);
    },
    status(state, code, detail) {
      console.error(`[${port}] ${state}${code === null ? '' : ` ${code}`}${detail === null ? '' : ` — ${detail}`}`);
    },
  };
  if (port.startsWith('tcp:'))
    source = new TcpListener(Number(port.slice(4)), '0.0.0.0', sink, { ...DEFAULT_LISTENER_LIMITS, allow });
  else if (port === 'hid' || port.startsWith('hid:'))
    source = new HidSource(nodeHidApi(), parseHidPort(port) ?? { vendorId: OMRON_VID, productId: OMRON_PID }, sink);
  else
    source = new ManagedSerialPort(
      port,
      profile.serial ?? { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
      sink,
    );
  source.start();
  return source;
}

async function simulate(profile: DeviceProfile, port: string, count: number, intervalMs: number): Promise<void> {
  const repeat = profile.continuous?.stableSamples ?? 1;
  if (port.startsWith('tcp:')) {
    const monitor = await Hl7MonitorSimulator.connect(Number(port.slice(4)), '127.0.0.1', profile.ack === 'mllp');
    for (let i = 0; i < count; i += 1) {
      const ack = await monitor.send(sampleFrame(profile.name, i + 1));
      console.log(JSON.stringify({ sent: i + 1, ack: ack.split('\r').find((s) => s.startsWith('MSA')) ?? '' }));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    monitor.close();
    return;
  }
  const sim = new SerialSimulator(port);
  for (let i = 0; i < count; i += 1) {
    for (let k = 0; k < repeat; k += 1)
      await sim.send(sampleFrame(profile.name, profile.name === 'masimo-rad8' ? i * 100 + k : i + 1));
    console.log(JSON.stringify({ sent: i + 1 }));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  sim.close();
}

/** IT's code map file, or the problem named in Thai and English with exit 2 (before any port is opened). */
function loadCodeMap(path: string): readonly CodeMapEntry[] {
  let result: CodeMapFileResult;
  try {
    result = parseCodeMapFile(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    result = { ok: false, problem: 'file_unreadable', detail: code ?? errorMessage(error) };
  }
  if (result.ok) return result.entries;
  const text = CODE_MAP_FILE_PROBLEM_TEXT[result.problem];
  console.error(`--code-map ${path}: ${text.th}\n--code-map ${path}: ${text.en}\n  ${result.detail}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
      count: { type: 'string' },
      allow: { type: 'string', default: '127.0.0.1,::1' },
      interval: { type: 'string', default: '1000' },
      dialect: { type: 'string', default: 'auto' },
      'code-map': { type: 'string' },
    },
  });
  const [commandName] = positionals;
  if (commandName === 'list') return list(values.json);
  if (commandName !== 'listen' && commandName !== 'simulate') fail(`unknown command ${commandName ?? '(none)'}`);
  const name = values.profile ?? '';
  if (!isProfileName(name)) fail(`unknown profile "${name}"`);
  const port = values.port ?? fail('--port is required');
  const count = values.count === undefined ? undefined : Number(values.count);
  if (commandName === 'simulate') return simulate(profiles[name], port, count ?? 1, Number(values.interval));
  const allow = values.allow.split(',').map((entry) => entry.trim());
  const bad = invalidEntries(allow);
  if (bad.length > 0) fail(`--allow: not an address or subnet: ${bad.join(', ')}`);
  const dialect = values.dialect;
  if (!isHl7DialectName(dialect)) fail(`--dialect: one of ${HL7_DIALECTS.join(', ')}`);
  const mapFile = values['code-map'];
  // HL7 profiles are the ones that acknowledge; a code map means nothing to a kiosk's fixed fields.
  if (mapFile !== undefined && profiles[name].ack === undefined)
    fail(
      `--code-map: ใช้ได้กับโปรไฟล์ HL7 เท่านั้น / only for the HL7 profiles (${profileNames.filter((p) => profiles[p].ack !== undefined).join(', ')})`,
    );
  const custom = mapFile === undefined ? [] : customEntriesOf(loadCodeMap(mapFile));
  const source = listen(profiles[name], port, values.json, count, allow, { dialect, custom });
  process.on('SIGINT', () => void source.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exit(1);
});
