/**
 * Framers scan each byte once: hostile bytes fed one at a time (a LAN host trickling an opened MLLP frame full
 * of FS bytes) finish in linear time, and keeping scan positions never changes which frames come out.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { profileNames, profiles } from '../../../../../drivers/devices/profiles.std.js';
import { hostileBytes } from '../../../../../drivers/devices/simulators/hostileBytes.std.js';
import type { FrameEvent, Framer } from '../../../../../drivers/devices/parsers/framing.std.js';

function feed(framer: Framer, bytes: Uint8Array, cuts: readonly number[]): FrameEvent[] {
  const out: FrameEvent[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const to = Math.max(from, Math.min(cut, bytes.length));
    out.push(...framer.push(bytes.subarray(from, to)));
    from = to;
  }
  return [...out, ...framer.flush()];
}

const frames = (events: readonly FrameEvent[]): string[] =>
  events.filter((e) => e.kind === 'frame').map((e) => Buffer.from(e.bytes).toString('latin1'));

describe('framing in linear time', () => {
  // 32 KiB: a framer that rescans its buffer per byte takes tens of seconds here (the old MLLP framer: 26 s, the old raw-HL7 framer: 8.6 s).
  it.each(profileNames.filter((name) => name !== 'omron-hem790it'))(
    '%s: 32 KiB of hostile bytes, 1-byte chunks, well under a second',
    (name) => {
      const bytes = hostileBytes(name, 32 * 1024);
      const framer = profiles[name].createFramer();
      const start = performance.now();
      for (let i = 0; i < bytes.length; i += 1) framer.push(bytes.subarray(i, i + 1));
      framer.flush();
      expect(performance.now() - start).toBeLessThan(1000);
    },
  );

  const mllpPieces = fc.array(
    fc.oneof(
      fc.constant('\x0bMSH|^~\\&|MON|W1|||20260101||ORU^R01|C1|P|2.6\rOBX|1|NM|150456^^MDC|1|97|%\x1c\r'),
      fc.constantFrom('\x0b', '\x1c', '\r', '\x1c\r', 'MSH|', '\rMSH|', 'x'),
    ),
    { maxLength: 30 },
  );

  it.each(['hl7-mllp', 'hl7-raw-tcp'] as const)('%s: the same frames however the bytes are cut', (name) => {
    fc.assert(
      fc.property(mllpPieces, fc.array(fc.nat(2000), { maxLength: 40 }), (pieces, cuts) => {
        const bytes = Uint8Array.from(Buffer.from(pieces.join(''), 'latin1'));
        const whole = frames(feed(profiles[name].createFramer(), bytes, []));
        const cut = frames(
          feed(
            profiles[name].createFramer(),
            bytes,
            [...cuts].sort((a, b) => a - b),
          ),
        );
        const single = frames(
          feed(
            profiles[name].createFramer(),
            bytes,
            Array.from({ length: bytes.length }, (_, i) => i),
          ),
        );
        expect(cut).toEqual(whole);
        expect(single).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
