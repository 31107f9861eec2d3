/**
 * Plays device frames into the device end of a pty (or any writable tty), optionally split into small
 * chunks with pauses, the way a slow RS-232 line delivers them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface ReplayOptions {
  /** Bytes per write (default: the whole frame at once). */
  readonly chunkSize?: number;
  /** Pause between chunks and between frames. */
  readonly gapMs?: number;
}

export class SerialSimulator {
  readonly #fd: number;

  constructor(devicePath: string) {
    this.#fd = openSync(devicePath, 'w');
  }

  async send(frame: Uint8Array, options: ReplayOptions = {}): Promise<void> {
    const size = options.chunkSize ?? frame.length;
    for (let at = 0; at < frame.length; at += size) {
      writeSync(this.#fd, frame.subarray(at, at + size));
      if (options.gapMs !== undefined && options.gapMs > 0)
        await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
  }

  async replay(frames: readonly Uint8Array[], options: ReplayOptions = {}): Promise<void> {
    for (const frame of frames) await this.send(frame, options);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
