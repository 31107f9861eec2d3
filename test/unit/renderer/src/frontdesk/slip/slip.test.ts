// The queue slip's pure parts: what it says (พ.ศ., rights in a clerk's words, the authen code or pending),
// how lines wrap on 576 dots, and the 1-bit threshold the printer gets.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  slipDateTime,
  slipFactsOf,
  slipLines,
  type SlipFacts,
} from '../../../../../../renderer/src/frontdesk/slip/slipContent.std.js';
import {
  layoutSlip,
  SLIP_FONTS,
  wrapText,
  type Measure,
} from '../../../../../../renderer/src/frontdesk/slip/slipLayout.std.js';
import { thresholdToRaster, trimBottom } from '../../../../../../renderer/src/frontdesk/slip/packRaster.std.js';
import { newVisit } from '../../../../../../sync/model/encounter.std.js';
import { TH_NHSO_CLAIM_CODE } from '../../../../../../sync/model/systems.std.js';

const facts: SlipFacts = {
  hcode: '10953',
  stationName: 'ห้องบัตร 1',
  queueNumber: 'A-007',
  clinic: 'คลินิกโรคเรื้อรัง (NCD)',
  at: new Date(2026, 11, 6, 9, 5).toISOString(),
  rights: '(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ',
  authenCode: null,
};

/** Each character as wide as its font size × 0.5 (combining Thai marks take no width). */
const measure: Measure = (text, font) =>
  [...text].filter((char) => !/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(char)).length * font.px * 0.5;

describe('what a queue slip says', () => {
  it('Thai: พ.ศ. date and time, the right in a clerk’s words, authen pending', () => {
    const texts = slipLines(facts, 'th').map((line) => line.text);
    expect(texts).toEqual([
      'สถานพยาบาลรหัส 10953',
      'ห้องบัตร 1',
      'บัตรคิว',
      'A-007',
      'จุดบริการ: คลินิกโรคเรื้อรัง (NCD)',
      '6 ธันวาคม 2569 เวลา 09:05 น.',
      'สิทธิการรักษา: บัตรทอง (หลักประกันสุขภาพแห่งชาติ) · UCS',
      'รหัสยืนยันเข้ารับบริการ: รอรหัสยืนยัน',
      'กรุณารอเรียกคิว',
    ]);
    expect(slipLines(facts, 'th').find((line) => line.text === 'A-007')?.style).toBe('queue');
  });

  it('English: Gregorian, and the code when the visit has one', () => {
    const texts = slipLines({ ...facts, authenCode: 'PP1234567890', rights: null, clinic: null }, 'en').map(
      (line) => line.text,
    );
    expect(texts).toContain('6 December 2026 at 09:05');
    expect(texts).toContain('NHSO authen code: PP1234567890');
    expect(texts).toContain('Right to care: Not read from the card');
    expect(texts.some((text) => text.startsWith('Service point'))).toBe(false);
  });

  it("the clinic is the visit's service point (never its visit type) and the right the one stored on the visit", () => {
    const encounter = newVisit({
      encounterId: 'e2',
      patientId: 'p1',
      hcode: '10953',
      stationId: 'st-10953-a',
      at: facts.at,
      queueNumber: 'A-008',
      details: {
        servicePoint: { code: 'ncd', th: 'คลินิกโรคเรื้อรัง' },
        visitType: 'appointment',
        right: { code: 'SSS', text: '(SSS) สิทธิประกันสังคม' },
      },
    });
    const slip = slipFactsOf(encounter, { hcode: '10953', stationName: null }, null);
    expect(slip).toMatchObject({ clinic: 'คลินิกโรคเรื้อรัง', rights: '(SSS) สิทธิประกันสังคม' });
    const texts = slipLines(slip, 'th').map((line) => line.text);
    expect(texts).toContain('จุดบริการ: คลินิกโรคเรื้อรัง');
    expect(texts).toContain('สิทธิการรักษา: ประกันสังคม · SSS');
  });

  it('reads the queue number, the clinic and the NHSO claim code from the visit', () => {
    const encounter = newVisit({
      encounterId: 'e1',
      patientId: 'p1',
      hcode: '10953',
      stationId: 'st-10953-a',
      at: facts.at,
      queueNumber: 'A-007',
      reason: 'ทำแผล',
    });
    const pending = slipFactsOf(encounter, { hcode: '10953', stationName: null }, null);
    expect(pending).toMatchObject({ queueNumber: 'A-007', clinic: 'ทำแผล', authenCode: null, at: facts.at });
    const codedVisit = {
      ...encounter,
      identifier: [...(encounter.identifier ?? []), { system: TH_NHSO_CLAIM_CODE, value: 'PP0001' }],
    };
    const coded = slipFactsOf(codedVisit, { hcode: '10953', stationName: null }, null);
    expect(coded.authenCode).toBe('PP0001');
    expect(TH_NHSO_CLAIM_CODE).toBe('https://terms.sil-th.org/id/th-nhso-claim-code');
    // main's answer is used until the page has written the code on the visit; the visit's own code wins
    expect(slipFactsOf(encounter, { hcode: '10953', stationName: null }, null, 'PP0002').authenCode).toBe('PP0002');
    expect(slipFactsOf(codedVisit, { hcode: '10953', stationName: null }, null, 'PP0002').authenCode).toBe('PP0001');
  });

  it('an unreadable time gives an empty line, not "Invalid Date"', () => {
    expect(slipDateTime('not a time', 'th')).toBe('');
  });
});

