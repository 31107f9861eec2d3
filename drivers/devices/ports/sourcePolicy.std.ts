/**
 * Who may feed a ward TCP listener, as pure decisions the listener applies: an allow-list of addresses and
 * subnets (IPv4 and IPv6, CIDR), connection caps per source and in total, and a per-source frame rate.
 * Nothing is allowed until IT sets a list: a listener without one refuses every connection.
 */

export interface ListenerPolicy {
  /** Addresses or CIDR subnets, e.g. "10.1.20.0/24", "10.1.20.7", "fd00:ward::/64". */
  readonly allow: readonly string[];
  readonly maxConnectionsPerSource: number;
  readonly maxConnections: number;
  /** A connection that sends nothing for this long is closed. */
  readonly idleTimeoutMs: number;
  /** Frames a source may send per minute (a monitor sends a few; a flood is refused). */
  readonly framesPerMinute: number;
}

export const DEFAULT_LISTENER_LIMITS = {
  maxConnectionsPerSource: 4,
  maxConnections: 32,
  idleTimeoutMs: 5 * 60_000,
  framesPerMinute: 120,
} as const;

export type RefusalCode = 'device_source_not_allowed' | 'device_source_too_many_connections' | 'device_listener_full';

interface Subnet {
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255 || (part.length > 1 && part.startsWith('0'))) return undefined;
    bytes[i] = Number(part);
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): string[] => (half === undefined || half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const words: number[] = [];
  const last = tail.length > 0 ? tail : head;
  const dotted = last.at(-1)?.includes('.') === true ? parseIpv4(last.pop() ?? '') : null;
  if (dotted === undefined) return undefined;
  const embedded =
    dotted === null ? [] : [((dotted[0] ?? 0) << 8) | (dotted[1] ?? 0), ((dotted[2] ?? 0) << 8) | (dotted[3] ?? 0)];
  const total = head.length + tail.length + embedded.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  for (const group of [...head, ...Array<string>(8 - total).fill('0'), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    words.push(Number.parseInt(group, 16));
  }
  words.push(...embedded);
  const bytes = new Uint8Array(16);
  for (const [i, word] of words.entries()) {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  }
  return bytes;
}

const mappedPrefix = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** An address as bytes: 4 for IPv4 (also an IPv4-mapped IPv6 peer, as a dual-stack socket reports it), 16 for IPv6. */
export function parseAddress(text: string): Uint8Array | undefined {
  const bare = text.replace(/%.*$/, ''); // an IPv6 zone (fe80::1%eth0) does not change who it is
  if (!bare.includes(':')) return parseIpv4(bare);
  const bytes = parseIpv6(bare);
  if (bytes !== undefined && mappedPrefix.every((b, i) => bytes[i] === b)) return bytes.slice(12);
  return bytes;
}

/** "address" or "address/prefix"; undefined when it is neither (the caller reports device_allow_invalid). */
export function parseSubnet(text: string): Subnet | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const bytes = parseAddress(address);
  if (bytes === undefined) return undefined;
  const bits = bytes.length * 8;
  if (prefixText === undefined) return { bytes, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { bytes, prefix: Number(prefixText) };
}

function within(subnet: Subnet, address: Uint8Array): boolean {
  if (subnet.bytes.length !== address.length) return false;
  for (let bit = 0; bit < subnet.prefix; bit += 8) {
    const mask = bit + 8 <= subnet.prefix ? 0xff : (0xff << (8 - (subnet.prefix - bit))) & 0xff;
    const i = bit / 8;
    if (((subnet.bytes[i] ?? 0) & mask) !== ((address[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Whether `peer` (as the socket reports it) is in one of the allowed subnets. An unparsable peer never is. */
export function isAllowed(allow: readonly string[], peer: string): boolean {
  const address = parseAddress(peer);
  if (address === undefined) return false;
  return allow.some((entry) => {
    const subnet = parseSubnet(entry);
    return subnet !== undefined && within(subnet, address);
  });
}

/** The entries of `allow` that are not an address or subnet. */
export function invalidEntries(allow: readonly string[]): string[] {
  return allow.filter((entry) => parseSubnet(entry) === undefined);
}

/** The key a source is counted under: its address, normalised (so "::ffff:10.0.0.1" and "10.0.0.1" are one source). */
export function sourceKey(peer: string): string {
  const bytes = parseAddress(peer);
  if (bytes === undefined) return peer;
  if (bytes.length === 4) return bytes.join('.');
  return Array.from({ length: 8 }, (_, i) => (((bytes[i * 2] ?? 0) << 8) | (bytes[i * 2 + 1] ?? 0)).toString(16)).join(
    ':',
  );
}

/**
 * Whether a new connection from `peer` is admitted, given the connections open now per source key. Null means
 * admit; a policy that is not set refuses everyone.
 */
export function admit(
  policy: ListenerPolicy | undefined,
  open: ReadonlyMap<string, number>,
  peer: string,
): RefusalCode | null {
  if (policy === undefined || !isAllowed(policy.allow, peer)) return 'device_source_not_allowed';
  let total = 0;
  for (const count of open.values()) total += count;
  if (total >= policy.maxConnections) return 'device_listener_full';
  if ((open.get(sourceKey(peer)) ?? 0) >= policy.maxConnectionsPerSource) return 'device_source_too_many_connections';
  return null;
}

/**
 * Frames per minute per source as a token bucket: a source may send `perMinute` frames at once, then one every
 * 60 s / perMinute. Time is passed in, so the decision is pure and testable.
 */
export class FrameRate {
  readonly #perMinute: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(perMinute: number) {
    this.#perMinute = perMinute;
  }

  /** Takes one frame's token for `source` at `nowMs`; false when the source is over its rate. */
  take(source: string, nowMs: number): boolean {
    const bucket = this.#buckets.get(source) ?? { tokens: this.#perMinute, at: nowMs };
    const refill = (Math.max(0, nowMs - bucket.at) * this.#perMinute) / 60_000;
    const tokens = Math.min(this.#perMinute, bucket.tokens + refill);
    const allowed = tokens >= 1;
    this.#buckets.set(source, { tokens: allowed ? tokens - 1 : tokens, at: nowMs });
    if (this.#buckets.size > 4096) this.#forgetFull(nowMs);
    return allowed;
  }

  /** Sources whose bucket has refilled carry no state worth keeping: a scan of many addresses cannot grow memory. */
  #forgetFull(nowMs: number): void {
    for (const [source, bucket] of this.#buckets) {
      if (bucket.tokens + ((nowMs - bucket.at) * this.#perMinute) / 60_000 >= this.#perMinute)
        this.#buckets.delete(source);
    }
  }
}
