/**
 * G-Tech GL-150 / GL-310 height-weight scales, 9600 baud. Two output variants on the same port:
 * - STX csv ETX: height cm [0], weight kg [1], BMI [4]. Confidence M.
 * - Printer mode ("F4=1"): text lines `WEIGHT   ---- 90.05 kg`, `HEIGHT ---- 188.6 cm`,
 *   `B  M  I  ----  25.3`, ended by ESC 'T' NUL. Confidence M (one source's comment example).
 * Source: the Thai kiosk app (MDI / EnvisionIE, unattributed; it reads after a 0.5 s delay), reference §A2.
 * Units in printer mode are read from the text (kg/lb, cm/in); the STX variant carries none, so its units
 * are those the source documents (cm, kg).
 */
import { ByteQueue, ETX, STX, garbage, fieldsOf, type FrameEvent, type Framer } from './framing.std.js';
import {
  Loinc,
  asciiText,
  buildReading,
  fail,
  strictNumber,
  vital,
  type DecodeContext,
  type DecodeResult,
  type ParsedValue,
} from './reading.std.js';
import { convertUnit } from '../../../sync/model/vitals/units.std.js';

const ESC = 0x1b;
const maxFrame = 512;

/** STX … ETX frames, or a printer-mode text block ended by ESC 'T' (NUL after it is dropped as idle). */
export class GtechFramer implements Framer {
  readonly #queue = new ByteQueue();

  push(chunk: Uint8Array): FrameEvent[] {
    this.#queue.append(chunk);
    const out: FrameEvent[] = [];
    for (;;) {
      const stx = this.#queue.indexOf(STX);
      const esc = this.#queue.indexOf(ESC);
      const blockStart = this.#printerStart();
      if (stx >= 0 && (blockStart < 0 || stx < blockStart)) {
        if (stx > 0) out.push(...garbage(this.#queue.take(stx)));
        const etx = this.#queue.indexOf(ETX, 1);
        const restart = this.#queue.indexOf(STX, 1);
        const block = this.#printerStart();
        if (block > 0 && (etx < 0 || block < etx)) {
          // a printer-mode block began inside an unfinished STX frame: that frame was cut
          out.push(...garbage(this.#queue.take(block), 'device_frame_malformed'));
          continue;
        }
        if (restart > 0 && (etx < 0 || restart < etx)) {
          out.push(...garbage(this.#queue.take(restart), 'device_frame_malformed'));
          continue;
        }
        if (etx < 0) return this.#bounded(out);
        out.push({ kind: 'frame', bytes: this.#queue.take(etx + 1) });
        continue;
      }
      if (blockStart >= 0) {
        if (blockStart > 0) out.push(...garbage(this.#queue.take(blockStart)));
        const end = this.#queue.indexOf(ESC);
        const cut = this.#blockCut();
        if (cut > 0 && (end < 0 || cut < end)) {
          // an STX frame or a second WEIGHT line began before this block's ESC T: the block was cut
          out.push(...garbage(this.#queue.take(cut), 'device_frame_malformed'));
          continue;
        }
        if (end < 0 || this.#queue.at(end + 1) === -1) return this.#bounded(out);
        out.push({ kind: 'frame', bytes: this.#queue.take(end + 2) });
        continue;
      }
      if (esc >= 0) {
        out.push(...garbage(this.#queue.take(esc + 1)));
        continue;
      }
      // nothing that starts a frame: keep a tail that may be the beginning of "WEIGHT"/"HEIGHT"
      const keep = Math.min(this.#queue.length, 6);
      out.push(...garbage(this.#queue.take(this.#queue.length - keep)));
      return out;
    }
  }

  flush(): FrameEvent[] {
    return garbage(this.#queue.clear(), 'device_frame_malformed');
  }

  #bounded(out: FrameEvent[]): FrameEvent[] {
    if (this.#queue.length > maxFrame) out.push(...garbage(this.#queue.clear(), 'device_frame_too_long'));
    return out;
  }

  /** In a block that starts at 0: where something that cannot belong to it starts (or -1). */
  #blockCut(): number {
    const text = asciiText(this.#queue.peek());
    const label = text.startsWith('WEIGHT') ? 'WEIGHT' : 'HEIGHT';
    const cuts = [this.#queue.indexOf(STX), text.indexOf(label, 1)].filter((at) => at > 0);
    return cuts.length === 0 ? -1 : Math.min(...cuts);
  }

  /** Where a printer-mode block begins (its first WEIGHT or HEIGHT line). */
  #printerStart(): number {
    const text = asciiText(this.#queue.peek());
    const weight = text.indexOf('WEIGHT');
    const height = text.indexOf('HEIGHT');
    if (weight < 0) return height;
    if (height < 0) return weight;
    return Math.min(weight, height);
  }
}

export function decodeGtech(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  return frame[0] === STX ? decodeCsvVariant(frame, ctx) : decodePrinterVariant(frame, ctx);
}

function decodeCsvVariant(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  const fields = fieldsOf(asciiText(frame.subarray(1, frame.length - 1)), ',');
  if (fields.length < 5)
    return fail('device_frame_malformed', `expected at least 5 fields, got ${String(fields.length)}`);
  const height = strictNumber(fields[0]);
  const weight = strictNumber(fields[1]);
  const bmi = strictNumber(fields[4]);
  if ([height, weight, bmi].some(Number.isNaN))
    return fail('device_frame_malformed', 'height/weight/BMI fields are not numbers');
  return buildReading(ctx, frame, [vital(Loinc.height, height), vital(Loinc.weight, weight), vital(Loinc.bmi, bmi)]);
}

const printerLine = /^(WEIGHT|HEIGHT|B\s*M\s*I)\s*-+\s*([+-]?\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/;

function decodePrinterVariant(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  const values: ParsedValue[] = [];
  for (const rawLine of asciiText(frame).split(/[\r\n]+/)) {
    const line = [...rawLine]
      .filter((c) => c.charCodeAt(0) >= 0x20)
      .join('')
      .trim();
    if (line === '' || line === 'T') continue;
    const match = printerLine.exec(line);
    if (match === null) continue; // headers, dates and other printout lines
    const [, label = '', number = '', unit = ''] = match;
    const value = Number(number);
    if (label.startsWith('B')) {
      values.push(vital(Loinc.bmi, value));
      continue;
    }
    const code = label === 'WEIGHT' ? Loinc.weight : Loinc.height;
    const converted = convertUnit(code, value, [unit]);
    if (!converted.ok) return fail('device_unit_unknown', converted.detail);
    values.push({ code, value: converted.value, unit: converted.unit });
  }
  return buildReading(ctx, frame, values);
}
