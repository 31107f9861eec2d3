/**
 * Sends ESC/POS bytes to a receipt printer: raw TCP (port 9100, what network thermal printers listen on) or a
 * serial port. A printer that is off answers nothing or refuses; one out of paper stops reading, so the write
 * stalls: every send ends within `timeoutMs` and says which of the two it was.
 */
import { connect } from 'node:net';
import { SerialPort } from 'serialport';

export type PrinterTarget =
  | { readonly transport: 'tcp'; readonly host: string; readonly port: number }
  | { readonly transport: 'serial'; readonly path: string; readonly baudRate: number };

export type PrinterFailure = 'unreachable' | 'timeout';

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
  return target.transport === 'tcp' ? `tcp:${target.host}:${target.port}` : `serial:${target.path}@${target.baudRate}`;
}

export function sendToPrinter(target: PrinterTarget, bytes: Uint8Array, timeoutMs = DEFAULT_PRINT_TIMEOUT_MS): Promise<void> {
  return target.transport === 'tcp' ? sendTcp(target.host, target.port, bytes, timeoutMs) : sendSerial(target.path, target.baudRate, bytes, timeoutMs);
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
    const timer = setTimeout(() => finish(new PrinterSendError('timeout', `${host}:${port}: no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => finish(new PrinterSendError('unreachable', `${host}:${port}: ${error.code ?? error.message}`)));
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
    const timer = setTimeout(() => finish(new PrinterSendError('timeout', `${path}: not written within ${timeoutMs} ms`)), timeoutMs);
    port.open((openError) => {
      if (openError !== null) {
        finish(new PrinterSendError('unreachable', `${path}: ${openError.message}`));
        return;
      }
      port.write(Buffer.from(bytes), (writeError) => {
        if (writeError !== null && writeError !== undefined) finish(new PrinterSendError('unreachable', `${path}: ${writeError.message}`));
      });
      port.drain((drainError) => finish(drainError === null ? null : new PrinterSendError('unreachable', `${path}: ${drainError.message}`)));
    });
  });
}
