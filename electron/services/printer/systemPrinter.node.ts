/**
 * The operating system's printer, behind one small interface so the service stays plain Node: the app passes
 * Electron's printing (electron/main/electronSystemPrinter.main.ts), browser mode a PDF made by Chromium
 * (chromiumPdfPrinter.node.ts), tests a stand-in. A failure is a PrinterSendError with its cause.
 */
import { PrinterSendError } from '../../../drivers/printer/printerTransport.node.js';

/** The slip as a page (drivers/printer/slipPage.std.ts) and its size. */
export interface SlipPage {
  readonly html: string;
  readonly widthMicrons: number;
  readonly heightMicrons: number;
}

export interface SystemPrinter {
  /** Prints the page on `deviceName` ('' for the default printer) within `timeoutMs`; says where it went. */
  print(page: SlipPage, deviceName: string, timeoutMs: number): Promise<{ readonly printer: string }>;
}

/** A process with no system printing (the doctor, tests that do not give one). */
export const NO_SYSTEM_PRINTER: SystemPrinter = {
  print: () => Promise.reject(new PrinterSendError('not_found', 'no system printing in this process')),
};