describe('slip layout', () => {
  it('wraps Thai without spaces at word breaks, keeping every character in order, each line within the paper', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'สิทธิ',
            'หลักประกัน',
            'สุขภาพ',
            'แห่งชาติ',
            ' ',
            'UCS',
            '·',
            'บัตรทอง',
            'โรงพยาบาลส่งเสริมสุขภาพตำบล',
          ),
          { maxLength: 30 },
        ),
        fc.constantFrom(...Object.values(SLIP_FONTS)),
        (words, font) => {
          const text = words.join('');
          const lines = wrapText(text, font, 544, measure);
          expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
          for (const line of lines) expect(measure(line, font)).toBeLessThanOrEqual(Math.max(544, font.px * 0.5));
        },
      ),
    );
  });

  it('breaks Thai between words, not inside one', () => {
    const font = SLIP_FONTS.body;
    const lines = wrapText('สิทธิการรักษา: บัตรทอง (หลักประกันสุขภาพแห่งชาติ) · UCS', font, 300, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(/^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(line)).toBe(false);
  });

  it('breaks at spaces first: a phrase that fits on a line is never split', () => {
    const text = 'สิทธิการรักษา: บัตรทอง (หลักประกันสุขภาพแห่งชาติ) · UCS';
    for (const width of [300, 400, 544]) {
      const lines = wrapText(text, SLIP_FONTS.body, width, measure);
      let at = 0;
      for (const [index, line] of lines.entries()) {
        at = text.indexOf(line, at);
        if (index > 0) expect(text[at - 1], `line ${index} at width ${width}: ${line}`).toBe(' ');
        at += line.length;
      }
    }
  });

  it('stacks lines downwards and sizes the slip to them', () => {
    const layout = layoutSlip(slipLines(facts, 'th'), 576, measure);
    const ys = layout.texts.map((text) => text.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(layout.height).toBeGreaterThan(ys.at(-1) ?? 0);
    expect(layout.texts.find((text) => text.text === 'A-007')?.font.px).toBe(150);
  });
});

describe('1-bit raster', () => {
  it('dark dots are 1, light and transparent dots 0, MSB leftmost, rows padded to a byte', () => {
    const width = 10;
    const rgba = new Uint8ClampedArray(width * 2 * 4).fill(255);
    const set = (x: number, y: number, value: number, alpha = 255): void => {
      rgba.set([value, value, value, alpha], (y * width + x) * 4);
    };
    set(0, 0, 0);
    set(9, 0, 100);
    set(1, 1, 200);
    set(2, 1, 0, 0);
    const raster = thresholdToRaster(rgba, width, 2);
    expect(raster.widthBytes).toBe(2);
    expect([...raster.data]).toEqual([0x80, 0x40, 0x00, 0x00]);
  });

  it('agrees with a per-dot reference on random images', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 255 }),
        (width, height, threshold) => {
          const rgba = Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) =>
            i % 4 === 3 ? 255 : (i * 37 + width * 11) % 256,
          );
          const raster = thresholdToRaster(rgba, width, height, threshold);
          for (let y = 0; y < height; y += 1)
            for (let x = 0; x < width; x += 1) {
              const at = (y * width + x) * 4;
              const luma = 0.299 * (rgba[at] ?? 0) + 0.587 * (rgba[at + 1] ?? 0) + 0.114 * (rgba[at + 2] ?? 0);
              const bit = ((raster.data[y * raster.widthBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
              expect(bit).toBe(luma < threshold ? 1 : 0);
            }
        },
      ),
      { numRuns: 50 },
    );
  });

  it('trims blank rows at the bottom only', () => {
    const raster = { widthBytes: 1, height: 4, data: Uint8Array.of(0, 1, 0, 0) };
    expect(trimBottom(raster)).toEqual({ widthBytes: 1, height: 2, data: Uint8Array.of(0, 1) });
    expect(trimBottom({ widthBytes: 1, height: 2, data: Uint8Array.of(0, 0) }).height).toBe(1);
  });
});
