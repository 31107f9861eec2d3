import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latestThrottle } from '../../../../../renderer/src/sync/latestThrottle.std.js';
import { manualTimers } from '../../../../factories/manualTimers.js';

describe('latest-value throttle for replication reports', () => {
  it('sends the first at once, then only the newest once per interval', () => {
    const clock = manualTimers();
    const sent: number[] = [];
    const throttle = latestThrottle((value: number) => sent.push(value), 500, clock);
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    expect(sent).toEqual([1]);
    clock.advance(499);
    expect(sent).toEqual([1]);
    clock.advance(1);
    expect(sent).toEqual([1, 3]);
    clock.advance(2_000);
    throttle.push(4);
    expect(sent).toEqual([1, 3, 4]);
  });

  it('flush sends the waiting value now; cancel drops it', () => {
    const clock = manualTimers();
    const sent: number[] = [];
    const throttle = latestThrottle((value: number) => sent.push(value), 500, clock);
    throttle.push(1);
    throttle.push(2);
    throttle.flush();
    expect(sent).toEqual([1, 2]);
    throttle.push(3);
    throttle.cancel();
    clock.advance(5_000);
    expect(sent).toEqual([1, 2]);
  });

  it('never sends more than one per interval and always ends with the last value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1_200), fc.integer()), { minLength: 1, maxLength: 60 }), (steps) => {
        const clock = manualTimers();
        const sent: { at: number; value: number }[] = [];
        const throttle = latestThrottle((value: number) => sent.push({ at: clock.now(), value }), 500, clock);
        for (const [gap, value] of steps) {
          clock.advance(gap);
          throttle.push(value);
        }
        clock.advance(600);
        expect(sent.at(-1)?.value).toBe(steps.at(-1)?.[1]);
        const gaps = sent.slice(1).map((item, index) => item.at - (sent[index]?.at ?? Number.NEGATIVE_INFINITY));
        for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(500);
      }),
    );
  });
});
