/**
 * HL7 v2 ORU^R01 from patient monitors (IHE PCD-01 style), over MLLP or raw TCP, and the ACK we answer.
 *
 * Sources: MLLP framing 0x0B … 0x1C 0x0D is the HL7 MLLP standard (confidence H); the OBX layout
 * `OBX|n|NM|<code>^<ref id>^MDC|<containment>|<value>|<unit>^<MDC_DIM_*>^MDC|||||R|||<time>` is from IHE
 * PCD-01 test messages (H). The raw-TCP variant (no MLLP, messages back to back, ended by the next MSH or
 * by silence) is what some Thai HIS add-ons send (L: one unattributed source, see reference §A5).
 */
import { DelimitedFramer, ByteQueue, LF, garbage, type FrameEvent, type Framer } from './framing.std.js';
import {
  asciiBytes,
  asciiText,
  buildObservations,
  fail,
  skipped,
  strictNumber,
  type DecodeContext,
  type DecodeResult,
  type LoincCode,
  type ParseErrorCode,
  type ParsedValue,
  type SkippedValue,
} from './reading.std.js';
import { mdilToMdc, type CodeMap } from './hl7Codes.std.js';
import { dialectPlan, type CodeSource, type DialectPlan } from './hl7DialectPlan.std.js';
import { convertUnit } from '../../../sync/model/vitals/units.std.js';
import { maskCids, pidIdentifiers } from './hl7Pid.std.js';

export const VT = 0x0b;
export const FS = 0x1c;
export const CR = 0x0d;

const maxMessage = 64 * 1024;

export function createMllpFramer(): Framer {
  return new DelimitedFramer({ start: VT, end: [FS, CR], maxLength: maxMessage });
}

export function mllpWrap(message: string): Uint8Array {
  const body = asciiBytes(message);
  const out = new Uint8Array(body.length + 3);
  out[0] = VT;
  out.set(body, 1);
  out[body.length + 1] = FS;
  out[body.length + 2] = CR;
  return out;
}

const MSH = asciiBytes('MSH|');

/**
 * Raw TCP without MLLP: a message starts at "MSH|" and runs to the next "MSH|"; the last one is complete
 * when the line goes quiet (the port calls flush) or the connection closes. Stray VT/FS bytes are dropped.
 */
export class RawHl7Framer implements Framer {
  readonly #queue = new ByteQueue();
  /** With a message at 0, where the search for the next "MSH|" resumes (bytes before it hold none: linear time). */
  #scan = 1;

