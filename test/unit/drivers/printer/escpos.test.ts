// The ESC/POS encoder read back through the virtual printer's parser: whatever the bitmap, the printer gets
// init first, exactly that image in GS v 0 bands, a feed and a cut.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BAND_ROWS,
  encodeSlip,
  rasterProblem,
  SLIP_WIDTH_BYTES,
  type Raster,
} from '../../../../drivers/printer/escpos.std.js';
import { joinRasters, parseEscPos } from '../../../factories/printer/escposParser.js';

const rasterArb = fc
  .record({ widthBytes: fc.integer({ min: 1, max: SLIP_WIDTH_BYTES }), height: fc.integer({ min: 1, max: 700 }) })
  .chain(({ widthBytes, height }) =>
    fc
      .uint8Array({ minLength: widthBytes * height, maxLength: widthBytes * height })
      .map((data): Raster => ({ widthBytes, height, data })),
  );

describe('ESC/POS raster encoding', () => {
  it('a slip is init, GS v 0 with the exact header bytes, feed, partial cut', () => {
    const raster: Raster = { widthBytes: 2, height: 3, data: Uint8Array.of(0x80, 0x01, 0xff, 0x00, 0x0f, 0xf0) };
    expect([...encodeSlip(raster, { feed: 3 })]).toEqual([
      0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 2, 0, 3, 0, 0x80, 0x01, 0xff, 0x00, 0x0f, 0xf0, 0x1b, 0x64, 3, 0x1d, 0x56,
      0x42, 0,
    ]);
  });

  it('round trip: any bitmap comes back whole from the parser, in bands of at most 256 rows', () => {
    fc.assert(
      fc.property(rasterArb, (raster) => {
        const { commands, pending } = parseEscPos(encodeSlip(raster));
        expect(pending).toBe(0);
        expect(commands[0]).toEqual({ kind: 'init' });
        expect(commands.at(-1)).toMatchObject({ kind: 'cut' });
        expect(commands.some((command) => command.kind === 'unknown')).toBe(false);
        const bands = commands.filter((command) => command.kind === 'raster');
        expect(bands).toHaveLength(Math.ceil(raster.height / BAND_ROWS));
        for (const band of bands) expect(band.raster.height).toBeLessThanOrEqual(BAND_ROWS);
        const joined = joinRasters(commands);
        expect(joined?.widthBytes).toBe(raster.widthBytes);
        expect(joined?.height).toBe(raster.height);
        expect(Buffer.from(joined?.data ?? []).equals(Buffer.from(raster.data))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a stream cut anywhere leaves the rest pending, never a wrong command', () => {
    fc.assert(
      fc.property(rasterArb, fc.double({ min: 0, max: 1, noNaN: true }), (raster, fraction) => {
        const bytes = encodeSlip(raster);
        const cut = Math.floor(bytes.length * fraction);
        const { commands, pending } = parseEscPos(bytes.subarray(0, cut));
        expect(commands.some((command) => command.kind === 'unknown')).toBe(false);
        expect(commands.length + (pending > 0 ? 1 : 0)).toBeLessThanOrEqual(parseEscPos(bytes).commands.length);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses what no 80 mm printer can print', () => {
    expect(rasterProblem({ widthBytes: 73, height: 1, data: new Uint8Array(73) })).toMatch(/width/);
    expect(rasterProblem({ widthBytes: 72, height: 0, data: new Uint8Array(0) })).toMatch(/height/);
    expect(rasterProblem({ widthBytes: 72, height: 2, data: new Uint8Array(143) })).toMatch(/data/);
    expect(() => encodeSlip({ widthBytes: 72, height: 2, data: new Uint8Array(143) })).toThrow(RangeError);
    expect(rasterProblem({ widthBytes: 72, height: 2, data: new Uint8Array(144) })).toBeNull();
  });
});
