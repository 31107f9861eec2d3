/**
 * One logical exchange with the card over T=0: send a command, follow `61 xx` with GET RESPONSE (P2 chosen by
 * the ATR, see atr.std.ts) and `6C xx` with the same command at the right Le, and return the data. The
 * transport is a plain `transmit` function, so the same code runs on PC/SC, vpcd and the in-process card.
 */
import { classify, getResponseApdu, splitResponse, statusWordHex, withLe, type Response } from './apdu.std.js';
import { getResponseP2 } from './atr.std.js';
import { CardFailure } from './failure.std.js';
import { concatBytes } from '../../bytes.std.js';

export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

/** The status word of a refused command, for callers that can live without an optional field. */
export class CardStatusError extends CardFailure {
  readonly sw: number;
  constructor(response: Response, what: string) {
    const notFound = response.sw1 === 0x6a && response.sw2 === 0x82;
    super(notFound ? 'card_not_thai_id' : 'card_bad_answer', `${what}: card answered ${statusWordHex(response)}`);
    this.sw = (response.sw1 << 8) | response.sw2;
  }
}

/** Follow-up commands allowed per exchange: a 61xx chain plus one 6Cxx retry is 3 on real cards. */
const MAX_STEPS = 6;

export class CardChannel {
  readonly #transmit: Transmit;
  #p2: 0 | 1;
  #p2Confirmed = false;
  apdus = 0;
  bytesSent = 0;
  bytesReceived = 0;

  constructor(transmit: Transmit, atr: Uint8Array) {
    this.#transmit = transmit;
    this.#p2 = getResponseP2(atr);
  }

  get getResponseP2(): 0 | 1 {
    return this.#p2;
  }

  async #send(apdu: Uint8Array): Promise<Response> {
    this.apdus += 1;
    this.bytesSent += apdu.length;
    const raw = await this.#transmit(apdu);
    this.bytesReceived += raw.length;
    const response = splitResponse(raw);
    if (response === null) throw new CardFailure('card_bad_answer', `answer of ${raw.length} bytes has no status word`);
    return response;
  }

  /**
   * Sends `apdu` and returns its data. `fetch: false` skips the GET RESPONSE of a `61 xx` whose data we do not
   * need (the FCI after SELECT): the card drops it at the next command, and the wire time is saved.
   */
  async exchange(apdu: Uint8Array, what: string, options: { fetch?: boolean } = {}): Promise<Uint8Array> {
    let command = apdu;
    let isGetResponse = false;
    const parts: Uint8Array[] = [];
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const response = await this.#send(command);
      const kind = classify(response);
      if (kind === 'ok') {
        if (isGetResponse) this.#p2Confirmed = true;
        return concatBytes([...parts, response.data]);
      }
      if (kind === 'more') {
        if (options.fetch === false) return new Uint8Array(0);
        parts.push(response.data);
        command = getResponseApdu(this.#p2, response.sw2);
        isGetResponse = true;
        continue;
      }
      if (kind === 'wrong_le') {
        command = withLe(command, response.sw2);
        continue;
      }
      if (kind === 'garbage')
        throw new CardFailure('card_bad_answer', `${what}: malformed answer ${statusWordHex(response)}`);
      // An unknown chip may want the other GET RESPONSE variant: 6A 86 / 6B 00 (wrong P1-P2) on the first try.
      const wrongP1P2 =
        (response.sw1 === 0x6a && response.sw2 === 0x86) || (response.sw1 === 0x6b && response.sw2 === 0x00);
      if (isGetResponse && wrongP1P2 && !this.#p2Confirmed) {
        this.#p2 = this.#p2 === 0 ? 1 : 0;
        this.#p2Confirmed = true;
        command = getResponseApdu(this.#p2, command[4] ?? 0);
        continue;
      }
      throw new CardStatusError(response, what);
    }
    throw new CardFailure('card_bad_answer', `${what}: too many follow-up status words`);
  }

  /** Reads exactly `length` bytes at `offset`; a shorter or longer answer is a broken line, not data. */
  async read(readApdu: Uint8Array, length: number, what: string): Promise<Uint8Array> {
    const data = await this.exchange(readApdu, what);
    if (data.length !== length)
      throw new CardFailure('card_bad_answer', `${what}: expected ${length} bytes, got ${data.length}`);
    return data;
  }
}
