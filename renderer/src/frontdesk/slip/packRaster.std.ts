/**
 * A drawn slip (canvas RGBA) to the printer's 1-bit raster: a dot is black when its luminance on white paper is
 * under the threshold. Thermal paper has no grey, so anti-aliased edges fall one way or the other.
 */
import type { Raster } from '../../../../electron/contract/printer.std.js';

export const DEFAULT_THRESHOLD = 160;

export function thresholdToRaster(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  threshold = DEFAULT_THRESHOLD,
): Raster {
  if (rgba.length !== width * height * 4) throw new RangeError(`rgba: ${rgba.length} bytes for ${width}×${height}`);
  const widthBytes = Math.ceil(width / 8);
  const data = new Uint8Array(widthBytes * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      const alpha = (rgba[at + 3] ?? 0) / 255;
      // Composite over white paper, then Rec. 601 luma.
      const luma =
        (0.299 * (rgba[at] ?? 0) + 0.587 * (rgba[at + 1] ?? 0) + 0.114 * (rgba[at + 2] ?? 0)) * alpha +
        255 * (1 - alpha);
      if (luma < threshold)
        data[y * widthBytes + (x >> 3)] = (data[y * widthBytes + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    }
  }
  return { widthBytes, height, data };
}

/** Drops blank rows at the bottom (paper is not free), keeping at least one. */
export function trimBottom(raster: Raster): Raster {
  let height = raster.height;
  while (
    height > 1 &&
    raster.data.subarray((height - 1) * raster.widthBytes, height * raster.widthBytes).every((byte) => byte === 0)
  )
    height -= 1;
  return { widthBytes: raster.widthBytes, height, data: raster.data.slice(0, height * raster.widthBytes) };
}
