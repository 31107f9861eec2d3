/**
 * Omron HBP-9030 and HBP-9020 kiosk BP monitors: one ASCII line per measurement.
 *
 * HBP-9030 (9600 8N1). The monitor's output format is chosen on the unit (function item 32); the layout is
 * recognised from the line, or fixed per port with `layout`:
 * - `format5`: `YYYY,MM,DD,hh,mm,<20-char id>,E,SSS,DDD,PPP,M` (53 bytes): E the monitor's error code (0 = a
 *   measurement; otherwise SYS/DIA/PUL are spaces or meaningless), M the body-movement count (the reading stands).
 *   A line starting like format 5 with an id not 20 characters or a date not on the calendar is refused, as the
 *   source's tests refuse it.
 *   Source: BP_checker (ESP32 HBP-9030 gateway) lib/BP_Parser.h and its host test; it reads SYS/DIA/PUL at the
 *   zero-based fields [7], [8], [9], as the Thai kiosk apps do. Confidence M.
 * - `kiosk`: any comma line with SYS/DIA/pulse at [7], [8], [9] (MDI/EnvisionIE and a second Thai kiosk script,
 *   reference §A2): what those apps read, whatever the header before [7]. Confidence M.
 * - `bp-csv`: `bp,<id>,YYYY/MM/DD,hh:mm,SSS,xxx,DDD,PPP,n` (ended by CR) and `id-text`:
 *   `ID<8 digits>B<yy/mm/dd/hh:mm> SSS DDD PPP` — two of the older formats (1–4) as BP_checker's test writes them;
 *   which number each is, and the unit's own sample, are not public. Confidence L.
 * `MMBP203N` (CR between fields) is the third older shape in that test: not read (its fields arrive as separate
 * lines); the monitor must be set to format 5.
 * Measurement limits (SYS 60–260, DIA 30–215, pulse 40–180/min) as BP_checker enforces them for the HBP-9030,
 * whose manual page we have not seen: confidence M. They narrow the vocabulary for every layout.
 *
 * The id a line carries is written `[id]` in the reading's kept text (maskRaw.std.ts).
 *
 * HBP-9020 ("Mode 5, F3"), 2400 8N1: the `bp-csv` layout, `bp,99999999999999999999,2023/04/27,15:06,140,098,077,068,3`
 * (SYS [4], DIA [6], pulse [7]; [5] probably MAP, not used). Source: the MDI/EnvisionIE kiosk app. Confidence M.
 */
import { LineFramer, fieldsOf, type Framer } from './framing.std.js';
import {
  Loinc,
  asciiText,
  buildReading,
  fail,
  frameKey,
  skipped,
  vital,
  type DecodeContext,
  type DecodeResult,
  type DeviceRanges,
} from './reading.std.js';
import { maskReadingRaw } from './maskRaw.std.js';
import { deviceClock } from './deviceClock.std.js';

export function createCsvLineFramer(): Framer {
  return new LineFramer({ maxLength: 512 });
}

/** HBP-9030 lines: CRLF, or CR alone as BP_checker writes the older formats. */
export function createHbp9030Framer(): Framer {
  return new LineFramer({ maxLength: 512, crEndsLine: true });
}

/**
 * The HBP-9030's measurement limits, inclusive: SYS 60–260, DIA 30–215 mmHg, pulse 40–180/min.
 * Source: leon80148/BP_checker `test/host/test_hbp9030_protocol.cpp` `testRanges` (commit 19081541), S1 in
 * test/fixtures/devices/public/serial/omron-hbp9030/SOURCES.md; the manual's own page not seen (confidence M).
 * The HBP-9020 has no stated limits in its source, so it keeps the vocabulary's ranges.
 */
export const HBP9030_RANGES: DeviceRanges = {
  [Loinc.systolic]: [60, 260],
  [Loinc.diastolic]: [30, 215],
  [Loinc.heartRate]: [40, 180],
};

/** A whole-number field such as "098"; anything else (blank, "E1", "--") is NaN. */
export function intField(fields: readonly string[], index: number): number {
  const text = fields[index] ?? '';
  return /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
}

function lineOf(frame: Uint8Array): string {
  return asciiText(frame).replace(/[\r\n]+$/, '');
}

export type Hbp9030Layout = 'format5' | 'kiosk' | 'bp-csv' | 'id-text';

/** What one line says: the pressures and pulse, the device clock when the line has one, or why it is no reading. */
interface BpLine {
  readonly sys: number;
  readonly dia: number;
  readonly pulse: number;
  readonly deviceTime?: string | undefined;
}

type Parsed = { readonly ok: true; readonly line: BpLine } | { readonly ok: false; readonly result: DecodeResult };

const format5 =
  /^(\d{4}),(\d{2}),(\d{2}),(\d{2}),(\d{2}),[\x20-\x2b\x2d-\x7e]{20},(\d),([\d ]{3}),([\d ]{3}),([\d ]{3}),(\d)$/;
const idText = /^ID\d{8}B(\d{2})\/(\d{2})\/(\d{2})\/(\d{2}):(\d{2}) (\d{3}) (\d{3}) (\d{3}) ?$/;

