/**
 * A serial port that stays open: opened with the profile's settings, watched, and reopened. Unplugging
 * closes it with `disconnected`; we then try to reopen every `retryMs` (250 ms → 1 s), so a replugged
 * device is back within 2 s. A port that fails to open keeps being retried with the reason shown.
 */
import { SerialPort } from 'serialport';
import type { SerialSettings } from '../profiles.std.js';
import { errorText, type PortSink, type PortSource } from './portEvents.node.js';

const retrySteps = [250, 500, 1000];

export class ManagedSerialPort implements PortSource {
  readonly #path: string;
  readonly #settings: SerialSettings;
  readonly #sink: PortSink;
  #port: SerialPort | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #stopped = false;
  #lost = false;

  constructor(path: string, settings: SerialSettings, sink: PortSink) {
    this.#path = path;
    this.#settings = settings;
    this.#sink = sink;
  }

  start(): void {
    this.#stopped = false;
    this.#open();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen === true) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.#sink.status('closed', null, null);
  }

  #open(): void {
    if (this.#stopped) return;
    // while retrying, the state stays 'retrying' with its reason until the port is really open
    if (this.#attempt === 0) this.#sink.status('opening', null, this.#path);
    const port = new SerialPort({
      path: this.#path,
      baudRate: this.#settings.baudRate,
      dataBits: this.#settings.dataBits,
      parity: this.#settings.parity,
      stopBits: this.#settings.stopBits,
      xon: this.#settings.xon ?? false,
      xoff: this.#settings.xon ?? false,
      autoOpen: false,
    });
    const reply = (bytes: Uint8Array): Promise<void> =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) => (error ? reject(error) : port.drain(() => resolve())));
      });
    port.on('data', (chunk: Buffer) => this.#sink.data('serial', new Uint8Array(chunk), reply));
    port.on('error', (error) => this.#sink.status('retrying', 'device_port_lost', errorText(error)));
    port.on('close', () => {
      if (this.#port !== port) return;
      this.#port = undefined;
      this.#sink.ended('serial');
      if (this.#stopped) return;
      this.#lost = true;
      this.#sink.status('retrying', 'device_port_lost', `${this.#path} closed`);
      this.#schedule();
    });
    port.open((error) => {
      if (this.#stopped) {
        if (!error) port.close();
        return;
      }
      if (error) {
        this.#sink.status(
          'retrying',
          this.#lost ? 'device_port_lost' : 'device_port_open_failed',
          `${this.#path}: ${errorText(error)} (attempt ${String(this.#attempt + 1)})`,
        );
        this.#schedule();
        return;
      }
      this.#port = port;
      this.#attempt = 0;
      this.#lost = false;
      this.#sink.status('open', null, this.#path);
    });
  }

  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const delay = retrySteps[Math.min(this.#attempt, retrySteps.length - 1)] ?? 1000;
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#open();
    }, delay);
  }
}

export interface SerialPortListing {
  readonly path: string;
  readonly manufacturer: string | null;
  readonly vendorId: string | null;
  readonly productId: string | null;
  readonly serialNumber: string | null;
}

export async function listSerialPorts(): Promise<SerialPortListing[]> {
  const ports = await SerialPort.list();
  return ports.map((port) => ({
    path: port.path,
    manufacturer: port.manufacturer ?? null,
    vendorId: port.vendorId ?? null,
    productId: port.productId ?? null,
    serialNumber: port.serialNumber ?? null,
  }));
}
