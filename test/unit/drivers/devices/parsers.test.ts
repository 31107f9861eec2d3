// Every serial/HID protocol against its recorded frames: whole, byte by byte, and merged back to back.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deviceClock } from '../../../../drivers/devices/parsers/deviceClock.std.js';
import { profiles, type ProfileName } from '../../../../drivers/devices/profiles.std.js';
import { decodeTerumoBp500 } from '../../../../drivers/devices/parsers/terumoBp500.std.js';
import { decodeTanita, type TanitaOptions } from '../../../../drivers/devices/parsers/tanita.std.js';
import { TANITA_MODELS } from '../../../../drivers/devices/parsers/tanitaModels.std.js';
import type { FrameEvent } from '../../../../drivers/devices/parsers/framing.std.js';
import { bytesOf, ctx, fixture, fixtureCase } from '../../../factories/devices/deviceFixtures.js';
import { decodeOmronHbp9030 } from '../../../../drivers/devices/parsers/omronHbp.std.js';

const decodeTanitaSc240 = (frame: Uint8Array, c: ReturnType<typeof ctx>, options?: TanitaOptions) =>
  decodeTanita(frame, c, TANITA_MODELS['tanita-sc240'], options);

const serialProfiles: ProfileName[] = [
  'omron-hbp9030',
  'omron-hbp9020',
  'and-tm2657p',
  'terumo-bp500',
  'gtech-gl310',
  'tanita-sc240',
  'masimo-rad8',
  'contec-cms50dplus',
  'omron-hem790it',
];

function frames(events: FrameEvent[]): Uint8Array[] {
  return events.flatMap((e) => (e.kind === 'frame' ? [e.bytes] : []));
}

describe.each(serialProfiles)('%s recorded frames', (name) => {
  const profile = profiles[name];
  const data = fixture(name);

  it('cites its source and provenance', () => {
    expect(data.source.length).toBeGreaterThan(10);
    expect(data.provenance.length).toBeGreaterThan(10);
  });

  it.each(data.frames.map((f, i) => [i, f] as const))('frame %i decodes as recorded', (_i, frame) => {
    const result = profile.decode(bytesOf(frame.raw), ctx(name));
    if (frame.expect !== undefined) {
      expect(result.ok ? result.reading.values : result.error).toEqual(frame.expect);
      if (result.ok) expect(result.reading.raw).toBe(frame.rawKept ?? frame.raw);
    } else {
      expect(result.ok ? 'ok' : result.error.code).toBe(frame.error);
    }
  });

  if (name !== 'omron-hem790it') {
    it('frames the same whether bytes come one at a time or all frames merged in one chunk', () => {
      const all = data.frames.map((f) => bytesOf(f.raw));
      const merged = new Uint8Array(all.reduce((n, f) => n + f.length, 0));
      let at = 0;
      for (const f of all) {
        merged.set(f, at);
        at += f.length;
      }
      const whole = frames([...profile.createFramer().push(merged)]);
      const framer = profile.createFramer();
      const trickled = frames([...merged].flatMap((byte) => framer.push(Uint8Array.of(byte))));
      const decoded = (list: Uint8Array[]) =>
        list.map((f) => profile.decode(f, ctx(name))).map((r) => (r.ok ? r.reading.values : r.error.code));
      expect(decoded(whole)).toEqual(decoded(all));
      expect(decoded(trickled)).toEqual(decoded(all));
      expect(whole).toHaveLength(all.length);
    });
  }
});

describe('options for unverified checks', () => {
  it('Terumo: the public example parses when the check character is not enforced', () => {
    const raw = fixture('terumo-bp500').frames[0]?.raw ?? '';
    const result = decodeTerumoBp500(bytesOf(raw), ctx('terumo-bp500'), { checkMode: 'none' });
    expect(result.ok && result.reading.values.map((v) => v.value)).toEqual([128, 82, 84]);
    expect(result.ok && result.reading.deviceTime).toBe('2021-04-27T15:30:00');
  });

  it('Tanita: a wrong CS passes only when verification is off', () => {
    const raw = fixture('tanita-sc240').frames[1]?.raw ?? '';
    expect(decodeTanitaSc240(bytesOf(raw), ctx('tanita-sc240'), { verifyChecksum: false }).ok).toBe(true);
  });

  it('Tanita: a weight unit other than kg is refused, never assumed', () => {
    const line = '{0,16,~0,2,~1,1,~2,1,Wk,155.0,Hm,172.0,MI,23.8\r\n';
    const result = decodeTanitaSc240(new TextEncoder().encode(line), ctx('tanita-sc240'), { verifyChecksum: false });
    expect(result.ok ? 'ok' : result.error.code).toBe('device_unit_unknown');
  });

  it('HBP-9020 keeps the device clock and a key so a re-sent line is stored once', () => {
    const raw = fixture('omron-hbp9020').frames[0]?.raw ?? '';
    const result = profiles['omron-hbp9020'].decode(bytesOf(raw), ctx('omron-hbp9020'));
    expect(result.ok && result.reading.deviceTime).toBe('2023-04-27T15:06');
    expect(result.ok && result.reading.key).toMatch(/^omron-hbp9020:[0-9a-f]{8}$/);
  });
});

