/**
 * Omron HEM-790IT over USB HID (VID 0x0590, PID 0x0028).
 *
 * Source: openyou/libomron doc/omron_protocol_notes.asciidoc (Kyle Machulis, v1.1 2009; reverse-engineered,
 * several libomron users agree). Confidence H for framing and the GME record, M for the bank byte.
 * - Reports are 8 bytes, no report id; byte 0 counts the valid bytes that follow.
 * - Commands: 3 ASCII letters + data + checksum (XOR of the data bytes): VER00, GDC, GME, END.
 * - Replies: "OK" then data whose last byte is the XOR of the data (END answers "OFF\r\n"); "NO" = retry.
 * - GME data (14 bytes): YY MM DD hh mm ss ?? ?? SYS DIA PULSE ?? flags XOR.
 * - Modes are set by feature reports 01 01 (device info) / 74 bc (readings) / 10 74 (weekly averages).
 */
import {
  Loinc,
  buildReading,
  fail,
  frameKey,
  rawText,
  vital,
  type DecodeContext,
  type DecodeResult,
} from './reading.std.js';

export const OMRON_VID = 0x0590;
export const OMRON_PID = 0x0028;
export const REPORT_SIZE = 8;

export const readingModeFeature = [0x00, 0x74, 0xbc] as const;
export const infoModeFeature = [0x00, 0x01, 0x01] as const;

function xor(bytes: Iterable<number>): number {
  let check = 0;
  for (const byte of bytes) check ^= byte;
  return check;
}

/** The 8-byte output reports carrying one command (count byte first, zero padded). */
export function commandReports(command: readonly number[]): number[][] {
  const reports: number[][] = [];
  for (let i = 0; i < command.length; i += REPORT_SIZE - 1) {
    const part = command.slice(i, i + REPORT_SIZE - 1);
    const report = [part.length, ...part];
    while (report.length < REPORT_SIZE) report.push(0);
    reports.push(report);
  }
  return reports;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

export const versionCommand = (): number[] => ascii('VER00');
export const endCommand = (): number[] => [...ascii('END'), 0xff, 0xff];
/** GDC for a bank: the data after "GDC" is 00 bank 00 00 and its XOR. */
export function countCommand(bank: number): number[] {
  const data = [0x00, bank & 0xff, 0x00, 0x00];
  return [...ascii('GDC'), ...data, xor(data)];
}
/** GME for record `index` (0 = newest) of a bank. */
export function readingCommand(bank: number, index: number): number[] {
  const data = [0x00, bank & 0xff, (index >> 8) & 0xff, index & 0xff];
  return [...ascii('GME'), ...data, xor(data)];
}

/** Joins the valid bytes of input reports into one reply stream. */
export class ReportAssembler {
  #bytes: number[] = [];

  push(report: readonly number[]): void {
    const count = Math.min(report[0] ?? 0, REPORT_SIZE - 1, report.length - 1);
    for (let i = 1; i <= count; i += 1) this.#bytes.push(report[i] ?? 0);
  }

  get length(): number {
    return this.#bytes.length;
  }

  peek(): readonly number[] {
    return this.#bytes;
  }

  take(): number[] {
    const out = this.#bytes;
    this.#bytes = [];
    return out;
  }
}

export type Reply =
  | { readonly kind: 'ok'; readonly data: Uint8Array }
  | { readonly kind: 'no' }
  | { readonly kind: 'off' }
  | { readonly kind: 'bad'; readonly detail: string };

/** A whole reply: "OK" + data (+ XOR), "NO", or "OFF\r\n". `dataLength` counts data + checksum. */
export function parseReply(bytes: readonly number[], dataLength: number): Reply {
  const head = String.fromCharCode(...bytes.slice(0, 3));
  if (head.startsWith('NO')) return { kind: 'no' };
  if (head === 'OFF') return { kind: 'off' };
  if (!head.startsWith('OK'))
    return { kind: 'bad', detail: `reply starts ${rawText(Uint8Array.from(bytes.slice(0, 3)))}` };
  if (dataLength === 0) return { kind: 'ok', data: new Uint8Array() };
  // "OK" is followed by a 0x00 status byte, then the data and its checksum
  const data = bytes.slice(3, 3 + dataLength);
  if (data.length < dataLength)
    return { kind: 'bad', detail: `short reply: ${String(data.length)} of ${String(dataLength)} bytes` };
  return { kind: 'ok', data: Uint8Array.from(data) };
}

export const GME_LENGTH = 14;
export const GDC_LENGTH = 5;

/** The number of records in a GDC reply's data (its byte 3, as libomron's omron_get_daily_data_count reads it). */
export function recordCount(data: Uint8Array): number | undefined {
  if (data.length !== GDC_LENGTH || xor(data.subarray(0, GDC_LENGTH - 1)) !== data[GDC_LENGTH - 1]) return undefined;
  return data[3];
}

/** Decodes one 14-byte GME record (the frame the HID session hands to the pipeline). */
export function decodeHem790itRecord(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (frame.length !== GME_LENGTH)
    return fail('device_frame_malformed', `record of ${String(frame.length)} bytes, expected 14`);
  const check = xor(frame.subarray(0, GME_LENGTH - 1));
  if (check !== frame[GME_LENGTH - 1])
    return fail('device_checksum', `XOR 0x${check.toString(16)} != 0x${(frame[GME_LENGTH - 1] ?? 0).toString(16)}`);
  const [yy = 0, mm = 0, dd = 0, hh = 0, mi = 0, ss = 0] = frame;
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59)
    return fail('device_frame_malformed', 'record date is not a date');
  const sys = frame[8] ?? 0;
  const dia = frame[9] ?? 0;
  const pulse = frame[10] ?? 0;
  if (dia >= sys) return fail('device_implausible', `DIA ${String(dia)} not below SYS ${String(sys)}`);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return buildReading(
    ctx,
    frame,
    [vital(Loinc.systolic, sys), vital(Loinc.diastolic, dia), vital(Loinc.heartRate, pulse)],
    {
      deviceTime: `20${pad(yy)}-${pad(mm)}-${pad(dd)}T${pad(hh)}:${pad(mi)}:${pad(ss)}`,
      key: `hem790it:${frameKey(rawText(frame))}`,
    },
  );
}

/** A GME record for the fake device and tests. */
export function encodeHem790itRecord(
  at: { y: number; mo: number; d: number; h: number; mi: number; s: number },
  sys: number,
  dia: number,
  pulse: number,
): Uint8Array {
  const body = [at.y % 100, at.mo, at.d, at.h, at.mi, at.s, 0, 0, sys & 0xff, dia & 0xff, pulse & 0xff, 0, 0];
  return Uint8Array.from([...body, xor(body)]);
}

/** Splits a reply ("OK" 00 + data) into 8-byte input reports, as the device sends it. */
export function replyReports(data: readonly number[]): number[][] {
  return commandReports([...ascii('OK'), 0x00, ...data]);
}
