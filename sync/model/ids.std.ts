/**
 * Document ids. A Patient's id is an HMAC-SHA256 of the citizen id under the hospital's secret key, so two
 * stations of one hospital that register the same person offline write the same `_id` (a CouchDB conflict
 * the rules settle) and never two patients; without the key nobody can test a guessed CID against an id.
 * Encounters and Observations get time-ordered ids that sort by creation and never collide between stations.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const CID_PATTERN = /^\d{13}$/;

/** Hex HMAC-SHA256 of a 13-digit CID: the audit log's subject hash and the seed of the Patient id. */
export function hashCid(key: Uint8Array, cid: string): string {
  if (key.length < 16) throw new Error('hospital key too short');
  if (!CID_PATTERN.test(cid)) throw new Error('citizen id must be 13 digits');
  return bytesToHex(hmac(sha256, key, new TextEncoder().encode(`th-cid:${cid}`)));
}

/** The Patient id for a CID: 40 hex characters (160 bits) of the keyed hash, prefixed so it starts with a letter. */
export function patientIdForCid(key: Uint8Array, cid: string): string {
  return `p${hashCid(key, cid).slice(0, 40)}`;
}

/** Sortable base32 (0-9a-v): ASCII order equals numeric order, so ids sort by time. */
const ALPHABET = '0123456789abcdefghijklmnopqrstuv';

function base32(value: number, width: number): string {
  let out = '';
  let rest = Math.floor(value);
  for (let i = 0; i < width; i += 1) {
    out = (ALPHABET[rest % 32] ?? '0') + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function stationTag(stationId: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(stationId))).slice(0, 4);
}

export interface IdFactoryOptions {
  readonly stationId: string;
  readonly now: () => number;
  /** Cryptographic random bytes (crypto.getRandomValues in the renderer, node:crypto in Node). */
  readonly randomBytes: (length: number) => Uint8Array;
}

export type IdFactory = () => string;

/**
 * `<10 time><4 station><3 sequence><5 random>`, 22 characters. The time part never goes backwards within a
 * run (a clock stepped back keeps the last time and bumps the sequence), the station part keeps two stations
 * apart, and the random part keeps two runs of one station apart when the clock was reset.
 */
export function createIdFactory(options: IdFactoryOptions): IdFactory {
  const station = stationTag(options.stationId);
  let lastTime = 0;
  let sequence = 0;
  return function nextId(): string {
    const now = Math.max(0, Math.floor(options.now()));
    if (now > lastTime) {
      lastTime = now;
      sequence = 0;
    } else {
      sequence += 1;
      if (sequence >= 32 ** 3) {
        lastTime += 1;
        sequence = 0;
      }
    }
    const random = options.randomBytes(4);
    const randomValue =
      ((random[0] ?? 0) * 2 ** 24 + (random[1] ?? 0) * 2 ** 16 + (random[2] ?? 0) * 256 + (random[3] ?? 0)) % 32 ** 5;
    return `${base32(lastTime, 10)}${station}${base32(sequence, 3)}${base32(randomValue, 5)}`;
  };
}

/** Creation time (ms) of a time-ordered id, for queries by day. */
export function idTime(id: string): number {
  let value = 0;
  for (const char of id.slice(0, 10)) value = value * 32 + ALPHABET.indexOf(char);
  return value;
}

/** 32 random bytes as hex: a new hospital key (central provisioning makes it once per hospital). */
export function newHospitalKeyHex(randomBytes: (length: number) => Uint8Array): string {
  return bytesToHex(randomBytes(32));
}

export function hexToKey(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('hospital key must be 64 hex characters');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
