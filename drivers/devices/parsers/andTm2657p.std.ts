/**
 * A&D TM-2657P kiosk BP monitor: STX … ETX, fields separated by 0x1E, values prefixed S (SYS) at [5],
 * D (DIA) at [7], P (pulse) at [8]. Bytes 0x01 and 0x16 (SOH, SYN) are stripped as the sources do.
 *
 * Sources: the Thai kiosk app (MDI / EnvisionIE, unattributed; 2400 baud default there) and
 * audy018/bmhsmartbp sourcecodes/bp2his.py (same indexes, 9600 baud, strips 0x01/0x02/0x16); reference
 * §A2. Confidence M. No public capture of a whole frame: the fixture is built from these indexes.
 */
import { DelimitedFramer, ETX, STX, type Framer } from './framing.std.js';
import { Loinc, asciiText, buildReading, fail, vital, type DecodeContext, type DecodeResult } from './reading.std.js';

export const RS = 0x1e;

export function createAndTm2657pFramer(): Framer {
  return new DelimitedFramer({ start: STX, end: [ETX], maxLength: 256 });
}

function prefixed(fields: readonly string[], index: number, prefix: string): number {
  const field = fields[index] ?? '';
  if (!field.startsWith(prefix)) return Number.NaN;
  const digits = field.slice(prefix.length).trim();
  return /^\d{1,3}$/.test(digits) ? Number(digits) : Number.NaN;
}

export function decodeAndTm2657p(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  const body = frame.filter((byte) => byte !== 0x01 && byte !== 0x16 && byte !== STX && byte !== ETX);
  const fields = asciiText(body).split(String.fromCharCode(RS));
  if (fields.length < 9)
    return fail('device_frame_malformed', `expected at least 9 fields, got ${String(fields.length)}`);
  const sys = prefixed(fields, 5, 'S');
  const dia = prefixed(fields, 7, 'D');
  const pulse = prefixed(fields, 8, 'P');
  if ([sys, dia, pulse].some(Number.isNaN))
    return fail('device_frame_malformed', 'S/D/P fields missing or not numbers');
  if (dia >= sys) return fail('device_implausible', `DIA ${String(dia)} not below SYS ${String(sys)}`);
  return buildReading(ctx, frame, [
    vital(Loinc.systolic, sys),
    vital(Loinc.diastolic, dia),
    vital(Loinc.heartRate, pulse),
  ]);
}
