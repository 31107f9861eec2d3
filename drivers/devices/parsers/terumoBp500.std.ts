/**
 * Terumo BP-500 kiosk BP monitor, 9600 8N1: STX `R1,…` ETX followed by one check character.
 * Example from the source: `\x02R1,000000000,210427,153000,128,097,082,084,0000,0000,00000,000\x03?`
 * SYS [4], DIA [6], pulse [7]; [5] probably MAP (unverified, not used); date [2] YYMMDD, time [3] hhmmss.
 *
 * Source: the Thai kiosk app (MDI / EnvisionIE, unattributed), reference §A2. Fields: confidence M.
 * The check character's algorithm is NOT in any public source we found (the example's '?' matches no
 * XOR/sum variant, so it is likely a placeholder): we use the usual Japanese BCC, XOR of every byte after
 * STX up to and including ETX. Confidence L: verify against a real unit; `checkMode: 'none'` skips it.
 */
import { DelimitedFramer, ETX, STX, fieldsOf, type Framer } from './framing.std.js';
import { intField } from './omronHbp.std.js';
import { Loinc, asciiText, buildReading, fail, frameKey, vital, type DecodeContext, type DecodeResult } from './reading.std.js';

export function createTerumoFramer(): Framer {
  return new DelimitedFramer({ start: STX, end: [ETX], trailer: 1, maxLength: 256 });
}

/** XOR of the bytes after STX up to and including ETX. */
export function terumoCheck(body: Uint8Array): number {
  let check = 0;
  for (const byte of body) check ^= byte;
  return check ^ ETX;
}

export interface TerumoOptions {
  readonly checkMode?: 'bcc' | 'none';
}

export function decodeTerumoBp500(frame: Uint8Array, ctx: DecodeContext, options: TerumoOptions = {}): DecodeResult {
  if (frame.length < 4 || frame[0] !== STX || frame[frame.length - 2] !== ETX) return fail('device_frame_malformed', 'not STX … ETX + check');
  const body = frame.subarray(1, frame.length - 2);
  const check = frame[frame.length - 1] ?? -1;
  if ((options.checkMode ?? 'bcc') === 'bcc' && terumoCheck(body) !== check) {
    return fail('device_checksum', `check character 0x${check.toString(16)} != 0x${terumoCheck(body).toString(16)}`);
  }
  const line = asciiText(body);
  const fields = fieldsOf(line, ',');
  if (fields[0] !== 'R1' || fields.length < 8) return fail('device_frame_malformed', 'expected an R1 record with at least 8 fields');
  const sys = intField(fields, 4);
  const dia = intField(fields, 6);
  const pulse = intField(fields, 7);
  if ([sys, dia, pulse].some(Number.isNaN)) return fail('device_frame_malformed', 'SYS/DIA/pulse fields are not numbers');
  if (dia >= sys) return fail('device_implausible', `DIA ${String(dia)} not below SYS ${String(sys)}`);
  const date = fields[2] ?? '';
  const time = fields[3] ?? '';
  const timed = /^\d{6}$/.test(date) && /^\d{6}$/.test(time);
  return buildReading(ctx, frame, [vital(Loinc.systolic, sys), vital(Loinc.diastolic, dia), vital(Loinc.heartRate, pulse)], timed
    ? { deviceTime: `20${date.slice(0, 2)}-${date.slice(2, 4)}-${date.slice(4, 6)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}`, key: `terumo:${frameKey(line)}` }
    : {});
}
