/**
 * Wire-speed throttle of the virtual card: ISO 7816 T=0 at 9600 bps moves one character of 10 bit times
 * (start, 8 data, parity; guard time ignored) in about 1.04 ms, sent or received. The clock keeps a running
 * deadline, so timer lateness on one APDU is absorbed by the next instead of adding up.
 */
export const T0_9600_MS_PER_BYTE = 10_000 / 9600;

export class WireClock {
  readonly msPerByte: number;
  #busyUntil = 0;

  constructor(msPerByte: number) {
    this.msPerByte = msPerByte;
  }

  /** Waits until `bytes` more would have crossed the line. */
  async pass(bytes: number): Promise<void> {
    if (this.msPerByte <= 0) return;
    const now = performance.now();
    this.#busyUntil = Math.max(now, this.#busyUntil) + bytes * this.msPerByte;
    const wait = this.#busyUntil - now;
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, Math.floor(wait)));
  }
}
