/**
 * What every device parser produces: a typed reading in LOINC + UCUM, or a typed error. Pure: the port
 * layer hands bytes in, the service stores what comes out. Codes, units and plausible ranges come from the
 * one vitals vocabulary (sync/model/vitals), so every protocol and manual entry refuse the same values.
 */
import type { PidIdentifiers } from './hl7Pid.std.js';
import type { Hl7DialectName } from './hl7Dialect.std.js';
import type { CustomCodeEntry } from './customCodeMap.std.js';
import { z } from 'zod';
import type { ParseErrorCode } from '../deviceErrors.std.js';
import { IGNORED_REASONS, SKIP_REASONS, type SkipReason } from './skipReasons.std.js';

export type { SkipReason } from './skipReasons.std.js';
import { Loinc, VITALS, checkRange, type LoincCode } from '../../../sync/model/vitals/vitalSigns.std.js';

export { Loinc, type LoincCode } from '../../../sync/model/vitals/vitalSigns.std.js';

/** `deviceTime`: when this value was measured, as the device sent it, when that differs from the reading's (a monitor's last NIBP beside the current SpO2). */
export const ReadingValue = z
  .object({ code: z.string(), value: z.number(), unit: z.string(), deviceTime: z.string().optional() })
  .readonly();
export type ReadingValue = z.infer<typeof ReadingValue>;

/** A value as a parser makes it: always one of the vitals vocabulary's LOINC codes. */
export interface ParsedValue extends ReadingValue {
  readonly code: LoincCode;
}

/** A reading as the device inbox stores it and the contract carries it. */
export const DeviceReading = z
  .object({
    profile: z.string(),
    /** When the station received the frame (ISO 8601). */
    at: z.string(),
    /** The device's own clock for this measurement, as it sent it (no time zone), when it sends one. */
    deviceTime: z.string().optional(),
    values: z.array(ReadingValue).readonly(),
    /** The frame as received, control bytes written as \xHH so it survives JSON and logs. */
    raw: z.string(),
    /**
     * Identity of this measurement on the device (HL7 message control id, device time + values), when the
     * frame carries one: a replayed or re-sent frame with the same key is stored once.
     */
    key: z.string().optional(),
  })
  .readonly();
export type DeviceReading = z.infer<typeof DeviceReading>;

/** What a parser produces: the stored reading, plus what main resolves and words before storing it. */
export interface Reading extends DeviceReading {
  readonly values: readonly ParsedValue[];
  /** Who the frame says it measured (HL7 PID): raw identifiers, for main to resolve and never to store. */
  readonly subject?: PidIdentifiers;
  /** Values in the frame that were not charted, each with its reason (never dropped without a word). */
  readonly skipped?: readonly SkippedValue[];
}

/**
 * Why a value in a frame was not taken. `refused`: the device sent something we will not chart (out of range,
 * a unit that does not fit); `ignored`: the device itself says it is not a measurement (placeholder, demo,
 * status X/D/W, a vendor's "no value" marker) or it is an observation the app does not chart.
 */
export const SkippedValue = z
  .object({
    outcome: z.enum(['refused', 'ignored']),
    reason: z.enum(SKIP_REASONS),
    /** What the device called the value (OBX-3 as sent, or the frame field's name). */
    source: z.string(),
    detail: z.string(),
  })
  .readonly();
export type SkippedValue = z.infer<typeof SkippedValue>;

export function skipped(reason: SkipReason, source: string, detail: string): SkippedValue {
  return { outcome: IGNORED_REASONS.has(reason) ? 'ignored' : 'refused', reason, source, detail };
}

export type { ParseErrorCode } from '../deviceErrors.std.js';

export interface ParseError {
  readonly code: ParseErrorCode;
  readonly detail: string;
  /** The values the frame held and why none was charted (a frame whose every value was refused or unknown). */
  readonly skipped?: readonly SkippedValue[];
}

export type DecodeResult =
  | { readonly ok: true; readonly reading: Reading }
  | { readonly ok: false; readonly error: ParseError };

export interface DecodeContext {
  readonly profile: string;
  /** ISO time the frame was received. */
  readonly receivedAt: string;
  /** HL7 ports: the dialect IT picked (default 'auto') and IT's own code map for unknown monitors. */
  readonly hl7?: { readonly dialect: Hl7DialectName; readonly custom: readonly CustomCodeEntry[] } | undefined;
}

export function fail(code: ParseErrorCode, detail: string, notes: readonly SkippedValue[] = []): DecodeResult {
  return { ok: false, error: notes.length === 0 ? { code, detail } : { code, detail, skipped: notes } };
}

/** A device's own stated measurement limits (from its manual): they narrow the vocabulary's range, never widen it. */
export type DeviceRanges = Readonly<Partial<Record<LoincCode, readonly [number, number]>>>;

export interface BuildExtra {
  readonly deviceTime?: string | undefined;
  readonly key?: string | undefined;
  readonly deviceRanges?: DeviceRanges | undefined;
  /** Values the parser already set aside (placeholders, unknown fields), carried with the result. */
  readonly skipped?: readonly SkippedValue[] | undefined;
  /** What the device called each value (HL7 OBX-3 as sent): refusals name it instead of the LOINC code. */
  readonly sources?: ReadonlyMap<ParsedValue, string> | undefined;
}

/** Why a value is out of range, or undefined when it is in range (vocabulary narrowed by the device's limits). */
export function rangeProblem(item: ParsedValue, deviceRanges?: DeviceRanges): string | undefined {
  const check = checkRange(item.code, item.value, deviceRanges?.[item.code]);
  return check.ok
    ? undefined
    : `${VITALS[item.code].display} ${String(item.value)} outside ${String(check.min)}..${String(check.max)} ${VITALS[item.code].unit}`;
}

