// Loads the recorded/constructed frames kept under test/fixtures/devices.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRawText } from '../../../drivers/devices/parsers/reading.std.js';

export interface FixtureFrame {
  readonly raw: string;
  /** The frame text kept with the reading when it differs from raw (an id the device carries, written [id]). */
  readonly rawKept?: string;
  readonly expect?: { code: string; value: number; unit: string }[];
  readonly error?: string;
}

const dir = join(import.meta.dirname, '../../fixtures/devices');

export function fixture<T = { source: string; provenance: string; frames: FixtureFrame[] }>(name: string): T {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as T;
}

export function bytesOf(raw: string): Uint8Array {
  return fromRawText(raw);
}

export const ctx = (profile: string) => ({ profile, receivedAt: '2024-01-05T03:20:00.000Z' });

/** The raw line of a public capture's case (test/fixtures/devices/public/serial/<folder>/cases.json). */
export function fixtureCase(folder: string, index = 0): string {
  const data = JSON.parse(readFileSync(join(dir, 'public', 'serial', folder, 'cases.json'), 'utf8')) as {
    cases: { raw: string }[];
  };
  return data.cases[index]?.raw ?? '';
}

/** The bytes cut at the given offsets (taken modulo the length), for feeding a framer in arbitrary chunks. */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}
