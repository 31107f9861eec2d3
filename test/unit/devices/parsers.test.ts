// Every serial/HID protocol against its recorded frames: whole, byte by byte, and merged back to back.
import { describe, expect, it } from 'vitest';
import { profiles, type ProfileName } from '../../../drivers/devices/profiles.std.js';
import { decodeTerumoBp500 } from '../../../drivers/devices/parsers/terumoBp500.std.js';
import { decodeTanitaSc240 } from '../../../drivers/devices/parsers/tanitaSc240.std.js';
import type { FrameEvent } from '../../../drivers/devices/parsers/framing.std.js';
import { bytesOf, ctx, fixture } from './fixtures.js';

const serialProfiles: ProfileName[] = [
  'omron-hbp9030', 'omron-hbp9020', 'and-tm2657p', 'terumo-bp500', 'gtech-gl310', 'tanita-sc240', 'masimo-rad8', 'contec-cms50dplus', 'omron-hem790it',
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
      if (result.ok) expect(result.reading.raw).toBe(frame.raw);
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
      const decoded = (list: Uint8Array[]) => list.map((f) => profile.decode(f, ctx(name))).map((r) => (r.ok ? r.reading.values : r.error.code));
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