  push(chunk: Uint8Array): FrameEvent[] {
    this.#queue.append(chunk.filter((byte) => byte !== VT && byte !== FS));
    const out: FrameEvent[] = [];
    for (;;) {
      const first = this.#findMsh(0);
      if (first < 0) {
        // keep a possible partial "MSH" at the end; the rest cannot start a message
        const keep = Math.min(this.#queue.length, MSH.length - 1);
        out.push(...this.#take(this.#queue.length - keep, 'device_frame_garbage'));
        return out;
      }
      if (first > 0) out.push(...this.#take(first, 'device_frame_garbage'));
      const next = this.#findMsh(this.#scan, true);
      if (next < 0) {
        if (this.#queue.length > maxMessage) {
          out.push(...this.#take(this.#queue.length, 'device_frame_too_long'));
          return out;
        }
        // a header cut by the chunk boundary starts within its length of the end
        this.#scan = Math.max(1, this.#queue.length - MSH.length + 1);
        return out;
      }
      this.#scan = 1;
      out.push({ kind: 'frame', bytes: this.#queue.take(next) });
    }
  }

  flush(): FrameEvent[] {
    this.#scan = 1;
    if (this.#findMsh(0) === 0) return [{ kind: 'frame', bytes: this.#queue.clear() }];
    return garbage(this.#queue.clear(), 'device_frame_malformed');
  }

  #take(count: number, reason: ParseErrorCode): FrameEvent[] {
    this.#scan = 1;
    return garbage(this.#queue.take(count), reason);
  }

  /**
   * Where "MSH|" starts. The next message's header must also start a segment (after CR or LF): a field whose
   * value is "MSH" (a control id, say) must not split the message in two.
   */
  #findMsh(from: number, segmentStart = false): number {
    let at = from;
    for (;;) {
      at = this.#queue.indexOf(MSH[0] ?? 0, at);
      if (at < 0) return -1;
      let match = !segmentStart || this.#queue.at(at - 1) === CR || this.#queue.at(at - 1) === LF;
      for (let k = 1; k < MSH.length; k += 1) if (this.#queue.at(at + k) !== MSH[k]) match = false;
      if (match) return at;
      at += 1;
    }
  }
}

export interface Hl7Message {
  readonly segments: readonly string[][];
  readonly componentSeparator: string;
}

/** The message text between the MLLP bytes, segments split on CR (LF tolerated). */
export function hl7Text(frame: Uint8Array): string {
  const enveloped = frame[0] === VT && frame[frame.length - 2] === FS && frame[frame.length - 1] === CR;
  return asciiText(
    enveloped ? frame.subarray(1, frame.length - 2) : frame.filter((byte) => byte !== VT && byte !== FS),
  );
}

export function parseHl7(text: string): Hl7Message | undefined {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const header = lines[0];
  if (header?.startsWith('MSH') !== true || header.length < 8) return undefined;
  const fieldSeparator = header[3] ?? '|';
  const componentSeparator = header[4] ?? '^';
  const segments = lines.map((line) => {
    const fields = line.split(fieldSeparator);
    // MSH-1 is the separator itself: shift so that segment[n] is field n for every segment
    return fields[0] === 'MSH' ? ['MSH', fieldSeparator, ...fields.slice(1)] : fields;
  });
  return { segments, componentSeparator };
}

export interface MessageHeader {
  readonly sendingApp: string;
  readonly sendingFacility: string;
  readonly type: string;
  readonly controlId: string;
  readonly processingId: string;
  readonly version: string;
  readonly time: string;
}

export function headerOf(message: Hl7Message): MessageHeader {
  const msh = message.segments[0] ?? [];
  return {
    sendingApp: msh[3] ?? '',
    sendingFacility: msh[4] ?? '',
    time: msh[7] ?? '',
    type: msh[9] ?? '',
    controlId: msh[10] ?? '',
    processingId: msh[11] ?? 'P',
    version: msh[12] ?? '2.6',
  };
}

export interface Hl7DecodeOptions {
  /** Exactly these maps, no dialect and no implied units (tests and tools). */
  readonly codeMaps?: readonly CodeMap[];
  /** The profile's own vendor maps, tried after MDC and MDIL when 'auto' recognises no dialect. */
  readonly fallbackMaps?: readonly CodeMap[];
}

/**
 * Numbers monitors send for "no value" (IEEE 11073 FLOAT NaN/NRes/±INF, 16/32-bit maxima, vendor sentinels):
 * the device says it has nothing, so the value is ignored, not refused.
 */
const INVALID_MARKERS: ReadonlySet<number> = new Set([
  8388607, -8388608, 8388606, -8388606, 2147483647, -2147483648, 32767, -32768, 65535, -100, -999,
]);

/** OBX-8 abnormal flags and MSH-11 processing ids that say the values are not a real patient's. */
const DEMO_FLAGS: ReadonlySet<string> = new Set(['DEMO', 'TEST', 'SIM', 'SIMULATION']);
const NOT_PRODUCTION: ReadonlySet<string> = new Set(['T', 'D']);

/**
 * Decodes one ORU^R01 message. Each OBX is charted, refused or ignored on its own (reasons in `skipped`): one
 * bad observation never loses the good ones, and a message that charts nothing fails with every reason.
 * Alarms (ORU^R40), queries (QBP, QRY) and anything else are refused whole: they never carry vitals here.
 */
export function decodeOru(frame: Uint8Array, ctx: DecodeContext, options: Hl7DecodeOptions = {}): DecodeResult {
  const message = parseHl7(hl7Text(frame));
  if (message === undefined) return fail('device_frame_malformed', 'no MSH segment');
  const header = headerOf(message);
  const [type, trigger] = header.type.split(message.componentSeparator);
  if (type !== 'ORU' || trigger !== 'R01')
    return fail('device_message_rejected', `message type ${header.type} is not ORU^R01`);
  const plan: DialectPlan =
    options.codeMaps === undefined
      ? dialectPlan(ctx.hl7?.dialect ?? 'auto', ctx.hl7?.custom ?? [], header, options.fallbackMaps ?? [])
      : { dialect: 'auto', sources: options.codeMaps.map((map) => ({ map })) };
  const demoMessage = NOT_PRODUCTION.has(
    header.processingId.split(message.componentSeparator)[0]?.trim().toUpperCase() ?? '',
  );
  const values: ParsedValue[] = [];
  const sources = new Map<ParsedValue, string>();
  const times = new Map<ParsedValue, string>();
  const notes: SkippedValue[] = [];
  let orderTime: string | undefined;
  for (const segment of message.segments) {
    if (segment[0] === 'OBR' && orderTime === undefined && (segment[7] ?? '') !== '') orderTime = segment[7];
    if (segment[0] !== 'OBX') continue;
    const outcome = observationOf(segment, message.componentSeparator, plan.sources, demoMessage);
    if ('skip' in outcome) {
      notes.push(outcome.skip);
      continue;
    }
    values.push(outcome.value);
    sources.set(outcome.value, (segment[3] ?? '').slice(0, 80));
    if ((segment[14] ?? '') !== '') times.set(outcome.value, segment[14] ?? '');
  }
  // The set's time: OBR-7, else the first charted OBX-14, else MSH-7; a value measured at another time says so.
  const deviceTime =
    orderTime ??
    values.map((v) => times.get(v)).find((t) => t !== undefined) ??
    (header.time === '' ? undefined : header.time);
  const timed = values.map((v) => {
    const own = times.get(v);
    if (own === undefined || sameSecond(own, deviceTime)) return v;
    const withTime = { ...v, deviceTime: own };
    sources.set(withTime, sources.get(v) ?? v.code);
    return withTime;
  });
  const built = buildObservations(ctx, frame, timed, {
    deviceTime,
    key: header.controlId === '' ? undefined : `hl7:${header.sendingApp}:${header.controlId}`,
    skipped: notes,
    sources,
  });
  if (!built.ok) return built;
  // Who the message says it measured (PID); the citizen id goes no further than main, which hashes it.
  const subject = pidIdentifiers(message);
  const reading = { ...built.reading, raw: maskCids(built.reading.raw) };
  return {
    ok: true,
    reading: subject.cid === undefined && subject.hn === undefined ? reading : { ...reading, subject },
  };
}

/** Two HL7 times naming the same second (one with a zone or fraction, one without: the same sender's clock). */
function sameSecond(a: string, b: string | undefined): boolean {
  return b !== undefined && a.slice(0, 14) === b.slice(0, 14);
}

type ObxOutcome = { readonly value: ParsedValue } | { readonly skip: SkippedValue };

/** One OBX: its vital in the vocabulary's unit, or why it is not taken. */
function observationOf(
  segment: readonly string[],
  separator: string,
  plan: readonly CodeSource[],
  demoMessage: boolean,
): ObxOutcome {
  const source = (segment[3] ?? '').slice(0, 80);
  const idComponents = (segment[3] ?? '').split(separator);
  const found = lookup(plan, idComponents);
  if (found === undefined) return { skip: skipped('unknown_code', source, 'no code map knows this observation') };
  const { code } = found;
  const status = (segment[11] ?? '').trim().toUpperCase();
  if (status === 'X' || status === 'D' || status === 'W')
    return { skip: skipped('status_not_final', source, `result status ${status}`) };
  const flags = (segment[8] ?? '').split(/[~^]/).map((flag) => flag.trim().toUpperCase());
  if (demoMessage || flags.some((flag) => DEMO_FLAGS.has(flag)))
    return { skip: skipped('demo', source, 'the device marks this value as demo or test data') };
  const text = firstNumberText(segment[2] ?? '', segment[5] ?? '', separator);
  if (text === '') return { skip: skipped('placeholder', source, 'no value sent') };
  const raw = strictNumber(text);
  if (Number.isNaN(raw))
    return { skip: skipped('not_a_number', source, `value "${text.slice(0, 20)}" is not a number`) };
  if (INVALID_MARKERS.has(raw))
    return { skip: skipped('invalid_marker', source, `${String(raw)} is the device's "no value" marker`) };
  if (raw === 0) return { skip: skipped('placeholder', source, '0 is a placeholder, not a measurement') };
  const sent = (segment[6] ?? '').split(separator).map((unit) => mdilToMdc(unit) ?? unit);
  const implied = sent.every((unit) => unit.trim() === '') ? found.source.impliedUnit?.(code, idComponents) : undefined;
  const converted = convertUnit(code, raw, implied === undefined ? sent : [implied]);
  if (!converted.ok) return { skip: skipped(converted.reason, source, converted.detail) };
  return { value: { code, value: converted.value, unit: converted.unit } };
}

/** OBX-5 as a number's text: NM/ST as sent, SN (structured numeric, `^120` or `=^120`) its number component. */
function firstNumberText(valueType: string, value: string, separator: string): string {
  if (valueType.trim().toUpperCase() !== 'SN') return value.trim();
  const [comparator = '', number = ''] = value.split(separator);
  return comparator.trim() === '' || comparator.trim() === '=' ? number.trim() : value.trim();
}

function lookup(
  plan: readonly CodeSource[],
  components: readonly string[],
): { readonly code: LoincCode; readonly source: CodeSource } | undefined {
  for (const source of plan) {
    const code = source.map.lookup(components);
    if (code !== undefined) return { code, source };
  }
  return undefined;
}

export type AckCode = 'AA' | 'AE' | 'AR';

export interface AckInput {
  readonly code: AckCode;
  /** The message being answered (undefined when it could not be parsed at all). */
  readonly frame: Uint8Array;
  /** HL7 DTM of now, YYYYMMDDHHMMSS. */
  readonly now: string;
  readonly controlId: string;
  readonly text?: string;
  readonly receivingApp?: string;
}

/** MSH + MSA (+ ERR for AE/AR) answering the message in `frame`; the caller wraps it for MLLP or not. */
export function buildAck(input: AckInput): string {
  const message = parseHl7(hl7Text(input.frame));
  const header = message === undefined ? undefined : headerOf(message);
  const version = header?.version.split('^')[0] ?? '2.6';
  const trigger = header?.type.split('^')[1] ?? 'R01';
  const clean = (value: string): string => value.replace(/[|^~\\&\r\n]/g, ' ').slice(0, 80);
  const segments = [
    `MSH|^~\\&|${input.receivingApp ?? 'CLINIC_EDGE'}||${clean(header?.sendingApp ?? '')}|${clean(header?.sendingFacility ?? '')}|${input.now}||ACK^${clean(trigger)}^ACK|${clean(input.controlId)}|${clean(header?.processingId ?? 'P')}|${clean(version)}`,
    `MSA|${input.code}|${clean(header?.controlId ?? '')}${input.text === undefined ? '' : `|${clean(input.text)}`}`,
  ];
  if (input.code !== 'AA') segments.push(`ERR||||E||||${clean(input.text ?? '')}`);
  return `${segments.join('\r')}\r`;
}

/** HL7 DTM (YYYYMMDDHHMMSS) of a Date in UTC: the ACK's MSH-7. */
export function hl7Time(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/**
 * What the ACK of a decoded message says, by HL7's rules for what was stored: AA when values were charted (or
 * the message held no observation at all), AE when it held observations and none could be charted, AR for a
 * message we do not take (wrong type, unparseable).
 */
export function ackCodeFor(result: DecodeResult): AckCode {
  if (result.ok) return 'AA';
  if (result.error.code === 'device_no_values' && (result.error.skipped ?? []).length === 0) return 'AA';
  return result.error.code === 'device_message_rejected' || result.error.code === 'device_frame_malformed'
    ? 'AR'
    : 'AE';
}

/** MSA-3 text: why nothing was charted, or how many values were not. */
export function ackTextFor(result: DecodeResult): string | undefined {
  if (!result.ok) return result.error.code;
  const notTaken = result.reading.skipped?.length ?? 0;
  return notTaken === 0 ? undefined : `${String(notTaken)} value(s) not charted`;
}
