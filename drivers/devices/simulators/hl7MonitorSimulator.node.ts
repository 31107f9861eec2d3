/**
 * A ward monitor sending HL7 ORU^R01 over TCP (MLLP or raw) and waiting for each ACK, as a monitor does.
 */
import { connect, type Socket } from 'node:net';
import { asciiText } from '../parsers/reading.std.js';
import { FS, VT } from '../parsers/hl7.std.js';

export class Hl7MonitorSimulator {
  readonly #socket: Socket;
  #buffer = '';
  readonly #waiters: ((ack: string) => void)[] = [];
  readonly #mllp: boolean;

  private constructor(socket: Socket, mllp: boolean) {
    this.#socket = socket;
    this.#mllp = mllp;
    socket.on('data', (chunk) => this.#receive(asciiText(new Uint8Array(chunk))));
  }

  /** `localAddress`: the address the monitor sends from (tests use a second loopback address, 127.0.0.2). */
  static connect(port: number, host = '127.0.0.1', mllp = true, localAddress?: string): Promise<Hl7MonitorSimulator> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, ...(localAddress === undefined ? {} : { localAddress }) }, () =>
        resolve(new Hl7MonitorSimulator(socket, mllp)),
      );
      socket.setNoDelay(true);
      socket.once('error', reject);
    });
  }

  /** Sends bytes as they are (already framed or not) and resolves with the next ACK's text. */
  send(bytes: Uint8Array, timeoutMs = 10_000): Promise<string> {
    const ack = this.nextAck(timeoutMs);
    this.#socket.write(bytes);
    return ack;
  }

  /** Writes bytes without waiting for anything (to split a message over several writes). */
  write(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  nextAck(timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ACK within timeout')), timeoutMs);
      this.#waiters.push((ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  /** Resolves when the other side closes the connection (or it fails). */
  closed(): Promise<void> {
    if (this.#socket.destroyed || this.#socket.readableEnded) return Promise.resolve();
    return new Promise((resolve) => this.#socket.once('close', () => resolve()));
  }

  #receive(text: string): void {
    this.#buffer += text;
    for (;;) {
      let message: string | undefined;
      if (this.#mllp) {
        const start = this.#buffer.indexOf(String.fromCharCode(VT));
        const end = this.#buffer.indexOf(String.fromCharCode(FS));
        if (start < 0 || end < 0) return;
        message = this.#buffer.slice(start + 1, end);
        this.#buffer = this.#buffer.slice(end + 2);
      } else {
        // raw ACKs end with the MSA segment's CR (and an optional ERR segment)
        const msa = this.#buffer.indexOf('MSA|');
        if (msa < 0) return;
        const end = this.#buffer.indexOf('\r', msa);
        if (end < 0) return;
        const err = this.#buffer.startsWith('ERR|', end + 1) ? this.#buffer.indexOf('\r', end + 1) : end;
        if (err < 0) return;
        message = this.#buffer.slice(0, err + 1);
        this.#buffer = this.#buffer.slice(err + 1);
      }
      this.#waiters.shift()?.(message);
    }
  }
}

/** MSA-1 (AA/AE/AR) and MSA-2 of an ACK text. */
export function ackCode(ack: string): { code: string; controlId: string } {
  const msa = ack.split('\r').find((segment) => segment.startsWith('MSA|')) ?? '';
  const fields = msa.split('|');
  return { code: fields[1] ?? '', controlId: fields[2] ?? '' };
}
