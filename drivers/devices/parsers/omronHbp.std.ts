/**
 * Omron HBP-9030 and HBP-9020 kiosk BP monitors: one ASCII CSV line per measurement, CRLF.
 *
 * Source: a Thai kiosk app (C# "MDI / EnvisionIE", ctrlSettingDevice + frmMonitoringPortrait, unattributed)
 * and a second independent Thai kiosk script reading the same HBP-9030 indexes; reference §A2.
 * - HBP-9030, 9600 8N1: SYS, DIA, pulse at zero-based fields [7], [8], [9]. Confidence M/H.
 * - HBP-9020 ("Mode 5, F3"), 2400 8N1: SYS [4], DIA [6], pulse [7]; [5] probably MAP (unverified, not used);
 *   date [2] and time [3]. Example from the source's comment:
 *   `bp,99999999999999999999,2023/04/27,15:06,140,098,077,068,3`. Confidence M.
 */
import { LineFramer, fieldsOf, type Framer } from './framing.std.js';
import { Loinc, asciiText, buildReading, fail, frameKey, vital, type DecodeContext, type DecodeResult } from './reading.std.js';

export function createCsvLineFramer(): Framer {
  return new LineFramer({ maxLength: 512 });
}

/** A whole-number field such as "098"; anything else (blank, "E1", "--") is NaN. */
export function intField(fields: readonly string[], index: number): number {
  const text = fields[index] ?? '';
  return /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
}

function lineOf(frame: Uint8Array): string {
  return asciiText(frame).replace(/[\r\n]+$/, '');
}

interface BpIndexes {
  readonly sys: number;
  readonly dia: number;
  readonly pulse: number;
}

function decodeBpCsv(frame: Uint8Array, ctx: DecodeContext, at: BpIndexes, deviceTime?: (fields: readonly string[]) => string | undefined): DecodeResult {
  const line = lineOf(frame);
  const fields = fieldsOf(line, ',');
  const needed = Math.max(at.sys, at.dia, at.pulse) + 1;
  if (fields.length < needed) return fail('device_frame_malformed', `expected at least ${String(needed)} fields, got ${String(fields.length)}`);
  const sys = intField(fields, at.sys);
  const dia = intField(fields, at.dia);
  const pulse = intField(fields, at.pulse);
  if ([sys, dia, pulse].some(Number.isNaN)) return fail('device_frame_malformed', 'SYS/DIA/pulse fields are not numbers (measurement error?)');
  if (dia >= sys) return fail('device_implausible', `DIA ${String(dia)} not below SYS ${String(sys)}`);
  const time = deviceTime?.(fields);
  return buildReading(ctx, frame, [vital(Loinc.systolic, sys), vital(Loinc.diastolic, dia), vital(Loinc.heartRate, pulse)], {
    ...(time === undefined ? {} : { deviceTime: time, key: `${ctx.profile}:${frameKey(line)}` }),
  });
}

export function decodeOmronHbp9030(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  return decodeBpCsv(frame, ctx, { sys: 7, dia: 8, pulse: 9 });
}

export function decodeOmronHbp9020(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  return decodeBpCsv(frame, ctx, { sys: 4, dia: 6, pulse: 7 }, (fields) => {
    const date = fields[2] ?? '';
    const time = fields[3] ?? '';
    return /^\d{4}\/\d{2}\/\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) ? `${date.replaceAll('/', '-')}T${time}` : undefined;
  });
}
