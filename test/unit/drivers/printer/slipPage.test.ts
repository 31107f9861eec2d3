// The slip as a page for the system printer (drivers/printer/slipPage.std.ts) and the printer failures read from
// the operating system (printerFailure.std.ts): the BMP holds the raster's own dots, top row first once read back;
// the page is 80 mm wide and as tall as the slip; usblp's errnos and Electron's reasons become catalogued codes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rasterBmp, slipPageHtml, slipPageSize } from '../../../../drivers/printer/slipPage.std.js';
import { systemPrintFailure, usbFailure } from '../../../../drivers/printer/printerFailure.std.js';
import { isErrorCode } from '../../../../electron/contract/errors.std.js';
import { PrinterSettings } from '../../../../electron/contract/printer.std.js';

/** The dot at (x, y) of a 1-bit bottom-up BMP, 1 = palette entry 1 (black). */
function bmpDot(bmp: Uint8Array, x: number, y: number): number {
  const view = new DataView(bmp.buffer, bmp.byteOffset);
  const offset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const height = view.getInt32(22, true);
  const rowBytes = Math.ceil(width / 32) * 4;
  const byte = bmp[offset + (height - 1 - y) * rowBytes + (x >> 3)] ?? 0;
  return (byte >> (7 - (x & 7))) & 1;
}

describe('the slip page for the system printer', () => {
  it('the BMP has every dot of the raster where the raster has it (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 12 }),
        fc.uint8Array({ minLength: 108, maxLength: 108 }),
        (widthBytes, height, seed) => {
          const data = Uint8Array.from({ length: widthBytes * height }, (_, index) => seed[index % seed.length] ?? 0);
          const bmp = rasterBmp({ widthBytes, height, data });
          expect(String.fromCharCode(bmp[0] ?? 0, bmp[1] ?? 0)).toBe('BM');
          expect(new DataView(bmp.buffer).getUint32(2, true)).toBe(bmp.length);
          for (let y = 0; y < height; y += 1) {
            for (let x = 0; x < widthBytes * 8; x += 1)
              expect(bmpDot(bmp, x, y)).toBe(((data[y * widthBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is an 80 mm page as tall as the slip, with no script and nothing fetched', () => {
    const raster = { widthBytes: 72, height: 406, data: new Uint8Array(72 * 406) };
    expect(slipPageSize(raster)).toEqual({ widthMicrons: 80_000, heightMicrons: 58_800 });
    const html = slipPageHtml(raster);
    expect(html).toContain('@page { size: 80mm 58.80mm; margin: 0 }');
    expect(html).toContain('width: 72.07mm');
    expect(html).not.toMatch(/<script|https?:/);
  });
});

describe('printer failures from the operating system', () => {
  it('usblp errnos and Electron print reasons each give a catalogued code', () => {
    expect(['ENOENT', 'ENODEV', 'EBUSY', undefined].map(usbFailure)).toEqual([
      'unreachable',
      'unreachable',
      'unreachable',
      'unreachable',
    ]);
    expect(['EACCES', 'ENOSPC', 'EIO'].map(usbFailure)).toEqual(['no_permission', 'paper_out', 'offline']);
    expect(['Invalid deviceName provided', 'Print job failed', 'printer is offline'].map(systemPrintFailure)).toEqual([
      'not_found',
      'system_failed',
      'offline',
    ]);
    for (const failure of [
      'unreachable',
      'timeout',
      'paper_out',
      'offline',
      'no_permission',
      'not_found',
      'system_failed',
    ])
      expect(isErrorCode(`printer_${failure}`)).toBe(true);
  });

  it('IT may name a USB device under /dev only', () => {
    expect(PrinterSettings.safeParse({ transport: 'usb', path: '/dev/usb/lp0' }).success).toBe(true);
    for (const path of ['/etc/passwd', '/dev/../etc/shadow', 'lp0', '/dev/usb/lp0;rm'])
      expect(PrinterSettings.safeParse({ transport: 'usb', path }).success).toBe(false);
    expect(PrinterSettings.parse({ transport: 'system' })).toEqual({ transport: 'system', deviceName: '' });
  });
});
