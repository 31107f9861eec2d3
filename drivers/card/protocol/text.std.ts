/**
 * Text fields of the chip: TIS-620 (windows-874), right-padded with spaces (some chips pad with 0x00), names as
 * `prefix#first#middle#last`.
 */
interface Decoder {
  decode(input: Uint8Array): string;
}

let decoder: Decoder | null | undefined;

function windows874(): Decoder | null {
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder('windows-874');
    } catch {
      decoder = null; // a runtime without full ICU: use the table below
    }
  }
  return decoder;
}

/** TIS-620 fallback: ASCII as is, 0xA1–0xFB → U+0E01–U+0E5B. */
function decodeTis620Manually(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte < 0x80) out += String.fromCharCode(byte);
    else if (byte >= 0xa1 && byte <= 0xfb) out += String.fromCharCode(byte - 0xa0 + 0x0e00);
    else out += '\ufffd';
  }
  return out;
}

export function decodeTis620(bytes: Uint8Array): string {
  const codec = windows874();
  return codec === null ? decodeTis620Manually(bytes) : codec.decode(bytes);
}

/** Decoded and trimmed of the padding (spaces, NULs, 0xFF erased-flash bytes at the ends). */
export function decodeField(bytes: Uint8Array): string {
  let start = 0;
  let end = bytes.length;
  const isPad = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x00 || byte === 0xff;
  while (end > start && isPad(bytes[end - 1])) end -= 1;
  while (start < end && isPad(bytes[start])) start += 1;
  return decodeTis620(bytes.subarray(start, end)).trim();
}

/** TIS-620 encoder for the virtual card and tests (the inverse of decodeTis620Manually). */
export function encodeTis620(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out[i] = code;
    else if (code >= 0x0e01 && code <= 0x0e5b) out[i] = code - 0x0e00 + 0xa0;
    else throw new RangeError(`not TIS-620: U+${code.toString(16)}`);
  }
  return out;
}

export interface PersonName {
  readonly prefix: string;
  readonly first: string;
  readonly middle: string;
  readonly last: string;
}

export function parseName(text: string): PersonName {
  const parts = text.split('#').map((part) => part.trim());
  const [prefix = '', first = '', middle = '', ...rest] = parts;
  // Four slots; a card with extra '#' keeps every part in the last name rather than dropping it.
  const last = rest.filter((part) => part !== '').join(' ');
  if (parts.length === 3) return { prefix, first, middle: '', last: middle };
  return { prefix, first, middle, last };
}

export type Sex = 'male' | 'female' | 'unknown';

export function parseSex(text: string): Sex {
  if (text === '1') return 'male';
  if (text === '2') return 'female';
  return 'unknown';
}