/**
 * Builds the reading of one measurement: a frame from a kiosk or a scale is one measurement, so one
 * implausible value refuses the whole frame (its other values came from the same faulty measurement).
 * Monitors' messages, where each OBX is its own observation, go through `buildObservations` instead.
 */
export function buildReading(
  ctx: DecodeContext,
  frame: Uint8Array,
  values: readonly ParsedValue[],
  extra: BuildExtra = {},
): DecodeResult {
  const notes = extra.skipped ?? [];
  if (values.length === 0) return fail('device_no_values', 'frame carried no vital-sign value', notes);
  for (const item of values) {
    const problem = rangeProblem(item, extra.deviceRanges);
    if (problem !== undefined)
      return fail('device_implausible', problem, [
        ...notes,
        ...values.map((v) =>
          skipped('implausible', v.code, v === item ? problem : 'same measurement as a refused value'),
        ),
      ]);
  }
  return { ok: true, reading: readingOf(ctx, frame, values, extra) };
}

/**
 * Builds a reading from independent observations (HL7 OBX): each out-of-range value is refused alone and the
 * others are kept, except that systolic and diastolic stand or fall together (half a blood pressure is not
 * charted). A vital given twice (a second SpO2 probe) is charted once: the first plausible value, the other
 * ignored with a note. No value left: the frame fails with every note, so it is never acknowledged as charted.
 */
export function buildObservations(
  ctx: DecodeContext,
  frame: Uint8Array,
  values: readonly ParsedValue[],
  extra: BuildExtra = {},
): DecodeResult {
  const notes: SkippedValue[] = [...(extra.skipped ?? [])];
  const kept: ParsedValue[] = [];
  const sourceOf = (v: ParsedValue): string => extra.sources?.get(v) ?? v.code;
  for (const item of values) {
    const problem = rangeProblem(item, extra.deviceRanges);
    const first = kept.find((v) => v.code === item.code);
    if (problem !== undefined) notes.push(skipped('implausible', sourceOf(item), problem));
    else if (first === undefined) kept.push(item);
    else notes.push(skipped('duplicate', sourceOf(item), `the message already gave this vital (${sourceOf(first)})`));
  }
  const final = pairBloodPressure(values, kept, notes, sourceOf);
  if (final.length === 0) {
    return fail(failureCodeOf(notes), `no value charted: ${String(notes.length)} not taken`, notes);
  }
  return { ok: true, reading: readingOf(ctx, frame, final, { ...extra, skipped: notes }) };
}

/** The error of a frame that charted nothing: the first refusal's kind, or no values when all were ignored. */
function failureCodeOf(notes: readonly SkippedValue[]): ParseErrorCode {
  const refused = notes.find((note) => note.outcome === 'refused');
  if (refused === undefined) return 'device_no_values';
  return refused.reason.startsWith('unit_') ? 'device_unit_unknown' : 'device_implausible';
}

/** Systolic and diastolic stand or fall together: refuses the survivor of a refused pair, or both when SYS ≤ DIA. */
function pairBloodPressure(
  sent: readonly ParsedValue[],
  kept: readonly ParsedValue[],
  notes: SkippedValue[],
  sourceOf: (v: ParsedValue) => string,
): readonly ParsedValue[] {
  const isPressure = (v: ParsedValue): boolean => v.code === Loinc.systolic || v.code === Loinc.diastolic;
  const sys = kept.find((v) => v.code === Loinc.systolic);
  const dia = kept.find((v) => v.code === Loinc.diastolic);
  let why: { readonly reason: SkipReason; readonly detail: string } | undefined;
  if (sys !== undefined && dia !== undefined && sys.value <= dia.value) {
    why = { reason: 'implausible', detail: `systolic ${String(sys.value)} not above diastolic ${String(dia.value)}` };
  } else if ((sys === undefined) !== (dia === undefined)) {
    why = {
      reason: 'pair_refused',
      detail: `the other half of the blood pressure ${sent.some((v) => isPressure(v) && !kept.includes(v)) ? 'was refused' : 'was not sent'}`,
    };
  }
  if (why === undefined) return kept;
  for (const v of kept.filter(isPressure)) notes.push(skipped(why.reason, sourceOf(v), why.detail));
  return kept.filter((v) => !isPressure(v));
}

function readingOf(ctx: DecodeContext, frame: Uint8Array, values: readonly ParsedValue[], extra: BuildExtra): Reading {
  const notes = extra.skipped ?? [];
  return {
    profile: ctx.profile,
    at: ctx.receivedAt,
    values,
    raw: rawText(frame),
    ...(extra.deviceTime === undefined ? {} : { deviceTime: extra.deviceTime }),
    ...(extra.key === undefined ? {} : { key: extra.key }),
    ...(notes.length === 0 ? {} : { skipped: notes }),
  };
}

/** A value in the vocabulary's unit of its code. */
export function vital(code: LoincCode, value: number): ParsedValue {
  return { code, value, unit: VITALS[code].ucum };
}

/** Printable ASCII stays, everything else becomes \xHH (so binary and control bytes survive JSON). */
export function rawText(bytes: Uint8Array): string {
  // one string conversion and one regex pass: far cheaper than building the string byte by byte
  return asciiText(bytes).replace(
    // eslint-disable-next-line no-control-regex -- control bytes are exactly what we escape
    /[\x00-\x1f\x5c\x7f-\xff]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
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
