/**
 * The read orchestration on card insert: text fields first (emitted at once, the form fills), then laser id
 * and NHSO rights, then the photo in chunks with progress — or no photo when the station already stored it for
 * this cid and issue date. One short SHARED connection per read, released as soon as the read ends, so the
 * NHSO agent on the same PC can use the reader between reads. Nothing is emitted for a card that fails
 * validation: no partial patient reaches the form.
 */
import { randomUUID } from 'node:crypto';
import type {
  CardErrorEvent,
  CardExtrasEvent,
  CardPhotoEvent,
  CardRemovedEvent,
  CardStatus,
  CardTextEvent,
} from './cardEvents.std.js';
import type { CardText } from './cardRead.std.js';
import type { BackendEvent, CardBackend, CardSession } from './backend.std.js';
import { toHex } from './protocol/apdu.std.js';
import { CardChannel } from './protocol/channel.std.js';
import { CardFailure } from './protocol/failure.std.js';
import { readCardExtras, readCardText, readPhoto, sha256Hex } from './protocol/readCard.std.js';
import { pcscErrorCode } from './pcsc/pcscErrors.node.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

export interface CardReaderEvents {
  'card.status': CardStatus;
  'card.text': CardTextEvent;
  'card.extras': CardExtrasEvent;
  'card.photo': CardPhotoEvent;
  'card.removed': CardRemovedEvent;
  'card.error': CardErrorEvent;
}

export type CardReaderEmit = <E extends keyof CardReaderEvents>(name: E, payload: CardReaderEvents[E]) => void;

export interface ReadOptions {
  /** false: never read the photo on this read. */
  readonly photo?: boolean;
}

export interface CardReaderOptions {
  readonly backend: CardBackend;
  readonly emit: CardReaderEmit;
  /** Read the card by itself when it is inserted (the front desk); false for the CLI, which reads on demand. */
  readonly autoRead?: boolean;
  /** Whether this card's photo still needs reading (false when stored for the same cid and issue date). */
  readonly photoWanted?: (card: CardText) => boolean;
  /** Called once per successful text read (the audit entry). */
  readonly onRead?: (read: { readId: string; reader: string; card: CardText }) => void;
  /** ISO day for the expiry warning. */
  readonly today?: () => string;
}

export interface ReadResult {
  readonly readId: string;
  readonly card: CardText;
  /** Resolves when extras and photo are done (or failed: the failure is emitted as card.error). */
  readonly finished: Promise<void>;
}

/** Longer than pcscd's ~400 ms presence poll, with margin for a loaded machine. */
const REMOVAL_GRACE_MS = 1500;
/** The text is read at most twice: a second try only after an answer spoiled on the wire (never for bad content). */
const TEXT_ATTEMPTS = 2;

function isTransientTextFailure(error: unknown): boolean {
  const code = pcscErrorCode(error);
  return code === 'card_bad_answer' || code === 'card_io_failed';
}

function isoToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export class CardReader {
  readonly #backend: CardBackend;
  readonly #emit: CardReaderEmit;
  readonly #options: CardReaderOptions;
  /** The read in progress per reader (one at a time per reader; readers are independent). */
  readonly #active = new Map<string, { readId: string; done: Promise<unknown> }>();
  readonly #reading = new Set<string>();
  readonly #removalWaiters = new Set<(reader: string) => void>();

  constructor(options: CardReaderOptions) {
    this.#backend = options.backend;
    this.#emit = options.emit;
    this.#options = options;
  }

  start(): void {
    this.#backend.start((event) => this.#onBackend(event));
    this.#emitStatus();
  }

  async stop(): Promise<void> {
    await this.#backend.stop();
    await Promise.allSettled([...this.#active.values()].map((read) => read.done));
  }

  status(): CardStatus {
    return {
      backend: this.#backend.kind,
      service: this.#backend.serviceUp() ? 'up' : 'down',
      readers: this.#backend.readers().map((reader) => ({
        name: reader.name,
        present: reader.present,
        atr: reader.atr === null ? null : toHex(reader.atr),
        reading: this.#reading.has(reader.name),
      })),
    };
  }

  /** The reader to use when none is named: the first with a card in it. */
  pickReader(name?: string): string {
    if (!this.#backend.serviceUp()) throw new CardFailure('card_no_service', 'PC/SC service is not running');
    const readers = this.#backend.readers();
    if (readers.length === 0) throw new CardFailure('card_no_reader', 'no card reader attached');
    if (name !== undefined) {
      const reader = readers.find((candidate) => candidate.name === name);
      if (reader === undefined) throw new CardFailure('card_no_reader', `no reader named ${name}`);
      if (!reader.present) throw new CardFailure('card_no_card', `no card in ${name}`);
      return reader.name;
    }
    const present = readers.find((reader) => reader.present);
    if (present === undefined) throw new CardFailure('card_no_card', 'no card in any reader');
    return present.name;
  }

  /** Reads the card in `reader`: resolves with the text as soon as it is read; extras and photo follow as events. */
  async read(reader: string, options: ReadOptions = {}): Promise<ReadResult> {
    const previous = this.#active.get(reader);
    if (previous !== undefined) await previous.done.catch(() => undefined);
    const readId = randomUUID();
    let textReady: (result: ReadResult) => void = () => undefined;
    let textFailed: (error: CardFailure) => void = () => undefined;
    const text = new Promise<ReadResult>((resolve, reject) => {
      textReady = resolve;
      textFailed = reject;
    });
    const done = this.#run(reader, readId, options, textReady, textFailed);
    this.#active.set(reader, { readId, done });
    void done.finally(() => {
      if (this.#active.get(reader)?.readId === readId) this.#active.delete(reader);
    });
    return text;
  }

  async #run(
    reader: string,
    readId: string,
    options: ReadOptions,
    textReady: (result: ReadResult) => void,
    textFailed: (error: CardFailure) => void,
  ): Promise<void> {
    this.#reading.add(reader);
    this.#emitStatus();
    let stage: 'text' | 'rest' = 'text';
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let session: CardSession | null = null;
    try {
      let channel: CardChannel;
      let card: CardText;
      for (let attempt = 1; ; attempt += 1) {
        try {
          session = await this.#backend.connect(reader);
          channel = new CardChannel(session.transmit, session.atr);
          card = await readCardText(channel, session.atr, (this.#options.today ?? isoToday)());
          break;
        } catch (error) {
          // smartcard 3.7 has no SCardBeginTransaction, so another program's APDUs can interleave with ours and
          // spoil one answer: the text is read once more on a fresh connection before the error is shown.
          if (attempt >= TEXT_ATTEMPTS || !isTransientTextFailure(error) || !this.#present(reader)) throw error;
          await session?.close();
          session = null;
        }
      }
      this.#emit('card.text', { readId, reader, card });
      this.#options.onRead?.({ readId, reader, card });
      stage = 'rest';
      textReady({ readId, card, finished });

      const extras = await readCardExtras(channel);
      this.#emit('card.extras', { readId, reader, extras });

      const wanted = options.photo !== false && (this.#options.photoWanted?.(card) ?? true);
      if (!wanted) {
        const skipReason = options.photo === false ? 'not_requested' : 'already_stored';
        this.#emit('card.photo', { readId, reader, state: 'skipped', received: 0, total: 0, photo: null, skipReason });
      } else {
        const photo = await readPhoto(channel, (received, total) => {
          this.#emit('card.photo', {
            readId,
            reader,
            state: 'progress',
            received,
            total,
            photo: null,
            skipReason: null,
          });
        });
        const payload = {
          base64: Buffer.from(photo).toString('base64'),
          bytes: photo.length,
          sha256: sha256Hex(photo),
        };
        this.#emit('card.photo', {
          readId,
          reader,
          state: 'done',
          received: photo.length,
          total: photo.length,
          photo: payload,
          skipReason: null,
        });
      }
    } catch (error) {
      const failure = await this.#explain(reader, error);
      this.#emit('card.error', { reader, readId, code: failure.code, message: failure.message });
      if (stage === 'text') textFailed(failure);
    } finally {
      await session?.close();
      this.#reading.delete(reader);
      this.#emitStatus();
      finish();
    }
  }

  /**
   * An I/O failure or an empty answer while the card is being pulled out is a removal, whatever the driver said.
   * pcscd notices a removal only at its next presence poll (~400 ms), so wait (bounded) for that event first.
   */
  async #explain(reader: string, error: unknown): Promise<CardFailure> {
    const code = pcscErrorCode(error);
    const message = errorMessage(error);
    if (code === 'card_io_failed' || code === 'card_bad_answer' || code === 'card_removed') {
      if (this.#present(reader)) await this.#waitRemoval(reader, REMOVAL_GRACE_MS);
      if (!this.#present(reader)) return new CardFailure('card_removed', message);
    }
    return error instanceof CardFailure ? error : new CardFailure(code, message);
  }

  #present(reader: string): boolean {
    return this.#backend.readers().find((candidate) => candidate.name === reader)?.present === true;
  }

  #waitRemoval(reader: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#removalWaiters.delete(onRemoval);
        resolve();
      };
      const onRemoval = (removed: string): void => {
        if (removed === reader) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#removalWaiters.add(onRemoval);
    });
  }

  #emitStatus(): void {
    this.#emit('card.status', this.status());
  }

  #onBackend(event: BackendEvent): void {
    if (event.type === 'card-removed' || event.type === 'reader-detached') {
      for (const wake of [...this.#removalWaiters]) wake(event.reader);
    }
    if (event.type === 'card-removed') {
      this.#emit('card.removed', { reader: event.reader, readId: this.#active.get(event.reader)?.readId ?? null });
    }
    this.#emitStatus();
    if (event.type === 'card-inserted' && this.#options.autoRead !== false) {
      // Errors are already emitted as card.error by the read itself.
      this.read(event.reader).catch(() => undefined);
    }
  }
}
