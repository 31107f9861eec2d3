/**
 * What the ATR tells us: which GET RESPONSE P2 the chip wants. Cards whose ATR starts `3B 67` answer only
 * `00 C0 00 01 Le`; every other Thai ID chip seen (3B 68, 3B 78, 3B 79 "TH NID 1x") wants `00 C0 00 00 Le`
 * (chakphanu/ThaiNationalIDCard, go-thai-smartcard, pythaiidcard all agree).
 */
import { toHex } from './apdu.std.js';

export function getResponseP2(atr: Uint8Array): 0 | 1 {
  return atr[0] === 0x3b && atr[1] === 0x67 ? 1 : 0;
}

/** A short, non-identifying label of the chip generation for logs and the CLI (never the whole ATR in logs). */
export function atrFamily(atr: Uint8Array): string {
  if (atr.length < 2) return 'unknown';
  return toHex(atr.slice(0, 2)).replace(' ', '');
}
