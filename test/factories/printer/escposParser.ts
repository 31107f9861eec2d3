/**
 * Reads the ESC/POS a receipt printer would receive, for the tests' virtual printer: init, `GS v 0` raster
 * bands, `ESC d` feeds and `GS V` cuts. Anything else is kept as an unknown byte, so a test sees exactly what
 * the encoder sent. An incomplete command at the end is `pending` (more bytes may come over TCP).
 */
import type { Raster } from '../../../drivers/printer/escpos.std.js';

export type EscPosCommand =
  | { readonly kind: 'init' }
  | { readonly kind: 'raster'; readonly mode: number; readonly raster: Raster }
  | { readonly kind: 'feed'; readonly lines: number }
  | { readonly kind: 'cut'; readonly mode: number; readonly feedDots: number }
  | { readonly kind: 'unknown'; readonly byte: number };

export interface ParseResult {
  readonly commands: readonly EscPosCommand[];
  /** Bytes of a command that has not fully arrived. */
  readonly pending: number;
}

export function parseEscPos(bytes: Uint8Array): ParseResult {
  const commands: EscPosCommand[] = [];
  let at = 0;
  const need = (count: number): boolean => at + count <= bytes.length;
  while (at < bytes.length) {
    const b0 = bytes[at] ?? 0;
    const b1 = bytes[at + 1];
    if (b0 === 0x1b && b1 === undefined) break;
    if (b0 === 0x1d && b1 === undefined) break;
    if (b0 === 0x1b && b1 === 0x40) {
      commands.push({ kind: 'init' });
      at += 2;
    } else if (b0 === 0x1b && b1 === 0x64) {
      if (!need(3)) break;
      commands.push({ kind: 'feed', lines: bytes[at + 2] ?? 0 });
      at += 3;
    } else if (b0 === 0x1d && b1 === 0x76) {
      if (!need(8)) break;
      if (bytes[at + 2] !== 0x30) {
        commands.push({ kind: 'unknown', byte: b0 });
        at += 1;
        continue;
      }
      const mode = bytes[at + 3] ?? 0;
      const widthBytes = (bytes[at + 4] ?? 0) | ((bytes[at + 5] ?? 0) << 8);
      const height = (bytes[at + 6] ?? 0) | ((bytes[at + 7] ?? 0) << 8);
      if (!need(8 + widthBytes * height)) break;
      commands.push({
        kind: 'raster',
        mode,
        raster: { widthBytes, height, data: bytes.slice(at + 8, at + 8 + widthBytes * height) },
      });
      at += 8 + widthBytes * height;
    } else if (b0 === 0x1d && b1 === 0x56) {
      if (!need(3)) break;
      const mode = bytes[at + 2] ?? 0;
      // GS V m (m = 0, 1, 48, 49) or GS V m n (m = 65, 66: feed n dots first).
      if (mode === 65 || mode === 66) {
        if (!need(4)) break;
        commands.push({ kind: 'cut', mode, feedDots: bytes[at + 3] ?? 0 });
        at += 4;
      } else {
        commands.push({ kind: 'cut', mode, feedDots: 0 });
        at += 3;
      }
    } else {
      commands.push({ kind: 'unknown', byte: b0 });
      at += 1;
    }
  }
  return { commands, pending: bytes.length - at };
}

/** The raster bands one after the other as one image (the width of the widest band). */
export function joinRasters(commands: readonly EscPosCommand[]): Raster | null {
  const bands = commands.flatMap((command) => (command.kind === 'raster' ? [command.raster] : []));
  if (bands.length === 0) return null;
  const widthBytes = Math.max(...bands.map((band) => band.widthBytes));
  const height = bands.reduce((sum, band) => sum + band.height, 0);
  const data = new Uint8Array(widthBytes * height);
  let row = 0;
  for (const band of bands) {
    for (let y = 0; y < band.height; y += 1)
      data.set(band.data.subarray(y * band.widthBytes, (y + 1) * band.widthBytes), (row + y) * widthBytes);
    row += band.height;
  }
  return { widthBytes, height, data };
}
