/**
 * A card stack without PC/SC: one virtual reader whose card is a ThaiCardOS in this process. Demo mode uses it
 * when the station has no reader (or no pcscd), and unit tests drive the whole reader orchestration with it.
 */
import type { BackendEvent, CardBackend, CardSession, ReaderState } from '../backend.std.js';
import { CardFailure } from '../protocol/failure.std.js';
import type { ThaiCardOS } from './thaiCardOS.std.js';
import { WireClock } from './wireClock.node.js';

export const DEMO_READER = 'Virtual Thai ID reader (demo)';

export class InProcessBackend implements CardBackend {
  readonly kind = 'virtual';
  readonly readerName: string;
  readonly #clock: WireClock;
  #listener: (event: BackendEvent) => void = () => undefined;
  #card: ThaiCardOS | null = null;

  constructor(options: { readerName?: string; msPerByte?: number } = {}) {
    this.readerName = options.readerName ?? DEMO_READER;
    this.#clock = new WireClock(options.msPerByte ?? 0);
  }

  start(listener: (event: BackendEvent) => void): void {
    this.#listener = listener;
    this.#listener({ type: 'service', up: true, detail: 'virtual card (demo)' });
    this.#listener({ type: 'reader-attached', reader: this.readerName });
  }

  async stop(): Promise<void> {
    this.#card = null;
    this.#listener = () => undefined;
  }

  supportMissing(): boolean {
    return false;
  }

  serviceUp(): boolean {
    return true;
  }

  readers(): ReaderState[] {
    return [{ name: this.readerName, present: this.#card !== null, atr: this.#card?.atr ?? null }];
  }

  insert(card: ThaiCardOS): void {
    if (this.#card !== null) this.remove();
    card.reset();
    this.#card = card;
    this.#listener({ type: 'card-inserted', reader: this.readerName, atr: card.atr });
  }

  remove(): void {
    if (this.#card === null) return;
    this.#card = null;
    this.#listener({ type: 'card-removed', reader: this.readerName });
  }

  async connect(reader: string): Promise<CardSession> {
    if (reader !== this.readerName) throw new CardFailure('card_no_reader', `no reader named ${reader}`);
    const card = this.#card;
    if (card === null) throw new CardFailure('card_no_card', 'no card in the virtual reader');
    card.reset();
    return {
      atr: card.atr,
      transmit: async (apdu) => {
        if (this.#card !== card) throw new CardFailure('card_removed', 'card removed');
        const response = card.process(apdu);
        if (response === null) {
          this.remove();
          throw new CardFailure('card_removed', 'card pulled out mid-read');
        }
        await this.#clock.pass(apdu.length + response.length);
        return response;
      },
      close: async () => undefined,
    };
  }
}