/** The layout a line is written in, or undefined. */
export function hbp9030LayoutOf(line: string): Hbp9030Layout | undefined {
  if (format5.test(line)) return 'format5';
  // a line that starts like format 5 but breaks its grammar (an id not 20 characters, a field missing) is not read
  if (/^\d{4},\d{2},\d{2},\d{2},\d{2},/.test(line)) return undefined;
  if (idText.test(line)) return 'id-text';
  if (line.startsWith('bp,')) return 'bp-csv';
  if (fieldsOf(line, ',').length >= 10) return 'kiosk';
  return undefined;
}

function numbers(sys: number, dia: number, pulse: number, deviceTime?: string): Parsed {
  if ([sys, dia, pulse].some(Number.isNaN))
    return {
      ok: false,
      result: fail('device_frame_malformed', 'SYS/DIA/pulse fields are not numbers (measurement error?)'),
    };
  return { ok: true, line: { sys, dia, pulse, deviceTime } };
}

function parseFormat5(line: string): Parsed {
  const m = format5.exec(line) ?? [];
  const [, y = '', mo = '', d = '', h = '', mi = '', error = '0', sys = '', dia = '', pulse = ''] = m;
  if (error !== '0') {
    return {
      ok: false,
      result: fail('device_no_values', `the monitor reported error ${error}: no measurement`, [
        skipped('invalid_marker', 'E', `error code ${error}: the monitor did not measure`),
      ]),
    };
  }
  const when = deviceClock(y, mo, d, h, mi);
  // format 5 always carries the clock: a date not on the calendar is a corrupted line or a clock to set
  if (when === undefined)
    return {
      ok: false,
      result: fail(
        'device_frame_malformed',
        `the monitor's date ${y}-${mo}-${d} ${h}:${mi} is not a date (set its clock)`,
      ),
    };
  return numbers(intField([sys], 0), intField([dia], 0), intField([pulse], 0), when);
}

function parseIdText(line: string): Parsed {
  const [, y = '', mo = '', d = '', h = '', mi = '', sys = '', dia = '', pulse = ''] = idText.exec(line) ?? [];
  return numbers(Number(sys), Number(dia), Number(pulse), deviceClock(`20${y}`, mo, d, h, mi));
}

/** `bp,<id>,YYYY/MM/DD,hh:mm,SYS,xxx,DIA,PULSE,n` (HBP-9020 Mode 5 F3, and one older HBP-9030 format). */
function parseBpCsv(line: string): Parsed {
  const fields = fieldsOf(line, ',');
  if (fields.length < 8)
    return {
      ok: false,
      result: fail('device_frame_malformed', `expected at least 8 fields, got ${String(fields.length)}`),
    };
  const date = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(fields[2] ?? '');
  const time = /^(\d{2}):(\d{2})$/.exec(fields[3] ?? '');
  const when =
    date === null || time === null
      ? undefined
      : deviceClock(date[1] ?? '', date[2] ?? '', date[3] ?? '', time[1] ?? '', time[2] ?? '');
  return numbers(intField(fields, 4), intField(fields, 6), intField(fields, 7), when);
}

function parseKiosk(line: string): Parsed {
  const fields = fieldsOf(line, ',');
  if (fields.length < 10)
    return {
      ok: false,
      result: fail('device_frame_malformed', `expected at least 10 fields, got ${String(fields.length)}`),
    };
  return numbers(intField(fields, 7), intField(fields, 8), intField(fields, 9));
}

const parsers: Readonly<Record<Hbp9030Layout, (line: string) => Parsed>> = {
  format5: parseFormat5,
  'id-text': parseIdText,
  'bp-csv': parseBpCsv,
  kiosk: parseKiosk,
};

function toReading(frame: Uint8Array, ctx: DecodeContext, parsed: Parsed, deviceRanges?: DeviceRanges): DecodeResult {
  if (!parsed.ok) return parsed.result;
  const { sys, dia, pulse, deviceTime } = parsed.line;
  if (dia >= sys) return fail('device_implausible', `DIA ${String(dia)} not below SYS ${String(sys)}`);
  const key = deviceTime === undefined ? undefined : `${ctx.profile}:${frameKey(lineOf(frame))}`;
  return buildReading(
    ctx,
    frame,
    [vital(Loinc.systolic, sys), vital(Loinc.diastolic, dia), vital(Loinc.heartRate, pulse)],
    { deviceTime, key, deviceRanges },
  );
}

export interface Hbp9030Options {
  /** The port's output format when IT fixes it; otherwise recognised from each line. */
  readonly layout?: Hbp9030Layout | undefined;
}

export function decodeOmronHbp9030(frame: Uint8Array, ctx: DecodeContext, options: Hbp9030Options = {}): DecodeResult {
  const line = lineOf(frame);
  const layout = options.layout ?? hbp9030LayoutOf(line);
  if (layout === undefined)
    return fail('device_frame_malformed', 'not an HBP-9030 output format we read (set the monitor to format 5)');
  return maskReadingRaw(toReading(frame, ctx, parsers[layout](line), HBP9030_RANGES), maskHbpId);
}

/** The id a line carries (format 5's 20 characters, `bp,` field 1, `ID` + 8 digits), as `[id]`. */
export function maskHbpId(raw: string): string {
  return raw
    .replace(/^(\d{4},\d{2},\d{2},\d{2},\d{2},)[^,]+(?=,)/, '$1[id]')
    .replace(/^bp,[^,]*/, 'bp,[id]')
    .replace(/^ID\d{8}/, 'ID[id]');
}

export function decodeOmronHbp9020(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  return maskReadingRaw(toReading(frame, ctx, parseBpCsv(lineOf(frame))), maskHbpId);
}
