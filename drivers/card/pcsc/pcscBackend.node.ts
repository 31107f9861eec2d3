/**
 * Real PC/SC through `smartcard` 3.7 (N-API: one build for Node and Electron; WinSCard, PCSC.framework and
 * pcsc-lite). We use its low-level Context and ReaderMonitor, not its Devices class: Devices connects to every
 * inserted card and keeps the connection, which would hold the reader away from the NHSO agent. Here a card is
 * connected only for one read, in SHARED mode, and released with LEAVE_CARD. GET RESPONSE is ours (see
 * protocol/channel.std.ts): the binding's autoGetResponse always sends `00 C0 00 00`, which 3B 67 chips refuse.
 */
import { createRequire } from 'node:module';
import type * as SmartcardModule from 'smartcard';
import type { ContextInterface, MonitorEvent, ReaderMonitorInterface } from 'smartcard';
import type { BackendEvent, CardBackend, CardSession, ReaderState } from '../backend.std.js';
import { CardFailure } from '../protocol/failure.std.js';
import { toCardFailure } from './pcscErrors.node.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

type Smartcard = typeof SmartcardModule;

/** 255 data bytes + SW, with room to spare (tomkp/smartcard#4: 256 bytes is "Insufficient buffer"). */
export const RECEIVE_BUFFER = 260;
const RETRY_MS = 2000;

let binding: Smartcard | null = null;
/** Loaded lazily so that a station without the native build still starts (the doctor then says why). */
export function loadSmartcard(): Smartcard {
  binding ??= createRequire(import.meta.url)('smartcard') as Smartcard;
  return binding;
}

/** Did loading the addon fail because it is not there (never built: no PC/SC headers at install)? */
export function isMissingAddon(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED';
}

export class PcscBackend implements CardBackend {
  readonly kind = 'pcsc';
  readonly #load: () => Smartcard;
  #supportMissing = false;
  readonly #readers = new Map<string, { present: boolean; atr: Uint8Array | null }>();
  #listener: (event: BackendEvent) => void = () => undefined;
  #context: ContextInterface | null = null;
  #monitor: ReaderMonitorInterface | null = null;
  #retry: NodeJS.Timeout | null = null;
  #up = false;
  #stopped = true;
  #lastDetail = '';

  /** `load`: the `smartcard` addon (tests stand in a missing one). */
  constructor(load: () => Smartcard = loadSmartcard) {
    this.#load = load;
  }

  supportMissing(): boolean {
    return this.#supportMissing;
  }

  start(listener: (event: BackendEvent) => void): void {
    this.#listener = listener;
    this.#stopped = false;
    this.#open();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry !== null) clearTimeout(this.#retry);
    this.#retry = null;
    this.#close();
  }

  serviceUp(): boolean {
    return this.#up;
  }

