/**
 * Tanita body-composition scales (SC-240, SC-330, MC-780, DC-320, BC-418): one CRLF line per measurement. Keyed
 * models send `{0,16,~0,1,~1,1,~2,1,MO,"model",code,value,…,CS,XX`; the BC-418 sends bare values in a fixed order.
 * Model differences are data (tanitaModels.std.ts); this parser charts weight (Wk), height (Hm) and BMI (MI) and
 * notes every body-composition value it does not chart (`not_charted`), so nothing is dropped without a word.
 *
 * CS: the low byte of the SUM of every byte from the start of the line up to and including the comma before
 * "CS", two hex digits. It reproduces the printed CS of the SC-240 manual's output sample (FD), the SC-330 log (D9)
 * and the MC-780 reader's sample (24); no source states the formula, so confidence M (`verifyChecksum: false`).
 * Units: `~0` is the weight unit and `~1` the height unit, 1 = kg / cm (the samples are all kg/cm mode); any other
 * value is refused rather than converted. The BC-418 line carries no unit: Onyx sets metric (U0) before measuring.
 * A zero weight, height or BMI is the scale's "not entered", noted as a placeholder, never charted. The ID and CC
 * (card) values are written `[id]` in the reading's kept text.
 */
import { LineFramer, type Framer } from './framing.std.js';
import {
  Loinc,
  asciiText,
  buildReading,
  fail,
  frameKey,
  skipped,
  strictNumber,
  vital,
  type DecodeContext,
  type DecodeResult,
  type LoincCode,
  type ParsedValue,
  type SkippedValue,
} from './reading.std.js';
import { maskReadingRaw } from './maskRaw.std.js';
import { deviceClock } from './deviceClock.std.js';
import { TANITA_CODE_NAMES, TANITA_META_CODES, type DateOrder, type TanitaModel } from './tanitaModels.std.js';

export function createTanitaFramer(model: TanitaModel): Framer {
  return new LineFramer({ maxLength: model.maxLineLength });
}

/** Sum mod 256 of the bytes before "CS" (the comma before it included). */
export function tanitaChecksum(textBeforeCs: string): number {
  let sum = 0;
  for (let i = 0; i < textBeforeCs.length; i += 1) sum += textBeforeCs.charCodeAt(i) & 0xff;
  return sum & 0xff;
}

export interface TanitaOptions {
  readonly verifyChecksum?: boolean;
}

interface Field {
  readonly code: string;
  readonly value: string;
}

type Fields =
  | { readonly ok: true; readonly fields: readonly Field[] }
  | { readonly ok: false; readonly result: DecodeResult };

/** The values the chart holds, in the order they are charted, and what a zero means for each. */
const CHARTED: readonly { readonly code: string; readonly loinc: LoincCode; readonly zero: string }[] = [
  { code: 'Wk', loinc: Loinc.weight, zero: '0 means nobody was weighed' },
  { code: 'Hm', loinc: Loinc.height, zero: '0 means no height was entered' },
  { code: 'MI', loinc: Loinc.bmi, zero: '0 means no BMI (no height entered)' },
];
const chartedCodes = new Set(CHARTED.map((c) => c.code));

const unquote = (text: string): string => text.trim().replace(/^"|"$/g, '');

function keyedFields(line: string, model: TanitaModel, options: TanitaOptions): Fields {
  const body = model.closingBrace === true && line.endsWith('}') ? line.slice(0, -1) : line;
  const parts = body.split(',');
  if (parts.length < 4 || parts.length % 2 !== 0)
    return { ok: false, result: fail('device_frame_malformed', 'expected code,value pairs') };
  const fields: Field[] = [];
  for (let i = 0; i < parts.length; i += 2)
    fields.push({ code: (parts[i] ?? '').trim(), value: unquote(parts[i + 1] ?? '') });
  if (options.verifyChecksum ?? true) {
    const last = fields[fields.length - 1];
    if (last?.code !== 'CS' || !/^[0-9A-Fa-f]{2}$/.test(last.value))
      return { ok: false, result: fail('device_checksum', 'no CS field at the end of the line') };
    const expected = tanitaChecksum(body.slice(0, body.lastIndexOf('CS,')));
    if (Number.parseInt(last.value, 16) !== expected) {
      return {
        ok: false,
        result: fail('device_checksum', `CS ${last.value} != ${expected.toString(16).toUpperCase().padStart(2, '0')}`),
      };
    }
  }
  const weightUnit = fields.find((f) => f.code === '~0')?.value;
  const heightUnit = fields.find((f) => f.code === '~1')?.value;
  if (fields.some((f) => f.code === 'Wk') && weightUnit !== '1')
    return { ok: false, result: fail('device_unit_unknown', `weight unit ~0=${weightUnit ?? '(missing)'} is not kg`) };
  if (fields.some((f) => f.code === 'Hm') && heightUnit !== '1')
    return { ok: false, result: fail('device_unit_unknown', `height unit ~1=${heightUnit ?? '(missing)'} is not cm`) };
  return { ok: true, fields };
}

