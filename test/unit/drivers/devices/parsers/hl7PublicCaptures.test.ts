// Public monitor captures (test/fixtures/devices/public/hl7, sources in SOURCES.md) through the HL7 profile with the
// port's dialect: exactly the values each capture states are charted, every other OBX is named with its reason,
// and the ACK follows what was stored. Plus properties over any message: one bad OBX never sinks a good one,
// alarms and queries never chart, AA only when something was charted or nothing was observed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { profiles } from '../../../../../drivers/devices/profiles.std.js';
import { ackCodeFor, mllpWrap } from '../../../../../drivers/devices/parsers/hl7.std.js';
import {
  HL7_DIALECTS,
  isHl7DialectName,
  type Hl7DialectName,
} from '../../../../../drivers/devices/parsers/hl7Dialect.std.js';
import { recogniseDialect } from '../../../../../drivers/devices/parsers/hl7DialectPlan.std.js';
import { parseCodeMapFile } from '../../../../../drivers/devices/parsers/codeMapFile.std.js';
import { customEntriesOf, type CustomCodeEntry } from '../../../../../drivers/devices/parsers/customCodeMap.std.js';
import type { DecodeResult } from '../../../../../drivers/devices/parsers/reading.std.js';

const dir = join(import.meta.dirname, '../../../../fixtures/devices/public/hl7');
const runs = Number(process.env['DEVICE_FUZZ_RUNS'] ?? 2_000);

interface CaptureCase {
  readonly file: string;
  readonly profile: 'hl7-mllp';
  readonly dialect: string;
  /** IT's own code map as the device view stores it (what `device listen --code-map` reads). */
  readonly custom?: readonly { code: string; loinc: string; unit: string | null }[];
  readonly ack: string;
  readonly error?: string;
  readonly deviceTime?: string;
  readonly charted: readonly { code: string; value: number; unit: string; deviceTime?: string }[];
  readonly skipped: readonly { reason: string; source: string }[];
}

const { cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: CaptureCase[] };

/** The capture as it goes on the wire: CR segment ends, MLLP framing. */
const wire = (file: string): Uint8Array => mllpWrap(readFileSync(join(dir, file), 'latin1').replace(/\r?\n/g, '\r'));

/** The case's map handed to the decoder as the station and the command line hand theirs. */
function customOf(entries: CaptureCase['custom']): CustomCodeEntry[] {
  const parsed = parseCodeMapFile(JSON.stringify(entries ?? []));
  if (!parsed.ok) throw new Error(`cases.json: ${parsed.problem} ${parsed.detail}`);
  return customEntriesOf(parsed.entries);
}

function decode(bytes: Uint8Array, dialect: Hl7DialectName = 'auto', custom: CustomCodeEntry[] = []): DecodeResult {
  return profiles['hl7-mllp'].decode(bytes, {
    profile: 'hl7-mllp',
    receivedAt: '2026-01-01T00:00:00.000Z',
    hl7: { dialect, custom },
  });
}

describe('public captures chart exactly what they state', () => {
  it.each(cases.map((c) => [`${c.file} (${c.dialect}${c.custom === undefined ? '' : ' + custom'})`, c] as const))(
    '%s',
    (_name, c) => {
      if (!isHl7DialectName(c.dialect)) throw new Error(`cases.json: unknown dialect ${c.dialect}`);
      const result = decode(wire(c.file), c.dialect, customOf(c.custom));
      const charted = result.ok ? result.reading.values : [];
      const notes = (result.ok ? result.reading.skipped : result.error.skipped) ?? [];
      expect(charted).toEqual(c.charted);
      expect(notes.map((n) => ({ reason: n.reason, source: n.source }))).toEqual(c.skipped);
      expect(result.ok ? undefined : result.error.code).toBe(c.error);
      expect(ackCodeFor(result)).toBe(c.ack);
      if (c.deviceTime !== undefined) expect(result.ok && result.reading.deviceTime).toBe(c.deviceTime);
    },
  );

  it('recognises the sender from MSH-3/MSH-4, and leaves IHE monitors with MDC', () => {
    expect(recogniseDialect('Mindray', 'Gateway')).toBe('mindray-legacy');
    expect(recogniseDialect('^SureSignsVS', '')).toBe('philips-mdil');
    expect(recogniseDialect('MINDRAY_VS900^00A0370098007A80^EUI-64', '')).toBeUndefined();
    expect(recogniseDialect('NC_Monitor', 'KC261551373G')).toBeUndefined();
  });
});

