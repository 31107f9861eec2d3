/**
 * Staff PINs hashed with scrypt (memory-hard: 2^15 × 8 × 128 B = 32 MiB per guess), so a copied station
 * database or secrets document does not give the PINs away cheaply. Stored as
 * `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`; verification reads the parameters back.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const LOG2_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** 4–12 digits, or a passphrase of 8–64 characters. */
export function pinProblem(pin: string): 'too_short' | 'too_long' | undefined {
  if (/^\d+$/.test(pin)) return pin.length < 4 ? 'too_short' : pin.length > 12 ? 'too_long' : undefined;
  return pin.length < 8 ? 'too_short' : pin.length > 64 ? 'too_long' : undefined;
}

function derive(pin: string, salt: Uint8Array, options: ScryptOptions, length: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, length, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error === null ? resolve(new Uint8Array(key)) : reject(error),
    );
  });
}

export async function hashPin(pin: string): Promise<string> {
  const salt = new Uint8Array(randomBytes(16));
  const key = await derive(pin, salt, { N: 2 ** LOG2_N, r: R, p: P }, KEY_LENGTH);
  return `scrypt$${String(LOG2_N)}$${String(R)}$${String(P)}$${Buffer.from(salt).toString('base64')}$${Buffer.from(key).toString('base64')}`;
}

/** False for a wrong PIN and for a hash this code cannot read (never throws on a malformed hash). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 4)
    return false;
  const salt = new Uint8Array(Buffer.from(parts[4] ?? '', 'base64'));
  const expected = new Uint8Array(Buffer.from(parts[5] ?? '', 'base64'));
  if (salt.length < 8 || expected.length !== KEY_LENGTH) return false;
  const key = await derive(pin, salt, { N: 2 ** logN, r, p }, expected.length);
  return timingSafeEqual(key, expected);
}
