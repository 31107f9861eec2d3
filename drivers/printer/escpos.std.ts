/**
 * ESC/POS for an 80 mm thermal printer, as a raster image: the slip is drawn in the page (Chromium shapes
 * Thai, which a printer's own code pages cannot), thresholded to 1 bit and sent as `GS v 0` bands. Pure:
 * the bytes only; the transports are in printerTransport.node.ts.
 */

/** A 1-bit image, rows of `widthBytes` bytes, most significant bit leftmost, 1 = black (printed). */
export interface Raster {
  readonly widthBytes: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** 80 mm paper at 203 dpi: 72 mm printable = 576 dots = 72 bytes a row. */
export const SLIP_WIDTH_DOTS = 576;
export const SLIP_WIDTH_BYTES = SLIP_WIDTH_DOTS / 8;
/** The tallest slip accepted (about 1.2 m of paper): a bigger raster is a bug, never a slip. */
export const MAX_SLIP_HEIGHT = 12_000;
/** Rows per `GS v 0` command: many printers buffer a band before printing it, and cheap ones cap it. */
export const BAND_ROWS = 256;

import { concatBytes } from '../bytes.std.js';

const ESC = 0x1b;
const GS = 0x1d;

export const INIT = Uint8Array.of(ESC, 0x40);

/** `ESC d n`: print and feed n lines. */
export function feedLines(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, clampByte(lines));
}

/** `GS V 66 n`: feed n dots to the cutter, then a partial cut (leaves a tab; what most 80 mm printers do). */
export function feedAndCut(dots: number): Uint8Array {
  return Uint8Array.of(GS, 0x56, 0x42, clampByte(dots));
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.trunc(value)));
}

/** Why a raster cannot be printed, or null. */
export function rasterProblem(raster: Raster): string | null {
  if (!Number.isInteger(raster.widthBytes) || raster.widthBytes < 1 || raster.widthBytes > SLIP_WIDTH_BYTES)
    return `width ${raster.widthBytes} bytes: 1–${SLIP_WIDTH_BYTES}`;
  if (!Number.isInteger(raster.height) || raster.height < 1 || raster.height > MAX_SLIP_HEIGHT)
    return `height ${raster.height}: 1–${MAX_SLIP_HEIGHT}`;
  if (raster.data.length !== raster.widthBytes * raster.height)
    return `data ${raster.data.length} bytes, expected ${raster.widthBytes * raster.height}`;
  return null;
}

/** `GS v 0 m=0 xL xH yL yH d…` for rows [from, to). */
function rasterBand(raster: Raster, from: number, to: number): Uint8Array {
  const rows = to - from;
  const header = Uint8Array.of(
    GS,
    0x76,
    0x30,
    0x00,
    raster.widthBytes & 0xff,
    raster.widthBytes >> 8,
    rows & 0xff,
    rows >> 8,
  );
  const band = new Uint8Array(header.length + rows * raster.widthBytes);
  band.set(header, 0);
  band.set(raster.data.subarray(from * raster.widthBytes, to * raster.widthBytes), header.length);
  return band;
}

/** Init, the raster in bands, feed past the tear bar, cut. Throws on a raster that is not printable. */
export function encodeSlip(
  raster: Raster,
  options: { readonly feed?: number; readonly cut?: boolean } = {},
): Uint8Array {
  const problem = rasterProblem(raster);
  if (problem !== null) throw new RangeError(`raster: ${problem}`);
  const parts: Uint8Array[] = [INIT];
  for (let from = 0; from < raster.height; from += BAND_ROWS)
    parts.push(rasterBand(raster, from, Math.min(raster.height, from + BAND_ROWS)));
  parts.push(feedLines(options.feed ?? 4));
  if (options.cut ?? true) parts.push(feedAndCut(0));
  return concatBytes(parts);
}
