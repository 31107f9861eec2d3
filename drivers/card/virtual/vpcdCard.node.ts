/**
 * The virtual card as a vsmartcard "vicc": a TCP client of pcscd's vpcd driver (port 35963 for the first
 * virtual reader, 35964 for the second). Connecting inserts the card, closing removes it. Every message is a
 * 2-byte big-endian length and a payload; a 1-byte payload is a control message (0 power off, 1 power on,
 * 2 reset, 4 send the ATR), anything longer is a C-APDU answered with its R-APDU.
 */
import { Socket } from 'node:net';
import type { ThaiCardOS } from './thaiCardOS.std.js';
import { WireClock } from './wireClock.node.js';

export const VPCD_PORT = 35963;

export interface VpcdCardOptions {
  readonly os: ThaiCardOS;
  readonly host?: string;
  readonly port?: number;
  /** Wire time per byte (0 = as fast as the stack goes; T0_9600_MS_PER_BYTE for a real chip's pace). */
  readonly msPerByte?: number;
}

// Plain Uint8Array throughout (no Buffer): the same file type-checks under every tsconfig's lib.
function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class VpcdCard {
  readonly os: ThaiCardOS;
  readonly #host: string;
  readonly #port: number;
  readonly #clock: WireClock;
  #socket: Socket | null = null;
  #pending: Uint8Array = new Uint8Array(0);
  #queue: Promise<void> = Promise.resolve();
  #closed: Promise<void> = Promise.resolve();
  /** APDUs answered, and bytes of C-APDUs and R-APDUs, since creation (for tests and the benchmark). */
  apdus = 0;
  bytesIn = 0;
  bytesOut = 0;

  constructor(options: VpcdCardOptions) {
    this.os = options.os;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? VPCD_PORT;
    this.#clock = new WireClock(options.msPerByte ?? 0);
  }

  get inserted(): boolean {
    return this.#socket !== null;
  }

  /** Connects to vpcd: pcscd then sees a card in the reader (after its next presence poll). */
  insert(): Promise<void> {
    if (this.#socket !== null) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.setNoDelay(true);
      this.#socket = socket;
      this.#closed = new Promise((done) => socket.once('close', () => done()));
      socket.once('error', (error) => {
        if (this.#socket === socket) this.#socket = null;
        reject(error);
      });
      socket.on('close', () => {
        if (this.#socket === socket) this.#socket = null;
      });
      socket.on('data', (chunk: Uint8Array) => this.#onData(socket, chunk));
      socket.connect(this.#port, this.#host, () => {
        socket.removeAllListeners('error');
        socket.on('error', () => undefined); // a reset by pcscd at teardown is a removal, not a crash
        resolve();
      });
    });
  }

  /** Closes the connection: pcscd reports the card removed. */
  async remove(): Promise<void> {
    const socket = this.#socket;
    if (socket === null) return;
    socket.destroy();
    await this.#closed;
  }

  #onData(socket: Socket, chunk: Uint8Array): void {
    this.#pending = concat(this.#pending, chunk);
    while (this.#pending.length >= 2) {
      const length = ((this.#pending[0] ?? 0) << 8) | (this.#pending[1] ?? 0);
      if (this.#pending.length < 2 + length) break;
      const payload = this.#pending.slice(2, 2 + length);
      this.#pending = this.#pending.subarray(2 + length);
      this.#queue = this.#queue.then(() => this.#handle(socket, payload));
    }
  }

  async #handle(socket: Socket, payload: Uint8Array): Promise<void> {
    if (socket.destroyed) return;
    if (payload.length === 1) {
      const control = payload[0];
      if (control === 4) socket.write(frame(this.os.atr));
      else this.os.reset(); // 0 off, 1 on, 2 reset: a fresh session each time
      return;
    }
    const response = this.os.process(payload);
    if (response === null) {
      socket.destroy(); // pulled out mid-read
      return;
    }
    this.apdus += 1;
    this.bytesIn += payload.length;
    this.bytesOut += response.length;
    await this.#clock.pass(payload.length + response.length);
    if (!socket.destroyed) socket.write(frame(response));
  }
}
