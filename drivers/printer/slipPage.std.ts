/**
 * The queue slip as a page for the system printer (Electron's `webContents.print`, or Chromium's PDF in browser
 * mode): the same 1-bit raster the thermal printers get, as a BMP image at its printed size (203 dpi: 576 dots =
 * 72 mm) on an 80 mm page as tall as the slip. The page drew and shaped the Thai already, so the system printer
 * needs no font; the page has no script, and its only resource is the image inside it.
 */
import { bytesToBase64 } from '../../sync/model/base64.std.js';
import type { Raster } from './escpos.std.js';

/** Thermal printers' resolution: the raster's dots at this many per inch keep the slip at its printed size. */
export const SLIP_DPI = 203;
/** 80 mm paper; the raster (72 mm) is centred on it. */
export const SLIP_PAGE_WIDTH_MM = 80;
/** Blank paper above and below the slip on the page. */
const MARGIN_MM = 4;

const mm = (dots: number): number => (dots / SLIP_DPI) * 25.4;

/** The page's size in micrometres (Electron's `pageSize`), for a raster `height` dots tall. */
export function slipPageSize(raster: Pick<Raster, 'height'>): {
  readonly widthMicrons: number;
  readonly heightMicrons: number;
} {
  return {
    widthMicrons: SLIP_PAGE_WIDTH_MM * 1000,
    heightMicrons: Math.ceil((mm(raster.height) + 2 * MARGIN_MM) * 1000),
  };
}

/**
 * A 1-bit BMP of the raster: palette 0 white, 1 black (the raster's own bits), rows bottom-up and padded to
 * 4 bytes as BMP wants them.
 */
export function rasterBmp(raster: Raster): Uint8Array {
  const rowBytes = Math.ceil(raster.widthBytes / 4) * 4;
  const offset = 14 + 40 + 8;
  const size = offset + rowBytes * raster.height;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]); // "BM"
  view.setUint32(2, size, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, raster.widthBytes * 8, true);
  view.setInt32(22, raster.height, true); // positive: bottom-up rows
  view.setUint16(26, 1, true); // planes
  view.setUint16(28, 1, true); // bits per pixel
  view.setUint32(34, rowBytes * raster.height, true);
  const pixelsPerMetre = Math.round((SLIP_DPI / 25.4) * 1000);
  view.setInt32(38, pixelsPerMetre, true);
  view.setInt32(42, pixelsPerMetre, true);
  view.setUint32(46, 2, true); // colours used
  bytes.set([0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00], 54); // palette: 0 white, 1 black (B, G, R, 0)
  for (let row = 0; row < raster.height; row += 1) {
    const from = row * raster.widthBytes;
    bytes.set(raster.data.subarray(from, from + raster.widthBytes), offset + (raster.height - 1 - row) * rowBytes);
  }
  return bytes;
}

/** The slip page's HTML: one image at the slip's printed width on an 80 mm page its height, no margins of the printer's own. */
export function slipPageHtml(raster: Raster): string {
  const { heightMicrons } = slipPageSize(raster);
  const height = (heightMicrons / 1000).toFixed(2);
  const width = mm(raster.widthBytes * 8).toFixed(2);
  return [
    '<!doctype html>',
    '<html lang="th"><head><meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; style-src \'unsafe-inline\'">',
    '<title>บัตรคิว</title>',
    `<style>@page { size: ${String(SLIP_PAGE_WIDTH_MM)}mm ${height}mm; margin: 0 } html, body { margin: 0; background: #fff }`,
    ` img { display: block; width: ${width}mm; margin: ${String(MARGIN_MM)}mm auto; image-rendering: pixelated }</style>`,
    '</head><body>',
    `<img alt="บัตรคิว" src="data:image/bmp;base64,${bytesToBase64(rasterBmp(raster))}">`,
    '</body></html>',
  ].join('');
}