describe('Tanita family and HBP-9030 layouts', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('Tanita: a zero height and BMI are placeholders, noted and not charted; the weight charts', () => {
    const line = '{0,16,~0,1,~1,1,~2,1,MO,"SC-240",Hm,0.0,Pt,0.0,Wk,61.5,MI,0.0,FW,0.0\r\n';
    const result = decodeTanitaSc240(encode(line), ctx('tanita-sc240'), { verifyChecksum: false });
    expect(result.ok && result.reading.values).toEqual([{ code: '29463-7', value: 61.5, unit: 'kg' }]);
    expect(result.ok && result.reading.skipped?.map((n) => [n.outcome, n.reason, n.source])).toEqual([
      ['ignored', 'placeholder', 'Hm'],
      ['ignored', 'placeholder', 'MI'],
      ['ignored', 'not_charted', 'FW'],
    ]);
  });

  it('Tanita: a line from another model is refused (the port is set up for the wrong scale)', () => {
    const mc780 = bytesOf(fixtureCase('tanita-mc780'));
    const result = profiles['tanita-sc240'].decode(mc780, ctx('tanita-sc240'));
    expect(result.ok ? 'ok' : [result.error.code, result.error.detail]).toEqual([
      'device_frame_malformed',
      'the scale says it is MC-780; this port is set up for SC-240',
    ]);
  });

  it('HBP-9030: a layout IT fixes for the port is the only one read', () => {
    const kiosk = bytesOf(fixture('omron-hbp9030').frames[0]?.raw ?? '');
    expect(decodeOmronHbp9030(kiosk, ctx('omron-hbp9030')).ok).toBe(true);
    const fixed = decodeOmronHbp9030(kiosk, ctx('omron-hbp9030'), { layout: 'format5' });
    expect(fixed.ok ? 'ok' : fixed.error.code).toBe('device_frame_malformed');
  });

  it('an id the line carries is [id] in the kept text (HBP-9030 format 5, Tanita ID and card id); the values stay', () => {
    const format5 = profiles['omron-hbp9030'].decode(bytesOf(fixtureCase('omron-hbp9030')), ctx('omron-hbp9030'));
    expect(format5.ok && format5.reading.raw).toBe('2026,07,11,09,05,[id],0,120,080,072,0\\x0d\\x0a');
    const mc780 = profiles['tanita-mc780'].decode(bytesOf(fixtureCase('tanita-mc780')), ctx('tanita-mc780'));
    expect(mc780.ok && mc780.reading.raw).toContain('MO,"MC-780",ID,[id],St,0,CC,[id],DT,"2026/06/03",TI,"15:00",Bt,5');
  });

  it('HBP-9030: lines ended by CR alone are framed like CRLF lines, in any chunking', () => {
    const stream = encode(
      'bp,00000000000000000000,2026/07/11,09:05,120,090,080,072,0\rID00000000B26/07/11/09:06 121 081 073 \r\n',
    );
    const framer = profiles['omron-hbp9030'].createFramer();
    const got = frames([...stream].flatMap((byte) => framer.push(Uint8Array.of(byte))));
    const decoded = got.map((f) => profiles['omron-hbp9030'].decode(f, ctx('omron-hbp9030')));
    expect(
      decoded.map((r) => (r.ok ? [r.reading.deviceTime, r.reading.values.map((v) => v.value)] : r.error.code)),
    ).toEqual([
      ['2026-07-11T09:05', [120, 80, 72]],
      ['2026-07-11T09:06', [121, 81, 73]],
    ]);
  });
});

describe('device clock', () => {
  const two = (n: number) => String(n).padStart(2, '0');

  it('is kept exactly for every date on the calendar and refused for a day past the month (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
        (at) => {
          const [y, mo, d, h, mi] = [
            String(at.getUTCFullYear()),
            two(at.getUTCMonth() + 1),
            two(at.getUTCDate()),
            two(at.getUTCHours()),
            two(at.getUTCMinutes()),
          ];
          expect(deviceClock(y, mo, d, h, mi)).toBe(at.toISOString().slice(0, 16));
          const pastMonth = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate() + 1;
          expect(deviceClock(y, mo, two(pastMonth), h, mi)).toBeUndefined();
        },
      ),
    );
  });
});
