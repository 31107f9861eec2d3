/**
 * Terumo BP-500 kiosk BP monitor, 9600 8N1: STX `R1,…` ETX followed by one check character.
 * Example from the source: `\x02R1,000000000,210427,153000,128,097,082,084,0000,0000,00000,000\x03?`
 * SYS [4], DIA [6], pulse [7]; [5] probably MAP (unverified, not used); date [2] YYMMDD, time [3] hhmmss.
 *
 * Source: the Thai kiosk app (MDI / EnvisionIE, unattributed), reference §A2. Fields: confidence M.
 *
 * Check character: NO vendor document or real recording was found (searched public code, docs and pages,
 * 2026-11-23). Two candidates, both accepted by default ('either'), confidence L:
 * - 'sum': the low byte of the sum of STX…ETX. A public BP-500 serial simulator builds its frames this way
 *   (`bcc = sum(STX + body + ETX) & 0xFF`, a Python/Tk "Terumo BR-500 simulator", unattributed), and it is
 *   the only simple algorithm that fits the source's example: for that body it gives 0xE6, which .NET's
 *   ASCII decoding (the source is a C# SerialPort app) shows as '?'; an XOR of 7-bit text never can.
 * - 'bcc': XOR of the bytes after STX up to and including ETX (the source app's CalculateBlockCheckCharacter
 *   XORs a message's bytes; whether it is used for this device is not shown).
 * A Thai kiosk in Dart reads Terumo frames up to ETX without checking anything, at 19200 baud (unattributed).
 * Verify against a real unit. The parser takes a mode ('sum', 'bcc', 'none'); there is no per-port setting
 * for IT yet, so a unit that fails both candidates needs a code change (its frames are kept as errors meanwhile).
 */
import { DelimitedFramer, ETX, STX, fieldsOf, type Framer } from './framing.std.js';
import { intField } from './omronHbp.std.js';
import {
  Loinc,
  asciiText,
  buildReading,
  fail,
  frameKey,
  vital,
  type DecodeContext,
  type DecodeResult,
} from './reading.std.js';

export function createTerumoFramer(): Framer {
  return new DelimitedFramer({ start: STX, end: [ETX], trailer: 1, maxLength: 256 });
}

/** 'bcc': XOR of the bytes after STX up to and including ETX. */
export function terumoCheck(body: Uint8Array): number {
  let check = 0;
  for (const byte of body) check ^= byte;
  return check ^ ETX;
}

/** 'sum': low byte of the sum of STX, the body and ETX. */
export function terumoSum(body: Uint8Array): number {
  let sum = STX + ETX;
  for (const byte of body) sum += byte;
  return sum & 0xff;
}

export type TerumoCheckMode = 'either' | 'sum' | 'bcc' | 'none';

export interface TerumoOptions {
  readonly checkMode?: TerumoCheckMode;
}

function checkPasses(mode: TerumoCheckMode, body: Uint8Array, check: number): boolean {
  if (mode === 'none') return true;
  const sum = terumoSum(body) === check;
  const bcc = terumoCheck(body) === check;
  if (mode === 'sum') return sum;
  if (mode === 'bcc') return bcc;
  return sum || bcc;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

export function decodeTerumoBp500(frame: Uint8Array, ctx: DecodeContext, options: TerumoOptions = {}): DecodeResult {
  if (frame.length < 4 || frame[0] !== STX || frame[frame.length - 2] !== ETX)
    return fail('device_frame_malformed', 'not STX … ETX + check');
  const body = frame.subarray(1, frame.length - 2);
  const check = frame[frame.length - 1] ?? -1;
  if (!checkPasses(options.checkMode ?? 'either', body, check)) {
    return fail(
      'device_checksum',
      `check character ${hex(check)} is neither sum ${hex(terumoSum(body))} nor BCC ${hex(terumoCheck(body))}`,
    );
  }
  const line = asciiText(body);
  const fields = fieldsOf(line, ',');
  if (fields[0] !== 'R1' || fields.length < 8)
    return fail('device_frame_malformed', 'expected an R1 record with at least 8 fields');
  const sys = intField(fields, 4);
  const dia = intField(fields, 6);
  const pulse = intField(fields, 7);
  if ([sys, dia, pulse].some(Number.isNaN))
    return fail('device_frame_malformed', 'SYS/DIA/pulse fields are not numbers');
  if (dia >= sys) return fail('device_implausible', `DIA ${String(dia)} not below SYS ${String(sys)}`);
  const date = fields[2] ?? '';
  const time = fields[3] ?? '';
  const timed = /^\d{6}$/.test(date) && /^\d{6}$/.test(time);
  return buildReading(
    ctx,
    frame,
    [vital(Loinc.systolic, sys), vital(Loinc.diastolic, dia), vital(Loinc.heartRate, pulse)],
    timed
      ? {
          deviceTime: `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}`,
          key: `terumo:${frameKey(line)}`,
        }
      : {},
  );
}
