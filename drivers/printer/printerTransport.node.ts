/**
 * Sends ESC/POS bytes to a receipt printer: raw TCP (port 9100, what network thermal printers listen on), a
 * serial port, or a USB printer-class device (Linux usblp, /dev/usb/lpN: written as a file). A printer that is off
 * answers nothing or refuses; one out of paper stops reading, so the write stalls: every send ends within
 * `timeoutMs` and says why (usblp also reports paper out and offline as errnos: printerFailure.std.ts).
 */
import { connect } from 'node:net';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { usbFailure, type PrinterFailure } from './printerFailure.std.js';

export type { PrinterFailure };

export type PrinterTarget =
  | { readonly transport: 'tcp'; readonly host: string; readonly port: number }
  | { readonly transport: 'serial'; readonly path: string; readonly baudRate: number }
  | { readonly transport: 'usb'; readonly path: string };

export class PrinterSendError extends Error {
  readonly failure: PrinterFailure;
  constructor(failure: PrinterFailure, message: string) {
    super(message);
    this.name = 'PrinterSendError';
    this.failure = failure;
  }
}

export const DEFAULT_PRINT_TIMEOUT_MS = 10_000;

export function describeTarget(target: PrinterTarget): string {
  switch (target.transport) {
    case 'tcp':
      return `tcp:${target.host}:${target.port}`;
    case 'serial':
      return `serial:${target.path}@${target.baudRate}`;
    case 'usb':
      return `usb:${target.path}`;
  }
}

export function sendToPrinter(
  target: PrinterTarget,
  bytes: Uint8Array,
  timeoutMs = DEFAULT_PRINT_TIMEOUT_MS,
): Promise<void> {
  switch (target.transport) {
    case 'tcp':
      return sendTcp(target.host, target.port, bytes, timeoutMs);
    case 'serial':
      return sendSerial(target.path, target.baudRate, bytes, timeoutMs);
    case 'usb':
      return sendUsb(target.path, bytes, timeoutMs);
  }
}

/**
 * A printer-class device is written like a file: opened write-only and never created (a missing device is "no
 * printer", not a new file), written whole, closed. A write usblp holds (paper out with its error reporting off)
 * cannot be cancelled: the send times out and the device is closed once the write returns.
 */
async function sendUsb(path: string, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  const failed = (error: unknown): PrinterSendError => {
    const code = (error as NodeJS.ErrnoException).code;
    return new PrinterSendError(usbFailure(code), `${path}: ${code ?? String(error)}`);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PrinterSendError('timeout', `${path}: not written within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const write = (async () => {
    const handle = await open(path, constants.O_WRONLY | constants.O_NOCTTY).catch((error: unknown) => {
      throw failed(error);
    });
    try {
      for (let written = 0; written < bytes.length; ) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
        written += bytesWritten;
      }
    } catch (error) {
      throw failed(error);
    } finally {
      await handle.close().catch(() => undefined);
    }
  })();
  try {
    await Promise.race([write, timeout]);
  } finally {
    clearTimeout(timer);
    // A write still held by the device settles later: its outcome was already reported as the timeout.
    write.catch(() => undefined);
  }
}

function sendTcp(host: string, port: number, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let settled = false;
    const finish = (error: PrinterSendError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error === null) resolve();
      else reject(error);
    };
    const timer = setTimeout(
      () => finish(new PrinterSendError('timeout', `${host}:${port}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish(new PrinterSendError('unreachable', `${host}:${port}: ${error.code ?? error.message}`)),
    );
    socket.once('connect', () => {
      // end() flushes everything written, then closes our side: 'finish' means the kernel has all the bytes.
      socket.end(bytes, () => finish(null));
    });
  });
}

function sendSerial(path: string, baudRate: number, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    let settled = false;
    const finish = (error: PrinterSendError | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (port.isOpen) port.close(() => undefined);
      if (error === null) resolve();
      else reject(error);
    };
    const timer = setTimeout(
      () => finish(new PrinterSendError('timeout', `${path}: not written within ${timeoutMs} ms`)),
      timeoutMs,
    );
    port.open((openError) => {
      if (openError !== null) {
        finish(new PrinterSendError('unreachable', `${path}: ${openError.message}`));
        return;
      }
      port.write(Buffer.from(bytes), (writeError) => {
        if (writeError !== null && writeError !== undefined)
          finish(new PrinterSendError('unreachable', `${path}: ${writeError.message}`));
      });
      port.drain((drainError) =>
        finish(drainError === null ? null : new PrinterSendError('unreachable', `${path}: ${drainError.message}`)),
      );
    });
  });
}
