/**
 * The queue-slip printer: IT sets this station's receipt printer (raw TCP, usually port 9100, a serial port, a USB
 * printer-class device such as /dev/usb/lp0, or the system printer through Electron's printing); the front desk and nurses print a slip the page drew and thresholded to 1 bit (see
 * drivers/printer/escpos.std.ts). The slip carries no name or citizen id, only the queue number and visit.
 */
import { z } from 'zod';
import { command } from './define.std.js';

export { SLIP_WIDTH_DOTS, type Raster } from '../../drivers/printer/escpos.std.js';

/** A host name or an IPv4/IPv6 address, nothing that could smuggle options or paths. */
const PrinterHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'printer host: a name or an address');

/**
 * A device node under /dev (usblp's /dev/usb/lpN; a pty stands in for one in tests), never a path that climbs
 * out of /dev or names a regular file elsewhere: main opens it for writing.
 */
const UsbPrinterPath = z
  .string()
  .trim()
  .max(200)
  .regex(/^\/dev\/[A-Za-z0-9_/.-]+$/, 'printer device: a path under /dev, such as /dev/usb/lp0')
  .refine((path) => !path.split('/').includes('..'), 'printer device: a path under /dev, such as /dev/usb/lp0');

export const PrinterSettings = z.discriminatedUnion('transport', [
  z
    .object({ transport: z.literal('tcp'), host: PrinterHost, port: z.number().int().min(1).max(65535).default(9100) })
    .strict(),
  z
    .object({
      transport: z.literal('serial'),
      path: z.string().trim().min(1).max(200),
      baudRate: z.number().int().min(1200).max(921_600).default(9600),
    })
    .strict(),
  /** A USB printer-class device node (Linux usblp: /dev/usb/lp0): ESC/POS bytes written to it as to a file. */
  z.object({ transport: z.literal('usb'), path: UsbPrinterPath }).strict(),
  /** The operating system's printer by name ('' for the default): the slip as a page through Electron's printing. */
  z.object({ transport: z.literal('system'), deviceName: z.string().trim().max(200).default('') }).strict(),
  z.object({ transport: z.literal('none') }).strict(),
]);
export type PrinterSettings = z.output<typeof PrinterSettings>;

/** Rows of `widthBytes` bytes, MSB leftmost, 1 = black; base64 on the wire. */
export const SlipRaster = z
  .object({
    widthBytes: z.number().int().min(1).max(72),
    height: z.number().int().min(1).max(12_000),
    base64: z.base64().max(1_200_000),
  })
  .strict();
export type SlipRaster = z.infer<typeof SlipRaster>;

export const PrintSlipInput = z
  .object({
    /** The visit the slip is for (audited; never a patient identifier). */
    encounterId: z.string().min(1).max(100),
    raster: SlipRaster,
    /** A reprint from today's queue (audited as such). */
    reprint: z.boolean().default(false),
  })
  .strict();

export const printerCommands = {
  'printer.settings': command(z.object({}).strict(), PrinterSettings),
  'printer.configure': command(PrinterSettings, PrinterSettings),
  'printer.printSlip': command(PrintSlipInput, z.object({ bytes: z.number().int(), printer: z.string() })),
} as const;
