/**
 * APDU builders and status words of the Thai national ID card (ISO 7816-4, T=0 case 4 with GET RESPONSE).
 * Reads are `80 B0 P1 P2 02 00 Le` at a byte offset of one flat file; the answer is `61 Le`, fetched with
 * GET RESPONSE whose P2 depends on the chip (see atr.std.ts).
 */

/** Applet ids (AIDs). */
export const AID_MOI = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x01);
export const AID_NHSO = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x54, 0x48, 0x00, 0x83);
export const AID_CARD = Uint8Array.of(0xa0, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x02);

/** Largest Le of one short read: the card answers at most 255 data bytes per command here. */
export const MAX_LE = 0xff;

export function selectApdu(aid: Uint8Array): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x04, 0x00, aid.length, ...aid);
}

/** `80 B0 P1 P2 02 00 Le`: P1 carries the high 7 bits of the offset (Cardpeek masks with 0x7F). */
export function readBinaryApdu(offset: number, length: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff)
    throw new RangeError(`offset out of range: ${offset}`);
  if (!Number.isInteger(length) || length < 1 || length > MAX_LE)
    throw new RangeError(`length out of range: ${length}`);
  return Uint8Array.of(0x80, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, 0x02, 0x00, length);
}

/** GET RESPONSE as a 5-byte case-2 APDU: P2 and Le stay separate bytes (go-thai-smartcard warns about merging them). */
export function getResponseApdu(p2: 0 | 1, le: number): Uint8Array {
  return Uint8Array.of(0x00, 0xc0, 0x00, p2, le & 0xff);
}

/** The laser id command of the "card" applet (answered 61 10, then GET RESPONSE of 16 bytes). */
export const LASER_ID_COMMAND = Uint8Array.of(0x80, 0x00, 0x00, 0x00, 0x07);
export const LASER_ID_LENGTH = 0x10;

/** The same command with a corrected Le (the card's answer to `6C xx`). */
export function withLe(apdu: Uint8Array, le: number): Uint8Array {
  const copy = Uint8Array.from(apdu);
  copy[copy.length - 1] = le & 0xff;
  return copy;
}

export interface Response {
  readonly data: Uint8Array;
  readonly sw1: number;
  readonly sw2: number;
}

export type ResponseKind =
  | 'ok' // 90 00
  | 'more' // 61 xx: xx bytes wait for GET RESPONSE
  | 'wrong_le' // 6C xx: repeat with Le = xx
  | 'not_found' // 6A 82: file or applet not found
  | 'error'; // any other well-formed status word

/** Splits an R-APDU into data and status word; null when there is not even a status word. */
export function splitResponse(bytes: Uint8Array): Response | null {
  if (bytes.length < 2) return null;
  const sw1 = bytes[bytes.length - 2] ?? 0;
  const sw2 = bytes[bytes.length - 1] ?? 0;
  return { data: bytes.slice(0, bytes.length - 2), sw1, sw2 };
}

/** Classifies a status word. SW1 must be 6x or 9x (ISO 7816-3); anything else is garbage on the line. */
export function classify(response: Response): ResponseKind | 'garbage' {
  const { sw1, sw2 } = response;
  if (sw1 === 0x90 && sw2 === 0x00) return 'ok';
  if ((sw1 & 0xf0) !== 0x60 && (sw1 & 0xf0) !== 0x90) return 'garbage';
  if (sw1 === 0x60) return 'garbage'; // 60 is a procedure byte (NULL), never a status word
  if (response.data.length > 0 && sw1 !== 0x61 && sw1 !== 0x62 && sw1 !== 0x63) return 'garbage';
  if (sw1 === 0x61) return 'more';
  if (sw1 === 0x6c) return 'wrong_le';
  if (sw1 === 0x6a && sw2 === 0x82) return 'not_found';
  return 'error';
}

export function statusWordHex(response: Pick<Response, 'sw1' | 'sw2'>): string {
  return toHex(Uint8Array.of(response.sw1, response.sw2));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/[\s:]/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new RangeError('not hex');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