function positionalFields(line: string, layout: readonly string[]): Fields {
  const values = line.split(',').map(unquote);
  const needed = layout.indexOf('ZF') + 1;
  if (values.length < needed)
    return {
      ok: false,
      result: fail(
        'device_frame_malformed',
        `expected at least ${String(needed)} fields, got ${String(values.length)}`,
      ),
    };
  return { ok: true, fields: values.map((value, i) => ({ code: layout[i] ?? `field ${String(i)}`, value })) };
}

/** The device clock as ISO without zone ("2014-09-25T08:20"), or undefined when the date or time is not one. */
export function tanitaDeviceTime(
  date: string | undefined,
  time: string | undefined,
  order: DateOrder,
): string | undefined {
  const parts = date?.split(/[/.-]/) ?? [];
  const clock = /^(\d{2}):(\d{2})$/.exec(time ?? '');
  if (parts.length !== 3 || clock === null) return undefined;
  const [a = '', b = '', c = ''] = parts;
  const [y, m, d] = order === 'ymd' ? [a, b, c] : [c, b, a];
  return deviceClock(y.length === 2 ? `20${y}` : y, m, d, clock[1] ?? '', clock[2] ?? '');
}

export function decodeTanita(
  frame: Uint8Array,
  ctx: DecodeContext,
  model: TanitaModel,
  options: TanitaOptions = {},
): DecodeResult {
  const line = asciiText(frame).replace(/[\r\n]+$/, '');
  const parsed = model.layout === 'keyed' ? keyedFields(line, model, options) : positionalFields(line, model.layout);
  if (!parsed.ok) return parsed.result;
  const { fields } = parsed;
  const valueOf = (code: string): string | undefined => fields.find((f) => f.code === code)?.value;
  const sentModel = valueOf('MO');
  if (sentModel !== undefined && !sentModel.startsWith(model.model)) {
    return fail('device_frame_malformed', `the scale says it is ${sentModel}; this port is set up for ${model.model}`);
  }
  const values: ParsedValue[] = [];
  const notes: SkippedValue[] = [];
  for (const charted of CHARTED) {
    const text = valueOf(charted.code);
    if (text === undefined) continue;
    const value = strictNumber(text);
    if (Number.isNaN(value)) return fail('device_frame_malformed', `${charted.code} "${text}" is not a number`);
    if (value === 0) notes.push(skipped('placeholder', charted.code, charted.zero));
    else values.push(vital(charted.loinc, value));
  }
  for (const { code, value } of fields) {
    if (chartedCodes.has(code) || TANITA_META_CODES.has(code)) continue;
    notes.push(
      skipped(
        'not_charted',
        code,
        `${TANITA_CODE_NAMES[code] ?? 'body-composition value'} ${value}: not a vital sign the chart holds`,
      ),
    );
  }
  const deviceTime =
    model.date === undefined ? undefined : tanitaDeviceTime(valueOf(model.date.code), valueOf('TI'), model.date.order);
  const key =
    deviceTime === undefined
      ? undefined
      : `${ctx.profile}:${frameKey(`${deviceTime}|${values.map((v) => `${v.code}=${String(v.value)}`).join('|')}`)}`;
  return maskReadingRaw(buildReading(ctx, frame, values, { deviceTime, key, skipped: notes }), maskTanitaIds);
}

/** The ID (patient/member id) and CC (card id) values of a keyed line, as `[id]`. */
export function maskTanitaIds(raw: string): string {
  return raw.replace(/(?<=(?:^|,)(?:ID|CC),)[^,]*/g, '[id]');
}
