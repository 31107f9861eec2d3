// fast-check per parser: garbage, split and merged frames, corrupted bytes (wrong checksums) and
// impossible values never crash a framer or decoder, always give a known error code, and the next good
// frame after them is still read correctly. 10^4 cases per parser (DEVICE_FUZZ_RUNS to change).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { profiles, type ProfileName } from '../../../../../drivers/devices/profiles.std.js';
import type { FrameEvent } from '../../../../../drivers/devices/parsers/framing.std.js';
import {
  Loinc,
  type DecodeResult,
  type DeviceRanges,
  type LoincCode,
  type ReadingValue,
} from '../../../../../drivers/devices/parsers/reading.std.js';
import { deviceErrorText } from '../../../../../drivers/devices/deviceErrors.std.js';
import * as sim from '../../../../../drivers/devices/simulators/frames.std.js';
import {
  GME_LENGTH,
  ReportAssembler,
  decodeHem790itRecord,
  encodeHem790itRecord,
  parseReply,
  replyReports,
} from '../../../../../drivers/devices/parsers/omronHem790it.std.js';
import { ctx, splitAt } from '../../../../factories/devices/deviceFixtures.js';
import { concatBytes } from '../../../../../drivers/bytes.std.js';

const runs = Number(process.env['DEVICE_FUZZ_RUNS'] ?? 10_000);

type Vitals = {
  sys: number;
  dia: number;
  pulse: number;
  spo2: number;
  heightCm: number;
  weightKg: number;
  tempC: number;
  resp: number;
  controlId: string;
};

const goodVitals: fc.Arbitrary<Vitals> = fc
  .record({
    sys: fc.integer({ min: 70, max: 250 }),
    diaShare: fc.double({ min: 0, max: 1, noNaN: true }),
    pulse: fc.integer({ min: 30, max: 220 }),
    spo2: fc.integer({ min: 60, max: 100 }),
    heightCm: fc.integer({ min: 1000, max: 2100 }).map((n) => n / 10),
    bmi: fc.integer({ min: 12, max: 60 }),
    tempC: fc.integer({ min: 340, max: 420 }).map((n) => n / 10),
    resp: fc.integer({ min: 6, max: 60 }),
    controlId: fc.stringMatching(/^[A-Z0-9]{1,12}$/),
  })
  .map(({ diaShare, bmi, ...v }) => ({
    ...v,
    // DIA between 30 and min(SYS - 10, 150); weight from a plausible BMI so the scale's BMI is plausible too
    dia: Math.round(30 + diaShare * (Math.min(v.sys - 10, 150) - 30)),
    weightKg: Math.round(bmi * (v.heightCm / 100) ** 2 * 10) / 10,
  }));

const impossibleVitals: fc.Arbitrary<Vitals> = goodVitals.chain((v) =>
  fc.oneof(
    fc.integer({ min: 301, max: 999 }).map((sys) => ({ ...v, sys })),
    fc.constant({ ...v, dia: v.sys + 5 }),
    fc.integer({ min: 101, max: 126 }).map((spo2) => ({ ...v, spo2 })),
    fc.integer({ min: 3510, max: 9990 }).map((w) => ({ ...v, weightKg: w / 10 })),
  ),
);

/** Each profile's frame from values, and what separates frames on its wire after garbage. */
const wire: Record<Exclude<ProfileName, 'omron-hem790it'>, { build: (v: Vitals) => Uint8Array; resync: string }> = {
  'hl7-mllp': { build: (v) => sim.hl7MllpFrame(v), resync: '' },
  'hl7-raw-tcp': { build: (v) => sim.hl7RawFrame(v), resync: '' },
  'omron-hbp9030': { build: (v) => sim.omronHbp9030Frame(v), resync: '\r\n' },
  'omron-hbp9020': { build: (v) => sim.omronHbp9020Frame(v), resync: '\r\n' },
  'and-tm2657p': { build: (v) => sim.andTm2657pFrame(v), resync: '' },
  'terumo-bp500': { build: (v) => sim.terumoFrame(v), resync: '' },
  'gtech-gl310': { build: (v) => (v.pulse % 2 === 0 ? sim.gtechFrame(v) : sim.gtechPrinterFrame(v)), resync: '' },
  'tanita-sc240': { build: (v) => sim.tanitaFrame(v), resync: '\r\n' },
  'tanita-sc330': { build: (v) => sim.tanitaFrame(v, 'SC-330'), resync: '\r\n' },
  'tanita-mc780': { build: (v) => sim.tanitaFrame(v, 'MC-780'), resync: '\r\n' },
  'tanita-dc320': { build: (v) => sim.tanitaFrame(v, 'DC-320'), resync: '\r\n' },
  'tanita-bc418': { build: (v) => sim.tanitaFrame(v, 'BC-418'), resync: '\r\n' },
  'masimo-rad8': { build: (v) => sim.masimoFrame(v), resync: '\r\n' },
  'contec-cms50dplus': { build: (v) => sim.contecFrame(v), resync: '' },
};

const knownCodes = new Set(Object.keys(deviceErrorText));

