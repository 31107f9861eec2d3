// HL7 ORU^R01: MLLP and raw framing, MDC and vendor code maps, units from OBX-6, and the ACK.
import { describe, expect, it } from 'vitest';
import {
  RawHl7Framer,
  buildAck,
  createMllpFramer,
  decodeOru,
  hl7Text,
  mllpWrap,
  ackCodeFor,
  parseHl7,
} from '../../../../../drivers/devices/parsers/hl7.std.js';
import {
  freeTextCodeMap,
  mdcCodeMap,
  mindrayLegacyCodeMap,
} from '../../../../../drivers/devices/parsers/hl7Codes.std.js';
import { convertUnit } from '../../../../../sync/model/vitals/units.std.js';
import { profiles } from '../../../../../drivers/devices/profiles.std.js';
import { Loinc, asciiBytes } from '../../../../../drivers/devices/parsers/reading.std.js';
import { ctx, fixture } from '../../../../factories/devices/deviceFixtures.js';
import { fromRawText, asciiText } from '../../../../../drivers/devices/parsers/reading.std.js';

interface Hl7Fixture {
  source: string;
  messages: Record<string, { text: string; expect?: { code: string; value: number; unit: string }[]; error?: string }>;
}
const data = fixture<Hl7Fixture>('hl7');
const text = (name: string): string => asciiText(fromRawText(data.messages[name]?.text ?? ''));

describe('HL7 ORU^R01 decoding', () => {
  it.each(Object.entries(data.messages))('%s decodes as recorded (MLLP profile, raw profile)', (name, message) => {
    const profile = name === 'hospitalOsRaw' ? profiles['hl7-raw-tcp'] : profiles['hl7-mllp'];
    const bytes = name === 'hospitalOsRaw' ? asciiBytes(text(name)) : mllpWrap(text(name));
    const result = profile.decode(bytes, ctx(profile.name));
    if (message.expect !== undefined) expect(result.ok ? result.reading.values : result.error).toEqual(message.expect);
    else expect(result.ok ? 'ok' : result.error.code).toBe(message.error);
  });

  it('converts °F to Cel from OBX-6 and never assumes a unit', () => {
    expect(convertUnit('8310-5', 98.6, ['[degF]'])).toEqual({ ok: true, value: 37, unit: 'Cel' });
    expect(convertUnit('8310-5', 37.2, ['268192', 'MDC_DIM_DEGC', 'MDC'])).toEqual({
      ok: true,
      value: 37.2,
      unit: 'Cel',
    });
    expect(convertUnit('8310-5', 37.2, ['', '', '']).ok).toBe(false);
    expect(convertUnit('8867-4', 70, ['kg']).ok).toBe(false);
    expect(convertUnit('29463-7', 150, ['[lb_av]'])).toEqual({ ok: true, value: 68.04, unit: 'kg' });
  });

  it('maps MDC numeric codes and reference ids, and vendor maps only when the profile lists them', () => {
    expect(mdcCodeMap.lookup(['150021', 'MDC_PRESS_BLD_NONINV_SYS', 'MDC'])).toBe('8480-6');
    expect(mdcCodeMap.lookup(['', 'MDC_PULS_OXIM_SAT_O2'])).toBe('59408-5');
    expect(mdcCodeMap.lookup(['188740'])).toBe('8302-2');
    expect(mdcCodeMap.lookup(['151578'])).toBe('9279-1');
    expect(mdcCodeMap.lookup(['170', 'Sys'])).toBeUndefined();
    expect(mindrayLegacyCodeMap.lookup(['170', 'Sys'])).toBe('8480-6');
    expect(freeTextCodeMap.lookup(['SYSTOLIC'])).toBe('8480-6');
    const mindray = mllpWrap(text('mindrayLegacy'));
    const onlyMdc = decodeOru(mindray, ctx('hl7-mllp'), { codeMaps: [mdcCodeMap] });
    expect(onlyMdc.ok ? 'ok' : onlyMdc.error.code).toBe('device_no_values');
  });

  it('keys a reading by sending application and MSH-10, so a resend is recognised', () => {
    const result = profiles['hl7-mllp'].decode(mllpWrap(text('pcd01')), ctx('hl7-mllp'));
    expect(result.ok && result.reading.key).toBe('hl7:MONITOR_X:MSG0001');
    expect(result.ok && result.reading.deviceTime).toBe('20240105102000');
  });

  it('refuses a value that is not a number or impossible and charts the rest of the message', () => {
    const bad = decodeOru(mllpWrap(text('pcd01').replace('|121|', '|12a|')), ctx('hl7-mllp'));
    expect(bad.ok && bad.reading.values.map((v) => v.code)).not.toContain(Loinc.systolic);
    expect(bad.ok && bad.reading.values.map((v) => v.code)).not.toContain(Loinc.diastolic);
    expect(bad.ok && bad.reading.values.map((v) => v.code)).toContain(Loinc.spo2);
    const refusedOf = (result: typeof bad): string[][] =>
      (result.ok ? (result.reading.skipped ?? []) : [])
        .filter((n) => n.outcome === 'refused')
        .map((n) => [n.reason, n.source]);
    expect(refusedOf(bad)).toEqual([
      ['not_a_number', '150021^MDC_PRESS_BLD_NONINV_SYS^MDC'],
      ['pair_refused', '150022^MDC_PRESS_BLD_NONINV_DIA^MDC'],
    ]);
    const impossible = decodeOru(mllpWrap(text('pcd01').replace('|97|262688', '|140|262688')), ctx('hl7-mllp'));
    expect(impossible.ok && impossible.reading.values.map((v) => v.code)).not.toContain(Loinc.spo2);
    expect(impossible.ok && impossible.reading.values.map((v) => v.code)).toContain(Loinc.systolic);
    expect(refusedOf(impossible)).toEqual([['implausible', '150456^MDC_PULS_OXIM_SAT_O2^MDC']]);
  });
});

