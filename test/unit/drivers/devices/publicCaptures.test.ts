// Public captures and samples (test/fixtures/devices/public/serial/<profile>/, each cited in its SOURCES.md) through
// their profile: exactly the values, device time and per-field reasons the source states; and the Tanita
// framer with lines up to the MC-780's length in any chunking, garbage never a reading, an overlong line refused.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isProfileName, profiles } from '../../../../drivers/devices/profiles.std.js';
import type { DecodeResult, SkippedValue } from '../../../../drivers/devices/parsers/reading.std.js';
import type { FrameEvent } from '../../../../drivers/devices/parsers/framing.std.js';
import { TANITA_MODELS } from '../../../../drivers/devices/parsers/tanitaModels.std.js';
import { bytesOf, ctx, fixtureCase, splitAt } from '../../../factories/devices/deviceFixtures.js';

interface PublicCase {
  readonly name: string;
  readonly source: string;
  readonly provenance: string;
  readonly raw: string;
  readonly expect: {
    readonly values?: readonly { code: string; value: number; unit: string }[];
    readonly deviceTime?: string;
    readonly error?: string;
    readonly skipped?: Readonly<Record<string, readonly string[]>>;
  };
}

const root = join(import.meta.dirname, '../../../fixtures/devices/public/serial');
const folders = readdirSync(root);

/** Notes grouped by reason, each with the fields it names in order: how the cases file states them. */
function grouped(notes: readonly SkippedValue[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const note of notes ?? []) (out[note.reason] ??= []).push(note.source);
  return out;
}

function outcome(result: DecodeResult): PublicCase['expect'] {
  if (!result.ok) return { error: result.error.code, skipped: grouped(result.error.skipped) };
  const { values, deviceTime, skipped } = result.reading;
  return { values, ...(deviceTime === undefined ? {} : { deviceTime }), skipped: grouped(skipped) };
}

describe.each(folders)('public captures: %s', (folder) => {
  const data = JSON.parse(readFileSync(join(root, folder, 'cases.json'), 'utf8')) as {
    profile: string;
    cases: PublicCase[];
  };
  const sources = readFileSync(join(root, folder, 'SOURCES.md'), 'utf8');

  it('names a profile and cites every case source, marking constructed ones', () => {
    expect(isProfileName(data.profile)).toBe(true);
    for (const c of data.cases) {
      expect(sources).toContain(`**${c.source}**`);
      if (c.provenance.startsWith('constructed')) expect(sources).toMatch(/constructed from S\d/i);
    }
  });

  it.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (!isProfileName(data.profile)) throw new Error(`unknown profile ${data.profile}`);
    const result = profiles[data.profile].decode(bytesOf(c.raw), ctx(data.profile));
    expect(outcome(result)).toEqual({ ...c.expect, skipped: c.expect.skipped ?? {} });
  });
});

const mc780 = profiles['tanita-mc780'];

function framed(events: readonly FrameEvent[]): { frames: Uint8Array[]; garbage: string[] } {
  return {
    frames: events.flatMap((e) => (e.kind === 'frame' ? [e.bytes] : [])),
    garbage: events.flatMap((e) => (e.kind === 'garbage' ? [e.reason] : [])),
  };
}

describe('Tanita long lines', () => {
  const line = bytesOf(fixtureCase('tanita-mc780'));

  it('the MC-780 capture is longer than the old 1,024-byte cap and within its model cap', () => {
    expect(line.length).toBe(1273);
    expect(line.length).toBeLessThanOrEqual(TANITA_MODELS['tanita-mc780'].maxLineLength);
  });

  it('frames lines up to the MC-780 length whole in any chunking (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { maxLength: 40 }), (copies, cuts) => {
        const stream = new Uint8Array(line.length * copies);
        for (let i = 0; i < copies; i += 1) stream.set(line, i * line.length);
        const framer = mc780.createFramer();
        const events = splitAt(stream, cuts).flatMap((chunk) => framer.push(chunk));
        const { frames, garbage } = framed([...events, ...framer.flush()]);
        expect(garbage).toEqual([]);
        expect(frames).toHaveLength(copies);
        for (const frame of frames) expect(mc780.decode(frame, ctx('tanita-mc780')).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('garbage never yields a reading from any Tanita profile (fast-check)', () => {
    const names = Object.values(TANITA_MODELS).map((m) => m.profile);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.uint8Array({ maxLength: 2000 }), (name, noise) => {
        const profile = profiles[name];
        const framer = profile.createFramer();
        const { frames } = framed([...framer.push(noise), ...framer.flush()]);
        for (const frame of frames) expect(profile.decode(frame, ctx(name)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a line over the model cap is refused as device_frame_too_long, and the next line still reads', () => {
    const cap = TANITA_MODELS['tanita-mc780'].maxLineLength;
    const long = new TextEncoder().encode(`{0,16,${'9'.repeat(cap)}\r\n`);
    const framer = mc780.createFramer();
    const { frames, garbage } = framed([...framer.push(long), ...framer.push(line), ...framer.flush()]);
    expect(garbage).toEqual(['device_frame_too_long']);
    expect(frames).toHaveLength(1);
    expect(frames[0] && mc780.decode(frames[0], ctx('tanita-mc780')).ok).toBe(true);
  });
});