// ---- properties over generated messages ----

const header = (type: string, processing = 'P'): string =>
  `MSH|^~\\&|MONITOR|WARD|||20260101120000||${type}|C1|${processing}|2.6`;
const obx = (code: string, value: string, unit: string, flag = '', status = 'F'): string =>
  `OBX||NM|${code}|1|${value}|${unit}||${flag}|||${status}`;
const message = (lines: readonly string[]): Uint8Array => mllpWrap(`${lines.join('\r')}\r`);

/** Good observations: a code the MDC table knows, a plausible value, its unit. */
const goodObx = fc.oneof(
  fc.integer({ min: 80, max: 100 }).map((v) => ({
    code: '59408-5',
    line: obx('150456^MDC_PULS_OXIM_SAT_O2^MDC', String(v), '262688^MDC_DIM_PERCENT^MDC'),
  })),
  fc.integer({ min: 40, max: 180 }).map((v) => ({
    code: '8867-4',
    line: obx('149522^MDC_PULS_RATE^MDC', String(v), '264864^MDC_DIM_BEAT_PER_MIN^MDC'),
  })),
  fc.integer({ min: 350, max: 410 }).map((v) => ({
    code: '8310-5',
    line: obx('188496^MDC_TEMP_AXIL^MDC', (v / 10).toFixed(1), '268192^MDC_DIM_DEGC^MDC'),
  })),
  fc.integer({ min: 8, max: 40 }).map((v) => ({
    code: '9279-1',
    line: obx('151562^MDC_RESP_RATE^MDC', String(v), '264928^MDC_DIM_RESP_PER_MIN^MDC'),
  })),
);

/** Bad observations of another vital: every way an OBX can fail on its own. */
const badObx = fc.oneof(
  fc.constant(obx('188740^MDC_LEN_BODY_ACTUAL^MDC', '0', '263441^MDC_DIM_CENTI_M^MDC')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '', '263875^MDC_DIM_KILO_G^MDC')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '8388607', '263875^MDC_DIM_KILO_G^MDC')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '60', '263875^MDC_DIM_KILO_G^MDC', 'DEMO')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '60', '263875^MDC_DIM_KILO_G^MDC', '', 'X')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '60', '')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '60', 'furlong')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', '9000', '263875^MDC_DIM_KILO_G^MDC')),
  fc.constant(obx('188736^MDC_MASS_BODY_ACTUAL^MDC', 'abc', '263875^MDC_DIM_KILO_G^MDC')),
  fc.string({ maxLength: 12 }).map((s) => obx(`99999^${s.replace(/[|\r\n^]/g, '')}^99X`, '5', '')),
);

/** Any text a segment may hold (no segment or field breaks of its own). */
const framing = new Set(['\r', '\n', String.fromCharCode(0x0b), String.fromCharCode(0x1c)]);
const fieldText = fc.string({ maxLength: 30 }).map((s) => [...s].filter((c) => !framing.has(c)).join(''));