/** Good for every profile, unless the device states narrower limits (HBP-9030 pulse 40–180). */
function withinDeviceLimits(ranges: DeviceRanges | undefined, v: Vitals): boolean {
  const inside = (code: LoincCode, value: number): boolean => {
    const range = ranges?.[code];
    return range === undefined || (value >= range[0] && value <= range[1]);
  };
  return inside(Loinc.systolic, v.sys) && inside(Loinc.diastolic, v.dia) && inside(Loinc.heartRate, v.pulse);
}

function values(result: DecodeResult): readonly ReadingValue[] | string {
  return result.ok ? result.reading.values : result.error.code;
}

describe.each(Object.keys(wire) as (keyof typeof wire)[])('%s fuzzing', (name) => {
  const profile = profiles[name];
  const { build, resync } = wire[name];
  const sep = new TextEncoder().encode(resync);

  it(`survives garbage, splits, corruption and impossible values; the next good frame is read (${String(runs)} cases)`, () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80 }),
        goodVitals,
        fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }))),
        fc.oneof(goodVitals, impossibleVitals),
        goodVitals,
        fc.array(fc.nat(), { maxLength: 12 }),
        (garbage, middleValues, corruption, badValues, lastValues, cuts) => {
          fc.pre(withinDeviceLimits(profile.deviceRanges, lastValues));
          const middle = build(middleValues).slice();
          if (corruption !== null) middle[corruption[0] % middle.length] = corruption[1];
          const last = build(lastValues);
          const expected = profile.decode(last, ctx(name));
          expect(expected.ok).toBe(true);
          const stream = concatBytes([garbage, sep, middle, sep, build(badValues), sep, last, sep]);
          const framer = profile.createFramer();
          const events: FrameEvent[] = [];
          for (const chunk of splitAt(stream, cuts)) events.push(...framer.push(chunk));
          events.push(...framer.flush());
          const results = events.map((e) => (e.kind === 'frame' ? profile.decode(e.bytes, ctx(name)) : undefined));
          for (const [i, event] of events.entries()) {
            const result = results[i];
            const code =
              event.kind === 'garbage' ? event.reason : result !== undefined && !result.ok ? result.error.code : 'ok';
            expect(code === 'ok' || knownCodes.has(code)).toBe(true);
          }
          const decoded = results.flatMap((r) => (r === undefined ? [] : [r]));
          expect(decoded.length).toBeGreaterThan(0);
          expect(values(decoded[decoded.length - 1] ?? expected)).toEqual(values(expected));
        },
      ),
      { numRuns: runs },
    );
    // 10^4 cases take 2-12 s alone (HL7 the longest); on a busy 2-core CI machine the default 20 s is too tight.
  }, 90_000);

  it('rejects impossible values with device_implausible, never as a reading', () => {
    fc.assert(
      fc.property(impossibleVitals, (v) => {
        const result = profile.decode(build(v), ctx(name));
        const relevant = result.ok ? result.reading.values : [];
        // a protocol that does not carry the impossible field (a scale with an impossible SYS) still reads
        for (const item of relevant) expect(Number.isFinite(item.value)).toBe(true);
        if (!result.ok)
          expect(['device_implausible', 'device_frame_malformed', 'device_no_values']).toContain(result.error.code);
      }),
      { numRuns: Math.min(runs, 2000) },
    );
  });
});

describe('omron-hem790it fuzzing', () => {
  it(`report reassembly and record decoding never crash; corrupted records fail the XOR (${String(runs)} cases)`, () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 0, max: 99 }),
          mo: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          s: fc.integer({ min: 0, max: 59 }),
        }),
        goodVitals,
        fc.option(fc.tuple(fc.integer({ min: 0, max: GME_LENGTH - 1 }), fc.integer({ min: 1, max: 255 }))),
        fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 0, maxLength: 8 }), { maxLength: 4 }),
        (at, v, flip, junkReports) => {
          const record = encodeHem790itRecord(at, v.sys, v.dia, v.pulse).slice();
          if (flip !== null) record[flip[0]] = (record[flip[0]] ?? 0) ^ flip[1];
          const assembler = new ReportAssembler();
          for (const report of junkReports) new ReportAssembler().push(report);
          for (const report of replyReports([...record])) assembler.push(report);
          const reply = parseReply(assembler.take(), GME_LENGTH);
          expect(reply.kind).toBe('ok');
          if (reply.kind !== 'ok') return;
          const result = decodeHem790itRecord(reply.data, ctx('omron-hem790it'));
          if (flip === null)
            expect(values(result)).toEqual([
              { code: '8480-6', value: v.sys, unit: 'mm[Hg]' },
              { code: '8462-4', value: v.dia, unit: 'mm[Hg]' },
              { code: '8867-4', value: v.pulse, unit: '/min' },
            ]);
          else expect(result.ok ? 'ok' : result.error.code).toBe('device_checksum');
        },
      ),
      { numRuns: runs },
    );
  });

  it('arbitrary input reports and replies never crash the reply parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 9 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 20 }),
        (reports, length) => {
          const assembler = new ReportAssembler();
          for (const report of reports) assembler.push(report);
          const reply = parseReply(assembler.take(), length);
          expect(['ok', 'no', 'off', 'bad']).toContain(reply.kind);
          if (reply.kind === 'ok' && reply.data.length === GME_LENGTH)
            decodeHem790itRecord(reply.data, ctx('omron-hem790it'));
        },
      ),
      { numRuns: runs },
    );
  });
});
