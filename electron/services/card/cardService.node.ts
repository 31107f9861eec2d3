/**
 * The card feature in the main process: runs the CardReader over the card stack it is given (PC/SC by default;
 * the composition root gives a demo station the in-process virtual card), forwards its events to the EventBus, audits every read
 * by hashed cid, remembers stored photos, and serves the card.* commands.
 */
import type { CardStatus, CardText, DemoCardAtr } from '../../contract/card.std.js';
import type { EventPayload } from '../../contract/contract.std.js';
import { EdgeError } from '../../contract/result.std.js';
import type { CardBackend } from '../../../drivers/card/backend.std.js';
import { CardReader, type CardReaderEvents } from '../../../drivers/card/cardReader.node.js';
import { PcscBackend } from '../../../drivers/card/pcsc/pcscBackend.node.js';
import { isCardFailure } from '../../../drivers/card/protocol/failure.std.js';
import { atrFamily } from '../../../drivers/card/protocol/atr.std.js';
import { fromHex } from '../../../drivers/card/protocol/apdu.std.js';
import { InProcessBackend } from '../../../drivers/card/virtual/inProcessBackend.node.js';
import { ThaiCardOS } from '../../../drivers/card/virtual/thaiCardOS.std.js';
import { buildCardImage } from '../../../drivers/card/virtual/identity.std.js';
import { demoIdentities } from '../../../drivers/card/virtual/demoIdentities.std.js';
import { VIRTUAL_ATRS } from '../../../drivers/card/virtual/atrs.std.js';
import type { EventBus } from '../eventBus.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { StationDb } from '../db/stationDb.node.js';
import { CardStore } from './cardStore.node.js';
import { keyedCidHash, type HashCid } from './cidHash.node.js';

export interface CardServiceOptions {
  readonly db: StationDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly audit: AuditLog;
  /** Keyed hash of a cid for the audit log and photo cache (default: HMAC under the station's key). */
  readonly hashCid?: HashCid;
  /**
   * Card fast path: the keyed id of a staff member's card that should sign them in rather than be read as a
   * patient's (nobody on duty, the card registered to an account), or null. Such a read never reaches the page.
   */
  readonly staffCard?: (cid: string) => string | null;
  /** Told when a staff member's card is in (and when it leaves: null). */
  readonly onStaffCard?: (key: string | null) => void;
  /** The card stack: the virtual card of a demo station, a test's; PC/SC when none is given. */
  readonly backend?: CardBackend;
}

export class CardService {
  readonly backend: CardBackend;
  readonly reader: CardReader;
  readonly store: CardStore;
  readonly hashCid: HashCid;
  readonly #log: Logger;
  /** The read a staff card started (its events stay in main) and the card's keyed id. */
  #staffCard: { readId: string; key: string } | null = null;

  constructor(options: CardServiceOptions) {
    this.#log = options.log;
    this.store = new CardStore(options.db);
    this.hashCid = options.hashCid ?? keyedCidHash(this.store.stationKey());
    this.backend = options.backend ?? new PcscBackend();
    this.reader = new CardReader({
      backend: this.backend,
      emit: <E extends keyof CardReaderEvents>(name: E, payload: CardReaderEvents[E]) => {
        if (name === 'card.error')
          this.#log.warn({ code: (payload as CardReaderEvents['card.error']).code }, 'card read failed');
        if (this.#staffCardEvent(name, payload as CardReaderEvents[keyof CardReaderEvents], options)) return;
        // The reader's event map is the card slice of the contract's (same names, same schemas).
        options.events.emit(name, payload as EventPayload<E>);
      },
      photoWanted: (card) => !this.store.photoStored(this.hashCid(card.cid), card.issueDate),
      onRead: ({ reader, card }) => {
        options.audit.append({
          action: 'card.read',
          subjectHash: this.hashCid(card.cid),
          detail: { reader, chip: atrFamily(fromHex(card.atr)) },
        });
      },
    });
  }

  /** The keyed id of the staff card in the reader now, or null. */
  staffCardKey(): string | null {
    return this.#staffCard?.key ?? null;
  }

  /** True when the event belongs to a staff member's card and stays in main. */
  #staffCardEvent(
    name: keyof CardReaderEvents,
    payload: CardReaderEvents[keyof CardReaderEvents],
    options: CardServiceOptions,
  ): boolean {
    const readId = 'readId' in payload ? payload.readId : null;
    if (name === 'card.text' && 'card' in payload && readId !== null) {
      const key = options.staffCard?.(payload.card.cid) ?? null;
      if (key !== null) {
        this.#staffCard = { readId, key };
        options.onStaffCard?.(key);
        return true;
      }
    }
    if (name === 'card.removed' && this.#staffCard !== null) {
      this.#staffCard = null;
      options.onStaffCard?.(null);
      return false;
    }
    return this.#staffCard !== null && readId === this.#staffCard.readId && name !== 'card.error';
  }

  start(): void {
    this.reader.start();
    this.#log.info({ backend: this.backend.kind }, 'card service started');
  }

  async stop(): Promise<void> {
    await this.reader.stop();
  }

  status(): CardStatus {
    return this.reader.status();
  }

  async read(input: { reader?: string; photo?: boolean }): Promise<{ readId: string; card: CardText }> {
    try {
      const reader = this.reader.pickReader(input.reader);
      const result = await this.reader.read(reader, { photo: input.photo });
      return { readId: result.readId, card: result.card };
    } catch (error) {
      if (isCardFailure(error)) throw new EdgeError(error.code, error.message);
      throw error;
    }
  }

  markPhotoStored(input: { cid: string; issueDate: string | null; sha256: string }): { stored: true } {
    this.store.markPhotoStored(this.hashCid(input.cid), input.issueDate, input.sha256);
    return { stored: true };
  }

  #virtual(): InProcessBackend {
    if (!(this.backend instanceof InProcessBackend))
      throw new EdgeError('card_demo_only', 'not a demo station with the virtual card');
    return this.backend;
  }

  demoInsert(input: { identity: number; atr: DemoCardAtr }): CardStatus {
    const backend = this.#virtual();
    const identity = demoIdentities[input.identity % demoIdentities.length] ?? demoIdentities[0];
    if (identity === undefined) throw new EdgeError('internal', 'no demo identities');
    backend.insert(new ThaiCardOS(buildCardImage(identity), { atr: VIRTUAL_ATRS[input.atr] }));
    return this.status();
  }

  demoRemove(): CardStatus {
    this.#virtual().remove();
    return this.status();
  }
}