  readers(): ReaderState[] {
    return [...this.#readers].map(([name, state]) => ({ name, present: state.present, atr: state.atr }));
  }

  async connect(reader: string): Promise<CardSession> {
    if (this.#context === null || !this.#up) throw new CardFailure('card_no_service', 'PC/SC service is not running');
    const sc = this.#load();
    // One context per read: pcsc-lite serialises calls per context, and two readers read at once must not
    // share one (a disconnect on one card stalled a transmit on the other in tests).
    let context: ContextInterface;
    let target;
    try {
      context = new sc.Context();
    } catch (error) {
      throw toCardFailure(error, 'context');
    }
    const release = (): void => {
      try {
        context.close();
      } catch {
        // the daemon may be gone
      }
    };
    try {
      target = context.listReaders().find((candidate) => candidate.name === reader);
    } catch (error) {
      release();
      throw toCardFailure(error, 'list readers');
    }
    if (target === undefined) {
      release();
      throw new CardFailure('card_no_reader', `reader ${reader} is gone`);
    }
    let card;
    try {
      card = await target.connect(sc.SCARD_SHARE_SHARED, sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1);
    } catch (error) {
      // Some readers refuse T0|T1 with a T=0-only chip: retry T=0 alone (smartcard issue #34).
      if (!/unresponsive/i.test(error instanceof Error ? error.message : '')) {
        release();
        throw toCardFailure(error, 'connect');
      }
      card = await target.connect(sc.SCARD_SHARE_SHARED, sc.SCARD_PROTOCOL_T0).catch((inner: unknown) => {
        release();
        throw toCardFailure(inner, 'connect');
      });
    }
    const atr = card.atr ?? this.#readers.get(reader)?.atr ?? null;
    if (atr === null || atr.length === 0) {
      card.disconnect(sc.SCARD_LEAVE_CARD);
      release();
      throw new CardFailure('card_mute', 'card gave no ATR');
    }
    let open = true;
    return {
      atr: Uint8Array.from(atr),
      transmit: async (apdu) => {
        try {
          const answer = await card.transmit(Buffer.from(apdu), {
            maxRecvLength: RECEIVE_BUFFER,
            autoGetResponse: false,
          });
          return new Uint8Array(answer.buffer, answer.byteOffset, answer.byteLength);
        } catch (error) {
          throw toCardFailure(error, 'transmit');
        }
      },
      close: async () => {
        if (!open) return;
        open = false;
        try {
          card.disconnect(sc.SCARD_LEAVE_CARD);
        } catch {
          // already gone with the card
        }
        release();
      },
    };
  }

  #setService(up: boolean, detail: string): void {
    if (this.#up === up && this.#lastDetail === detail) return;
    this.#up = up;
    this.#lastDetail = detail;
    this.#listener({ type: 'service', up, detail });
  }

  #open(): void {
    if (this.#stopped) return;
    let sc: Smartcard;
    try {
      sc = this.#load();
    } catch (error) {
      // An optional dependency: on a machine without PC/SC headers at install it was never built. The station
      // still runs (manual entry); the doctor names the packages to install. Retrying cannot help.
      if (!isMissingAddon(error)) throw error;
      this.#supportMissing = true;
      this.#setService(false, 'PC/SC support (the smartcard addon) is not installed');
      return;
    }
    try {
      const context = new sc.Context();
      // A context is granted by a few pcsc-lite versions even without the daemon: listing proves it is up.
      try {
        context.listReaders();
      } catch (error) {
        if (toCardFailure(error, 'list').code === 'card_no_service') throw error;
      }
      const monitor = new sc.ReaderMonitor();
      this.#context = context;
      this.#monitor = monitor;
      this.#setService(true, 'PC/SC service running');
      monitor.start((event) => this.#onMonitor(event));
    } catch (error) {
      this.#close();
      this.#setService(false, errorMessage(error));
      this.#scheduleRetry();
    }
  }

  #close(): void {
    try {
      this.#monitor?.stop();
    } catch {
      // stopping a monitor whose daemon died
    }
    try {
      this.#context?.close();
    } catch {
      // same
    }
    this.#monitor = null;
    this.#context = null;
    for (const name of [...this.#readers.keys()]) this.#detach(name);
  }

  #scheduleRetry(): void {
    if (this.#stopped || this.#retry !== null) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#open();
    }, RETRY_MS);
    this.#retry.unref();
  }

  #detach(name: string): void {
    const state = this.#readers.get(name);
    if (state === undefined) return;
    if (state.present) this.#listener({ type: 'card-removed', reader: name });
    this.#readers.delete(name);
    this.#listener({ type: 'reader-detached', reader: name });
  }

  #onMonitor(event: MonitorEvent): void {
    if (this.#stopped) return;
    const sc = this.#load();
    const atr = event.atr === null ? null : Uint8Array.from(event.atr);
    switch (event.type) {
      case 'reader-attached': {
        const present = (event.state & sc.SCARD_STATE_PRESENT) !== 0;
        this.#readers.set(event.reader, { present, atr: present ? atr : null });
        this.#listener({ type: 'reader-attached', reader: event.reader });
        if (present) this.#listener({ type: 'card-inserted', reader: event.reader, atr });
        return;
      }
      case 'reader-detached':
        this.#detach(event.reader);
        return;
      case 'card-inserted':
        this.#readers.set(event.reader, { present: true, atr });
        this.#listener({ type: 'card-inserted', reader: event.reader, atr });
        return;
      case 'card-removed':
        this.#readers.set(event.reader, { present: false, atr: null });
        this.#listener({ type: 'card-removed', reader: event.reader });
        return;
      case 'error': {
        // The monitor thread reports a dead daemon once a second: close, say so, and reconnect later.
        const failure = toCardFailure(new Error(event.reader), 'monitor');
        if (failure.code === 'card_no_service' || failure.code === 'card_io_failed') {
          this.#close();
          this.#setService(false, event.reader);
          this.#scheduleRetry();
        }
        return;
      }
    }
  }
}
