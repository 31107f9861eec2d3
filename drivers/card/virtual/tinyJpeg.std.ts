/**
 * A tiny baseline JPEG encoder for synthetic card photos: grayscale, one flat tone per 8×8 block, so only DC
 * coefficients are coded (AC = EOB). Enough for a blocky, clearly fake portrait that any decoder shows, with
 * no image library and no real face anywhere in the repository.
 */
const DC_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // ITU T.81 table K.3 (luminance DC)
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

/** Canonical Huffman codes from the per-length counts (T.81 annex C). */
function canonicalCodes(
  counts: readonly number[],
  symbols: readonly number[],
): Map<number, { code: number; length: number }> {
  const out = new Map<number, { code: number; length: number }>();
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length += 1) {
    for (let i = 0; i < (counts[length - 1] ?? 0); i += 1) {
      out.set(symbols[k] ?? 0, { code, length });
      code += 1;
      k += 1;
    }
    code <<= 1;
  }
  return out;
}

class BitWriter {
  readonly bytes: number[] = [];
  #acc = 0;
  #n = 0;
  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i -= 1) {
      this.#acc = (this.#acc << 1) | ((value >> i) & 1);
      this.#n += 1;
      if (this.#n === 8) this.#flush();
    }
  }
  #flush(): void {
    this.bytes.push(this.#acc);
    if (this.#acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.#acc = 0;
    this.#n = 0;
  }
  finish(): number[] {
    if (this.#n > 0) this.write(0xff, 8 - this.#n); // pad with 1-bits
    return this.bytes;
  }
}

function segment(marker: number, body: readonly number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/** `tones[row][col]` are 0-255 gray levels of each 8×8 block. */
export function encodeBlockJpeg(tones: readonly (readonly number[])[]): Uint8Array {
  const rows = tones.length;
  const cols = tones[0]?.length ?? 0;
  if (rows === 0 || cols === 0) throw new RangeError('empty image');
  const width = cols * 8;
  const height = rows * 8;
  const dc = canonicalCodes(DC_COUNTS, DC_SYMBOLS);
  const bits = new BitWriter();
  let previous = 0;
  for (const row of tones) {
    for (const tone of row) {
      // With every quantiser = 8, the quantised DC of a flat block is its level-shifted value.
      const value = Math.max(0, Math.min(255, Math.round(tone))) - 128;
      const diff = value - previous;
      previous = value;
      const magnitude = Math.abs(diff);
      const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
      const code = dc.get(category);
      if (code === undefined) throw new RangeError('DC out of range');
      bits.write(code.code, code.length);
      if (category > 0) bits.write(diff > 0 ? diff : diff + (1 << category) - 1, category);
      bits.write(0, 1); // AC: end of block (the only AC code, '0')
    }
  }
  const bytes = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(8)]),
    ...segment(0xc0, [0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00]),
    ...segment(0xc4, [0x00, ...DC_COUNTS, ...DC_SYMBOLS]),
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    ...bits.finish(),
    0xff,
    0xd9,
  ];
  return Uint8Array.from(bytes);
}

/** A 96×120 blocky head-and-shoulders silhouette; `seed` varies the tones so each identity's photo differs. */
export function syntheticPortrait(seed: number): Uint8Array {
  const rows = 15;
  const cols = 12;
  const background = 200 - (seed % 5) * 12;
  const figure = 60 + (seed % 7) * 10;
  const tones: number[][] = [];
  for (let r = 0; r < rows; r += 1) {
    const row: number[] = [];
    for (let c = 0; c < cols; c += 1) {
      const head = (r - 5) ** 2 / 9 + (c - 5.5) ** 2 / 6 <= 1;
      const shoulders = r >= 11 && Math.abs(c - 5.5) <= 2 + (r - 11) * 1.2;
      row.push(head || shoulders ? figure : background + ((r + c + seed) % 3) * 4);
    }
    tones.push(row);
  }
  return encodeBlockJpeg(tones);
}