describe('HL7 framing', () => {
  it('MLLP: split and merged messages, garbage between them', () => {
    const a = mllpWrap(text('pcd01'));
    const b = mllpWrap(text('mindrayLegacy'));
    const stream = new Uint8Array([...asciiBytes('noise'), ...a, 0x41, 0x42, ...b]);
    const framer = createMllpFramer();
    const events = [...framer.push(stream.subarray(0, 100)), ...framer.push(stream.subarray(100))];
    expect(events.filter((e) => e.kind === 'frame').map((e) => hl7Text(e.bytes))).toEqual([
      text('pcd01'),
      text('mindrayLegacy'),
    ]);
    expect(events.filter((e) => e.kind === 'garbage')).toHaveLength(2);
  });

  it('MLLP: a message cut off by a new start block is dropped as malformed and the next one kept', () => {
    const a = mllpWrap(text('pcd01'));
    const events = createMllpFramer().push(new Uint8Array([...a.subarray(0, 50), ...a]));
    expect(events.map((e) => (e.kind === 'frame' ? 'frame' : e.reason))).toEqual(['device_frame_malformed', 'frame']);
  });

  it('raw TCP: messages end at the next MSH or when the line goes quiet', () => {
    const framer = new RawHl7Framer();
    const first = framer.push(asciiBytes(text('hospitalOsRaw') + text('pcd01')));
    expect(first.filter((e) => e.kind === 'frame')).toHaveLength(1);
    const rest = framer.flush();
    expect(rest.map((e) => e.kind === 'frame' && hl7Text(e.bytes))).toEqual([text('pcd01')]);
  });
});

describe('ACK', () => {
  it('answers AA with the message control id, AE/AR with an ERR segment', () => {
    const frame = mllpWrap(text('pcd01'));
    const ack = buildAck({ code: 'AA', frame, now: '20240105102001', controlId: 'ACK1' });
    const parsed = parseHl7(ack);
    expect(parsed?.segments[0]?.[9]).toBe('ACK^R01^ACK');
    expect(parsed?.segments[0]?.[5]).toBe('MONITOR_X');
    expect(parsed?.segments[1]).toEqual(['MSA', 'AA', 'MSG0001']);
    const ae = buildAck({ code: 'AE', frame, now: '20240105102001', controlId: 'ACK2', text: 'device_unit_unknown' });
    expect(ae.split('\r').map((s) => s.slice(0, 3))).toEqual(['MSH', 'MSA', 'ERR', '']);
  });

  it('chooses AA for a stored reading, AR for a message type we do not take, AE for content errors', () => {
    expect(ackCodeFor(profiles['hl7-mllp'].decode(mllpWrap(text('pcd01')), ctx('x')))).toBe('AA');
    expect(ackCodeFor(profiles['hl7-mllp'].decode(mllpWrap(text('adt')), ctx('x')))).toBe('AR');
    expect(ackCodeFor(profiles['hl7-mllp'].decode(mllpWrap(text('noUnit')), ctx('x')))).toBe('AE');
  });

  it('an ACK for garbage still parses (empty MSA-2)', () => {
    const ack = buildAck({ code: 'AR', frame: asciiBytes('junk'), now: '20240105102001', controlId: 'A3' });
    expect(parseHl7(ack)?.segments[1]?.slice(0, 3)).toEqual(['MSA', 'AR', '']);
  });
});

describe('ByteQueue', () => {
  it('never reads stale bytes past its end, and take never runs past it', async () => {
    const { ByteQueue } = await import('../../../../../drivers/devices/parsers/framing.std.js');
    const queue = new ByteQueue();
    queue.append(Uint8Array.of(1, 2, 3, 4));
    queue.take(4);
    queue.append(Uint8Array.of(9));
    expect(queue.at(1)).toBe(-1);
    expect([...queue.take(10)]).toEqual([9]);
    expect(queue.length).toBe(0);
  });
});

describe('raw HL7 framing: a field whose value is "MSH"', () => {
  it('does not split the message (fast-check found control id "MSH"); the next message still starts at a segment', () => {
    const one = 'MSH|^~\\&|MON||EDGE||20250105032100||ORU^R01|MSH|P|2.5\rPID|||p1\r';
    const two = 'MSH|^~\\&|MON||EDGE||20250105032200||ORU^R01|C2|P|2.5\rPID|||p1\r';
    const framer = new RawHl7Framer();
    const events = [...framer.push(asciiBytes(one + two)), ...framer.flush()];
    expect(events.map((event) => event.kind)).toEqual(['frame', 'frame']);
    const texts = events.map((event) => (event.kind === 'frame' ? hl7Text(event.bytes) : ''));
    expect(texts).toEqual([one, two]);
  });
});
