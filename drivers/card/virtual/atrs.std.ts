/** The ATRs of the Thai ID chip generations the virtual card can pretend to be. */
import { fromHex } from '../protocol/apdu.std.js';

export const VIRTUAL_ATRS = {
  /** Older chips; the only ones that want GET RESPONSE `00 C0 00 01`. */
  '3b67': fromHex('3B 67 00 00 73 20 00 6C 68 90 00'),
  '3b68': fromHex('3B 68 00 00 00 73 C8 40 12 00 90 00'),
  /** Current chips: historical bytes spell "TH NID 18". */
  '3b79': fromHex('3B 79 96 00 00 54 48 20 4E 49 44 20 31 38'),
} as const;

export type VirtualAtr = keyof typeof VIRTUAL_ATRS;
export const virtualAtrNames = Object.keys(VIRTUAL_ATRS) as VirtualAtr[];