describe('HL7 properties', () => {
  it('an ORU^R01 with one good and one bad OBX charts the good one, in either order', () => {
    fc.assert(
      fc.property(goodObx, badObx, fc.boolean(), (good, bad, goodFirst) => {
        const lines = goodFirst ? [good.line, bad] : [bad, good.line];
        const result = decode(message([header('ORU^R01'), ...lines]));
        expect(result.ok && result.reading.values.map((v) => v.code)).toEqual([good.code]);
        expect(result.ok && result.reading.skipped?.length).toBe(1);
        expect(ackCodeFor(result)).toBe('AA');
      }),
      { numRuns: runs },
    );
  });

  it('no ORU^R40, QBP or QRY ever yields a reading, whatever it holds', () => {
    const type = fc.constantFrom(
      'ORU^R40^ORU_R40',
      'ORU^R40',
      'QBP^ZV1^QBP_Q21',
      'QBP^Q22^QBP_Q21',
      'QRY^R02',
      'QRY^A19',
    );
    const segment = fc.oneof(
      goodObx.map((g) => g.line),
      badObx,
      fieldText.map((t) => `QPD|IHE PDQ Query|${t}`),
      fieldText.map((t) => `PID|||${t}`),
    );
    fc.assert(
      fc.property(
        type,
        fc.array(segment, { maxLength: 8 }),
        fc.constantFrom<Hl7DialectName>(...HL7_DIALECTS),
        (t, lines, dialect) => {
          const result = decode(message([header(t), ...lines]), dialect, [
            { code: 'QPD', loinc: '8867-4', unit: '/min' },
          ]);
          expect(result.ok).toBe(false);
          expect(ackCodeFor(result)).not.toBe('AA');
        },
      ),
      { numRuns: runs },
    );
  });

  it('AA only when at least one value was charted or there was no observation', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            goodObx.map((g) => g.line),
            badObx,
          ),
          { maxLength: 6 },
        ),
        fc.constantFrom('P', 'T'),
        (lines, processing) => {
          const result = decode(message([header('ORU^R01', processing), ...lines]));
          const charted = result.ok ? result.reading.values.length : 0;
          if (ackCodeFor(result) === 'AA') expect(charted > 0 || lines.length === 0).toBe(true);
          else expect(charted).toBe(0);
        },
      ),
      { numRuns: runs },
    );
  });

  it('a vital sent twice is charted once: the first plausible value, the other named as a duplicate', () => {
    const probe = (sub: string, value: string): string =>
      `OBX||NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|${sub}|${value}|262688^MDC_DIM_PERCENT^MDC|||||F`;
    const twice = decode(message([header('ORU^R01'), probe('1.3.1', '97'), probe('1.3.2', '95')]));
    expect(twice.ok && twice.reading.values).toEqual([{ code: '59408-5', value: 97, unit: '%' }]);
    expect(twice.ok && twice.reading.skipped?.map((n) => n.reason)).toEqual(['duplicate']);
    const firstBad = decode(message([header('ORU^R01'), probe('1.3.1', '140'), probe('1.3.2', '95')]));
    expect(firstBad.ok && firstBad.reading.values).toEqual([{ code: '59408-5', value: 95, unit: '%' }]);
    expect(firstBad.ok && firstBad.reading.skipped?.map((n) => [n.reason, n.source])).toEqual([
      ['implausible', '150456^MDC_PULS_OXIM_SAT_O2^MDC'],
    ]);
  });

  it('the order of NIBP values (SYS, MEAN, DIA or DIA, MEAN, SYS …) does not change what is charted', () => {
    const bp = [
      obx('150301^MDC_PRESS_CUFF_SYS^MDC', '147', '266016^MDC_DIM_MMHG^MDC'),
      obx('150303^MDC_PRESS_CUFF_MEAN^MDC', '109', '266016^MDC_DIM_MMHG^MDC'),
      obx('150302^MDC_PRESS_CUFF_DIA^MDC', '90', '266016^MDC_DIM_MMHG^MDC'),
    ];
    const sorted = (r: DecodeResult): string[] =>
      r.ok ? r.reading.values.map((v) => `${v.code}=${String(v.value)}`).sort() : [];
    const reference = sorted(decode(message([header('ORU^R01'), ...bp])));
    expect(reference).toEqual(['8462-4=90', '8478-0=109', '8480-6=147']);
    fc.assert(
      fc.property(fc.shuffledSubarray(bp, { minLength: 3, maxLength: 3 }), (order) => {
        expect(sorted(decode(message([header('ORU^R01'), ...order])))).toEqual(reference);
      }),
      { numRuns: 50 },
    );
  });
});
