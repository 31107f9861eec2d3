/** Standard base64 (RFC 4648, padded) over bytes, in pure code (no Buffer, no atob in every runtime we run). */
const TABLE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += TABLE[(n >> 18) & 63] ?? '';
    out += TABLE[(n >> 12) & 63] ?? '';
    out += i + 1 < bytes.length ? (TABLE[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (TABLE[n & 63] ?? '') : '=';
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    buffer = (buffer << 6) | TABLE.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return new Uint8Array(bytes);
}
