/**
 * Streaming framers: bytes in (any chunking), complete frames out. Every framer resynchronises after
 * garbage, copes with split and merged frames, and bounds its buffer so a device spewing noise can never
 * grow memory. Bytes it throws away come out as `garbage` so the port can show a clear error.
 */
import type { ParseErrorCode } from './reading.std.js';

export type FrameEvent =
  | { readonly kind: 'frame'; readonly bytes: Uint8Array }
  | { readonly kind: 'garbage'; readonly bytes: Uint8Array; readonly reason: ParseErrorCode };

export interface Framer {
  push(chunk: Uint8Array): FrameEvent[];
  /** The line went quiet or closed: emit what can be emitted, drop the rest as garbage. */
  flush(): FrameEvent[];
}

export const STX = 0x02;
export const ETX = 0x03;
export const CR = 0x0d;
export const LF = 0x0a;

/** Bytes that devices put between frames (line ends, padding, flow control): never reported as garbage. */
const idleBytes = new Set([CR, LF, 0x00, 0x11, 0x13, 0x20]);

/** A growable byte buffer: append at the end, take from the front. */
export class ByteQueue {
  #bytes = new Uint8Array(256);
  #start = 0;
  #end = 0;

  get length(): number {
    return this.#end - this.#start;
  }

  append(chunk: Uint8Array): void {
    if (this.#end + chunk.length > this.#bytes.length) {
      const size = Math.max(this.#bytes.length, (this.length + chunk.length) * 2);
      const next = new Uint8Array(size);
      next.set(this.#bytes.subarray(this.#start, this.#end));
      this.#end -= this.#start;
      this.#start = 0;
      this.#bytes = next;
    }
    this.#bytes.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  /** The buffered bytes without taking them (a view: copy before keeping). */
  peek(): Uint8Array {
    return this.#bytes.subarray(this.#start, this.#end);
  }

  /** The byte at `index`, or -1 past the end (the array behind may hold stale bytes there). */
  at(index: number): number {
    if (index < 0 || index >= this.length) return -1;
    return this.#bytes[this.#start + index] ?? -1;
  }

  indexOf(byte: number, from = 0): number {
    const found = this.#bytes.subarray(0, this.#end).indexOf(byte, this.#start + from);
    return found < 0 ? -1 : found - this.#start;
  }

  /** Removes and returns the first `count` bytes (a copy, safe to keep). */
  take(wanted: number): Uint8Array {
    const count = Math.max(0, Math.min(wanted, this.length));
    const out = this.#bytes.slice(this.#start, this.#start + count);
    this.#start += count;
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
    }
    return out;
  }

  clear(): Uint8Array {
    return this.take(this.length);
  }
}

/** Garbage unless it is only idle bytes (line ends, padding) that devices send between frames. */
export function garbage(bytes: Uint8Array, reason: ParseErrorCode = 'device_frame_garbage'): FrameEvent[] {
  if (bytes.length === 0 || bytes.every((byte) => idleBytes.has(byte))) return [];
  return [{ kind: 'garbage', bytes, reason }];
}

export interface DelimitedOptions {
  readonly start: number;
  /** The end marker (one or more bytes). */
  readonly end: readonly number[];
  /** Bytes that follow the end marker and belong to the frame (a check character). */
  readonly trailer?: number;
  readonly maxLength: number;
}

/**
 * START … END [trailer]: MLLP (0x0B … 0x1C 0x0D), STX … ETX, STX … ETX + check character. A new START
 * before END means the previous frame was cut (unplug mid-frame): it is garbage and the new one counts.
 */
export class DelimitedFramer implements Framer {
  readonly #queue = new ByteQueue();
  readonly #options: DelimitedOptions;
  /**
   * With a START at 0, where the search for the next START or END resumes: the bytes before it were scanned
   * and hold neither, so each byte is scanned once however the stream is chunked (linear time).
   */
  #scan = 1;

  constructor(options: DelimitedOptions) {
    this.#options = options;
  }

  push(chunk: Uint8Array): FrameEvent[] {
    this.#queue.append(chunk);
    const out: FrameEvent[] = [];
    const { start, end, maxLength } = this.#options;
    const trailer = this.#options.trailer ?? 0;
    const firstEnd = end[0] ?? -1;
    for (;;) {
      const begin = this.#queue.indexOf(start);
      if (begin < 0) {
        out.push(...this.#take(this.#queue.length, 'device_frame_garbage'));
        return out;
      }
      if (begin > 0) out.push(...this.#take(begin, 'device_frame_garbage'));
      const restart = this.#queue.indexOf(start, this.#scan);
      const stop = this.#findEnd(firstEnd, this.#scan);
      if (restart > 0 && (stop < 0 || restart < stop)) {
        out.push(...this.#take(restart, 'device_frame_malformed'));
        continue;
      }
      if (stop < 0) {
        if (this.#queue.length > maxLength) {
          out.push(...this.#take(this.#queue.length, 'device_frame_too_long'));
          return out;
        }
        // an END marker cut by the chunk boundary starts within its length of the end
        this.#scan = Math.max(1, this.#queue.length - end.length + 1);
        return out;
      }
      const total = stop + end.length + trailer;
      if (this.#queue.length < total) {
        this.#scan = stop;
        return out;
      }
      this.#scan = 1;
      out.push({ kind: 'frame', bytes: this.#queue.take(total) });
    }
  }

  flush(): FrameEvent[] {
    return this.#take(this.#queue.length, 'device_frame_malformed');
  }

  /** Drops the first `count` bytes as garbage; the scan restarts with whatever is left. */
  #take(count: number, reason: ParseErrorCode): FrameEvent[] {
    this.#scan = 1;
    return garbage(this.#queue.take(count), reason);
  }

  #findEnd(firstEnd: number, from: number): number {
    const { end } = this.#options;
    let at = from;
    for (;;) {
      at = this.#queue.indexOf(firstEnd, at);
      if (at < 0) return -1;
      let whole = true;
      for (let k = 1; k < end.length; k += 1) {
        const next = this.#queue.at(at + k);
        if (next === -1) return -1; // the rest of the marker has not arrived yet
        if (next !== end[k]) whole = false;
      }
      if (whole) return at;
      at += 1;
    }
  }
}

export interface LineOptions {
  readonly maxLength: number;
  /** Lines that are not frames (banners, blank padding) are dropped silently when this says so. */
  readonly ignore?: (line: string) => boolean;
  /** A lone CR also ends a line (devices that end lines with CR only); the LF of a CRLF is then idle padding. */
  readonly crEndsLine?: boolean;
}

/** One frame per line (LF, with or without CR before it; or CR alone with `crEndsLine`). CR/LF stay in the frame. */
export class LineFramer implements Framer {
  readonly #queue = new ByteQueue();
  readonly #options: LineOptions;

  constructor(options: LineOptions) {
    this.#options = options;
  }

  push(chunk: Uint8Array): FrameEvent[] {
    this.#queue.append(chunk);
    const out: FrameEvent[] = [];
    for (;;) {
      const lf = this.#lineEnd();
      if (lf < 0) {
        if (this.#queue.length > this.#options.maxLength)
          out.push(...garbage(this.#queue.clear(), 'device_frame_too_long'));
        return out;
      }
      const line = this.#queue.take(lf + 1);
      if (lf > this.#options.maxLength) {
        out.push(...garbage(line, 'device_frame_too_long'));
        continue;
      }
      out.push(...this.#emit(line));
    }
  }

  flush(): FrameEvent[] {
    return garbage(this.#queue.clear(), 'device_frame_malformed');
  }

  /** Where the first line ends (its LF, or its CR when a lone CR ends lines), or -1. */
  #lineEnd(): number {
    const lf = this.#queue.indexOf(LF);
    if (this.#options.crEndsLine !== true) return lf;
    const cr = this.#queue.indexOf(CR);
    if (cr < 0) return lf;
    return lf < 0 || cr < lf ? cr : lf;
  }

  #emit(line: Uint8Array): FrameEvent[] {
    let text = '';
    for (const byte of line) if (byte !== CR && byte !== LF) text += String.fromCharCode(byte);
    if (text.trim() === '') return [];
    if (this.#options.ignore?.(text) === true) return [];
    return [{ kind: 'frame', bytes: line }];
  }
}

/**
 * Fixed-size packets whose first byte has the sync bit (0x80) set and whose other bytes have it clear
 * (Contec CMS50D+). A sync byte in the middle of a packet restarts the packet there.
 */
export class SyncBitFramer implements Framer {
  readonly #size: number;
  #packet: number[] = [];
  #skipped: number[] = [];

  constructor(size: number) {
    this.#size = size;
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const out: FrameEvent[] = [];
    for (const byte of chunk) {
      const sync = (byte & 0x80) !== 0;
      if (sync) {
        if (this.#packet.length > 0) this.#skipped.push(...this.#packet);
        this.#packet = [byte];
      } else if (this.#packet.length === 0) {
        this.#skipped.push(byte);
        if (this.#skipped.length >= 256) out.push(...this.#dropSkipped());
      } else {
        this.#packet.push(byte);
      }
      if (this.#packet.length === this.#size) {
        out.push(...this.#dropSkipped());
        out.push({ kind: 'frame', bytes: Uint8Array.from(this.#packet) });
        this.#packet = [];
      }
    }
    return out;
  }

  flush(): FrameEvent[] {
    this.#skipped.push(...this.#packet);
    this.#packet = [];
    return this.#dropSkipped();
  }

  #dropSkipped(): FrameEvent[] {
    const bytes = Uint8Array.from(this.#skipped);
    this.#skipped = [];
    return bytes.length === 0 ? [] : [{ kind: 'garbage', bytes, reason: 'device_frame_malformed' }];
  }
}

/** Splits a frame's text on a separator, for CSV-like protocols. */
export function fieldsOf(text: string, separator: string): string[] {
  return text.split(separator).map((field) => field.trim());
}

/** Each pushed chunk is already one whole frame (the HID session hands over complete records). */
export class WholeChunkFramer implements Framer {
  push(chunk: Uint8Array): FrameEvent[] {
    return chunk.length === 0 ? [] : [{ kind: 'frame', bytes: chunk.slice() }];
  }

  flush(): FrameEvent[] {
    return [];
  }
}
