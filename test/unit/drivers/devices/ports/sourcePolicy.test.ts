/** The ward listener's pure decisions: who is in the allow-list, connection caps, the per-source frame rate. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  admit,
  FrameRate,
  invalidEntries,
  isAllowed,
  sourceKey,
  type ListenerPolicy,
} from '../../../../../drivers/devices/ports/sourcePolicy.std.js';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const toInt = (address: string): number => address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
const words = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 });
const ipv6 = (w: readonly number[]): string => w.map((x) => x.toString(16)).join(':');
const big6 = (w: readonly number[]): bigint => w.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);

const policy = (over: Partial<ListenerPolicy> = {}): ListenerPolicy => ({
  allow: ['127.0.0.1'],
  maxConnectionsPerSource: 2,
  maxConnections: 3,
  idleTimeoutMs: 1000,
  framesPerMinute: 60,
  ...over,
});

describe('allow-list matching', () => {
  it('an IPv4 subnet holds exactly the addresses whose first prefix bits are its own', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), ipv4, (net, prefix, peer) => {
        const shift = BigInt(32 - prefix);
        const expected = BigInt(toInt(net)) >> shift === BigInt(toInt(peer)) >> shift;
        expect(isAllowed([`${net}/${String(prefix)}`], peer)).toBe(expected);
      }),
    );
  });

  it('an IPv6 subnet holds exactly the addresses whose first prefix bits are its own, written long or compressed', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 0, max: 128 }), words, fc.boolean(), (net, prefix, peer, same) => {
        const peerWords = same ? net : peer;
        const shift = BigInt(128 - prefix);
        const expected = big6(net) >> shift === big6(peerWords) >> shift;
        expect(isAllowed([`${ipv6(net)}/${String(prefix)}`], ipv6(peerWords))).toBe(expected);
      }),
    );
    expect(isAllowed(['fd00:10::/32'], 'fd00:10:0:0:0:0:0:7')).toBe(true);
    expect(isAllowed(['fd00:10::/32'], 'fd00:11::7')).toBe(false);
    expect(isAllowed(['::1'], '0:0:0:0:0:0:0:1')).toBe(true);
  });

  it('a dual-stack peer (::ffff:a.b.c.d) is the IPv4 source it wraps, and never matches an unrelated family', () => {
    fc.assert(
      fc.property(ipv4, (address) => {
        expect(isAllowed([address], `::ffff:${address}`)).toBe(true);
        expect(sourceKey(`::ffff:${address}`)).toBe(sourceKey(address));
        expect(isAllowed(['::/0'], address)).toBe(false);
      }),
    );
  });

  it('nothing is allowed by an empty list, and bad entries are named', () => {
    fc.assert(
      fc.property(ipv4, (address) => {
        expect(isAllowed([], address)).toBe(false);
      }),
    );
    expect(
      invalidEntries(['10.0.0.0/8', '10.0.0.256', '10.0.0.0/33', 'ward-3', '1::2::3', 'fe80::1/64', '10.0.0.1/8/1']),
    ).toEqual(['10.0.0.256', '10.0.0.0/33', 'ward-3', '1::2::3', '10.0.0.1/8/1']);
    expect(isAllowed(['10.0.0.0/8'], 'not-an-address')).toBe(false);
  });
});

describe('connection caps', () => {
  it('never admits a source not allowed, nor more than the caps, whatever the order of connects and closes', () => {
    const peers = ['127.0.0.1', '::ffff:127.0.0.1', '127.0.0.2', '10.0.0.9'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(peers.length - 1)), { maxLength: 60 }), (steps) => {
        const p = policy({ allow: ['127.0.0.0/8'] });
        const open = new Map<string, number>();
        for (const [connect, which] of steps) {
          const peer = peers[which] ?? '';
          const key = sourceKey(peer);
          if (!connect) {
            if ((open.get(key) ?? 0) > 0) open.set(key, (open.get(key) ?? 0) - 1);
            continue;
          }
          const refusal = admit(p, open, peer);
          if (peer === '10.0.0.9') expect(refusal).toBe('device_source_not_allowed');
          if (refusal === null) open.set(key, (open.get(key) ?? 0) + 1);
          expect(open.get(key) ?? 0).toBeLessThanOrEqual(p.maxConnectionsPerSource);
          expect([...open.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(p.maxConnections);
        }
      }),
    );
  });

  it('a listener with no allow-list set refuses everyone', () => {
    expect(admit(undefined, new Map(), '127.0.0.1')).toBe('device_source_not_allowed');
  });
});

describe('frame rate per source', () => {
  it('accepts at most perMinute plus what the elapsed time refills, per source', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(5000), fc.boolean()), { minLength: 1, maxLength: 200 }),
        (perMinute, steps) => {
          const rate = new FrameRate(perMinute);
          let now = 0;
          const accepted = { a: 0, b: 0 };
          for (const [gap, isA] of steps) {
            now += gap;
            if (rate.take(isA ? 'a' : 'b', now)) accepted[isA ? 'a' : 'b'] += 1;
          }
          const bound = perMinute + Math.floor((now * perMinute) / 60_000);
          expect(accepted.a).toBeLessThanOrEqual(bound);
          expect(accepted.b).toBeLessThanOrEqual(bound);
        },
      ),
    );
  });

  it('a source keeping to its rate is never refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 300 }), (perMinute, frames) => {
        const rate = new FrameRate(perMinute);
        const spacing = Math.ceil(60_000 / perMinute);
        for (let i = 0; i < frames; i += 1) expect(rate.take('monitor', i * spacing)).toBe(true);
      }),
    );
  });
});
