/**
 * What every device parser produces: a typed reading in LOINC + UCUM, or a typed error. Pure: the port
 * layer hands bytes in, the service stores what comes out. Plausibility ranges live here so every
 * protocol rejects impossible values the same way.
 */
import type { PidIdentifiers } from './hl7Pid.std.js';

/** LOINC codes of the vital signs we take from devices (FHIR vital-signs profile). */
export const Loinc = {
  systolic: '8480-6',
  diastolic: '8462-4',
  meanArterial: '8478-0',
  heartRate: '8867-4',
  spo2: '59408-5',
  temperature: '8310-5',
  respiratoryRate: '9279-1',
  weight: '29463-7',
  height: '8302-2',
  bmi: '39156-5',
} as const;
export type LoincCode = (typeof Loinc)[keyof typeof Loinc];

/** The one UCUM unit each code is stored in (devices' own units are converted to these). */
export const canonicalUnit: Readonly<Record<LoincCode, string>> = {
  '8480-6': 'mm[Hg]',
  '8462-4': 'mm[Hg]',
  '8478-0': 'mm[Hg]',
  '8867-4': '/min',
  '59408-5': '%',
  '8310-5': 'Cel',
  '9279-1': '/min',
  '29463-7': 'kg',
  '8302-2': 'cm',
  '39156-5': 'kg/m2',
};

/**
 * Values outside these are not physiologically possible (or not what a bedside device can measure):
 * the frame is rejected with `device_implausible` rather than charted. Deliberately wide: abnormal but
 * possible values (SpO2 70 %, SYS 250) must pass and be flagged clinically, not dropped here.
 */
export const plausibleRange: Readonly<Record<LoincCode, readonly [number, number]>> = {
  '8480-6': [40, 300],
  '8462-4': [15, 200],
  '8478-0': [20, 250],
  '8867-4': [20, 300],
  '59408-5': [40, 100],
  '8310-5': [25, 45],
  '9279-1': [2, 80],
  '29463-7': [0.5, 350],
  '8302-2': [30, 250],
  '39156-5': [5, 100],
};

export interface ReadingValue {
  readonly code: LoincCode;
  readonly value: number;
  readonly unit: string;
}

export interface Reading {
  readonly profile: string;
  /** When the station received the frame (ISO 8601). */
  readonly at: string;
  /** The device's own clock for this measurement, as it sent it (no time zone), when it sends one. */
  readonly deviceTime?: string;
  readonly values: readonly ReadingValue[];
  /** The frame as received, control bytes written as \xHH so it survives JSON and logs. */
  readonly raw: string;
  /**
   * Identity of this measurement on the device (HL7 message control id, device time + values), when the
   * frame carries one: a replayed or re-sent frame with the same key is stored once.
   */
  readonly key?: string;
  /** Who the frame says it measured (HL7 PID): raw identifiers, for main to resolve and never to store. */
  readonly subject?: PidIdentifiers;
}

/** Error codes a parser can give (catalogued with th/en text in electron/contract/deviceErrors.std.ts). */
export type ParseErrorCode =
  | 'device_frame_garbage'
  | 'device_frame_malformed'
  | 'device_checksum'
  | 'device_implausible'
  | 'device_unit_unknown'
  | 'device_no_values'
  | 'device_frame_too_long'
  | 'device_message_rejected';

export interface ParseError {
  readonly code: ParseErrorCode;
  readonly detail: string;
}

export type DecodeResult = { readonly ok: true; readonly reading: Reading } | { readonly ok: false; readonly error: ParseError };

export interface DecodeContext {
  readonly profile: string;
  /** ISO time the frame was received. */
  readonly receivedAt: string;
}

export function fail(code: ParseErrorCode, detail: string): DecodeResult {
  return { ok: false, error: { code, detail } };
}

/** Checks every value against its plausible range and builds the reading. */
export function buildReading(
  ctx: DecodeContext,
  frame: Uint8Array,
  values: readonly ReadingValue[],
  extra: { deviceTime?: string; key?: string } = {},
): DecodeResult {
  if (values.length === 0) return fail('device_no_values', 'frame carried no vital-sign value');
  for (const item of values) {
    const [low, high] = plausibleRange[item.code];
    if (!Number.isFinite(item.value) || item.value < low || item.value > high) {
      return fail('device_implausible', `${item.code}=${String(item.value)} outside ${String(low)}..${String(high)}`);
    }
  }
  const reading: Reading = {
    profile: ctx.profile,
    at: ctx.receivedAt,
    values,
    raw: rawText(frame),
    ...(extra.deviceTime === undefined ? {} : { deviceTime: extra.deviceTime }),
    ...(extra.key === undefined ? {} : { key: extra.key }),
  };
  return { ok: true, reading };
}

/** A value in the canonical unit of its code. */
export function vital(code: LoincCode, value: number): ReadingValue {
  return { code, value, unit: canonicalUnit[code] };
}

/** Printable ASCII stays, everything else becomes \xHH (so binary and control bytes survive JSON). */
export function rawText(bytes: Uint8Array): string {
  // one string conversion and one regex pass: far cheaper than building the string byte by byte
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what we escape
  return asciiText(bytes).replace(/[\x00-\x1f\x5c\x7f-\xff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The inverse of rawText, for fixtures and replays. */
export function fromRawText(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\\' && text[i + 1] === 'x') {
      out.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      out.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Bytes to a string one char per byte (device text is ASCII; any other byte keeps its own code). */
export function asciiText(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return out;
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** A strict decimal: digits with an optional sign and fraction. Anything else is NaN (never parseFloat's guess). */
export function strictNumber(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const trimmed = text.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A stable short key from text (FNV-1a, 32 bit, hex): good enough to recognise the same frame again. */
export function frameKey(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
