/**
 * A HID device configured as `hid:VVVV:PPPP`: polled for (hot-plug), and when it appears its memory is
 * downloaded once; each record goes to the sink as one chunk. Unplug and replug downloads again (the
 * inbox keeps each record once by its key).
 */
import { errorText, type PortSink, type PortSource } from './portEvents.node.js';
import type { HidApi, HidDeviceDescriptor } from './hidBoundary.node.js';
import { downloadHem790it } from './hem790itSession.node.js';

const noReply = (): Promise<void> => Promise.resolve();

export class HidSource implements PortSource {
  readonly #api: HidApi;
  readonly #ids: { vendorId: number; productId: number };
  readonly #sink: PortSink;
  readonly #pollMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #present = new Set<string>();
  #busy = false;

  constructor(api: HidApi, ids: { vendorId: number; productId: number }, sink: PortSink, pollMs = 1000) {
    this.#api = api;
    this.#ids = ids;
    this.#sink = sink;
    this.#pollMs = pollMs;
  }

  start(): void {
    this.#sink.status('waiting_device', null, null);
    void this.poll();
    this.#timer = setInterval(() => void this.poll(), this.#pollMs);
  }

  async stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sink.status('closed', null, null);
  }

  /** One hot-plug check (also called by tests to step without waiting for the timer). */
  async poll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      let found: HidDeviceDescriptor[];
      try {
        found = (await this.#api.devices()).filter(
          (d) => d.vendorId === this.#ids.vendorId && d.productId === this.#ids.productId && d.path !== null,
        );
      } catch (error) {
        this.#sink.status('retrying', 'device_hid_failed', errorText(error));
        return;
      }
      const paths = new Set(found.map((d) => d.path ?? ''));
      for (const path of paths) if (!this.#present.has(path)) await this.#download(path);
      this.#present = paths;
      if (paths.size === 0) this.#sink.status('waiting_device', null, null);
    } finally {
      this.#busy = false;
    }
  }

  async #download(path: string): Promise<void> {
    this.#sink.status('open', null, path);
    try {
      const conn = await this.#api.open(path);
      try {
        const result = await downloadHem790it(conn, (record) => this.#sink.data('hid', record, noReply));
        this.#sink.status(
          'waiting_device',
          result.failed === 0 ? null : 'device_hid_failed',
          `${String(result.records)} records read, ${String(result.failed)} failed`,
        );
      } finally {
        await conn.close();
        this.#sink.ended('hid');
      }
    } catch (error) {
      this.#sink.status('retrying', 'device_hid_failed', `${path}: ${errorText(error)}`);
    }
  }
}
