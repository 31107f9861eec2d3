/**
 * The virtual Thai ID chip: APDU in, response out, from a memory image. Behaves like a T=0 card: every data
 * answer is `61 xx` and must be fetched with GET RESPONSE, whose P2 is strict per ATR (3B 67 wants 01, the
 * others 00; a wrong P2 gets 6A 86). Faults for tests: missing applet, truncated or garbage answers, card pulled.
 */
import { AID_CARD, AID_MOI, AID_NHSO } from '../protocol/apdu.std.js';
import { getResponseP2 } from '../protocol/atr.std.js';
import type { CardImage } from './identity.std.js';

export interface CardFaults {
  /** SELECT of the ID-card applet answers 6A 82 (a bank card, a pink card without the applet). */
  readonly missingApplet?: boolean;
  /** Data answers lose their second half (still `90 00`): a bad contact. */
  readonly truncateAnswers?: boolean;
  /** The APDU with this 1-based number is answered with line noise (once: another program's APDU interleaved). */
  readonly garbageAt?: number;
  /** Every APDU from this 1-based number on is answered with line noise (a dirty contact). */
  readonly garbageFrom?: number;
  /** The card is pulled out when this 1-based APDU arrives (it is never answered). */
  readonly pullAt?: number;
}

export interface CardOsOptions {
  readonly atr: Uint8Array;
  /** Accept either GET RESPONSE P2 (false only to test lenient chips). */
  readonly strictGetResponse?: boolean;
  readonly faults?: CardFaults;
}

const SW_OK = [0x90, 0x00] as const;
const GARBAGE = Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0x13, 0x37);
/** The FCI a real chip returns after SELECT (contents do not matter to readers). */
const FCI = Uint8Array.of(0x6f, 0x08, 0x84, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x54, 0x48);

type Applet = 'moi' | 'nhso' | 'card';

function sw(sw1: number, sw2: number): Uint8Array {
  return Uint8Array.of(sw1, sw2);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export class ThaiCardOS {
  readonly atr: Uint8Array;
  readonly #image: CardImage;
  readonly #strict: boolean;
  readonly #faults: CardFaults;
  #selected: Applet | null = null;
  #pending: Uint8Array | null = null;
  #pendingIsRead = false;
  /** APDUs answered since power-on (faults count from here). */
  apduCount = 0;
  pulled = false;

  constructor(image: CardImage, options: CardOsOptions) {
    this.#image = image;
    this.atr = options.atr;
    this.#strict = options.strictGetResponse ?? true;
    this.#faults = options.faults ?? {};
  }

  /** Power-on / warm reset: nothing selected, nothing pending. */
  reset(): void {
    this.#selected = null;
    this.#pending = null;
  }

  /** The answer to one C-APDU, or null once the card has been pulled out. */
  process(apdu: Uint8Array): Uint8Array | null {
    if (this.pulled) return null;
    this.apduCount += 1;
    if (this.#faults.pullAt !== undefined && this.apduCount >= this.#faults.pullAt) {
      this.pulled = true;
      return null;
    }
    if (this.#faults.garbageAt === this.apduCount) return GARBAGE.slice();
    if (this.#faults.garbageFrom !== undefined && this.apduCount >= this.#faults.garbageFrom) return GARBAGE.slice();
    return this.#answer(apdu);
  }

  #answer(apdu: Uint8Array): Uint8Array {
    if (apdu.length < 4) return sw(0x67, 0x00);
    const [cla, ins, p1, p2] = apdu;
    if (cla === 0x00 && ins === 0xc0) return this.#getResponse(p2 ?? 0, apdu.length >= 5 ? (apdu[4] ?? 0) : 0);
    this.#pending = null;
    if (cla === 0x00 && ins === 0xa4) return this.#select(apdu);
    if (cla !== 0x80) return sw(0x6e, 0x00);
    if (ins === 0xb0) return this.#read(((p1 ?? 0) & 0x7f) * 256 + (p2 ?? 0), apdu);
    if (ins === 0x00 && this.#selected === 'card' && this.#image.laserId !== null)
      return this.#respond(this.#image.laserId, false);
    return sw(0x6d, 0x00);
  }

  #respond(data: Uint8Array, isRead: boolean): Uint8Array {
    this.#pending = data;
    this.#pendingIsRead = isRead;
    return sw(0x61, data.length & 0xff);
  }

  #select(apdu: Uint8Array): Uint8Array {
    const length = apdu[4] ?? 0;
    if (apdu.length < 5 + length) return sw(0x67, 0x00);
    const aid = apdu.slice(5, 5 + length);
    let applet: Applet | null = null;
    if (sameBytes(aid, AID_MOI) && this.#faults.missingApplet !== true) applet = 'moi';
    else if (sameBytes(aid, AID_NHSO) && this.#image.nhso !== null) applet = 'nhso';
    else if (sameBytes(aid, AID_CARD) && this.#image.laserId !== null) applet = 'card';
    if (applet === null) return sw(0x6a, 0x82);
    this.#selected = applet;
    return this.#respond(FCI, false);
  }

  #read(offset: number, apdu: Uint8Array): Uint8Array {
    const file = this.#selected === 'moi' ? this.#image.moi : this.#selected === 'nhso' ? this.#image.nhso : null;
    if (file === null) return sw(0x69, 0x85);
    if (apdu.length !== 7 || apdu[4] !== 0x02 || apdu[5] !== 0x00) return sw(0x67, 0x00);
    const le = apdu[6] === 0 ? 256 : (apdu[6] ?? 0);
    if (offset + le > file.length) return sw(0x6b, 0x00);
    return this.#respond(file.slice(offset, offset + le), true);
  }

  #getResponse(p2: number, leByte: number): Uint8Array {
    const pending = this.#pending;
    if (pending === null) return sw(0x69, 0x85);
    if (this.#strict && p2 !== getResponseP2(this.atr)) return sw(0x6a, 0x86);
    const le = leByte === 0 ? 256 : leByte;
    if (le > pending.length) return sw(0x6c, pending.length & 0xff);
    let data = pending.slice(0, le);
    const rest = pending.slice(le);
    this.#pending = rest.length > 0 ? rest : null;
    if (this.#faults.truncateAnswers === true && this.#pendingIsRead) data = data.slice(0, Math.ceil(data.length / 2));
    const out = new Uint8Array(data.length + 2);
    out.set(data);
    if (rest.length > 0) out.set([0x61, rest.length & 0xff], data.length);
    else out.set(SW_OK, data.length);
    return out;
  }
}
