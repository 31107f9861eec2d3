// Loads the recorded/constructed frames kept under test/fixtures/devices.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRawText } from '../../../drivers/devices/parsers/reading.std.js';

export interface FixtureFrame {
  readonly raw: string;
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
