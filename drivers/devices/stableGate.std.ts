/**
 * Streaming oximeters send a value every second (Masimo) or 60 times a second (Contec). A nurse wants one
 * reading per spot check: this gate lets one through once the values have been steady for N samples,
 * then at most one per hold period while the finger stays in. Finger out starts afresh.
 */
import type { Reading, ParsedValue } from './parsers/reading.std.js';

export interface GateOptions {
  readonly stableSamples: number;
  readonly holdMs: number;
  /** How far a value may move between samples and still count as steady. */
  readonly tolerance: number;
}

export class StableGate {
  readonly #options: GateOptions;
  #previous: readonly ParsedValue[] | undefined;
  #steady = 0;
  #lastEmitMs: number | undefined;

  constructor(options: GateOptions) {
    this.#options = options;
  }

  /** A sample arrived; returns the reading to keep, if this is the one. */
  offer(reading: Reading): Reading | undefined {
    const steady = this.#previous !== undefined && sameWithin(this.#previous, reading.values, this.#options.tolerance);
    this.#steady = steady ? this.#steady + 1 : 1;
    this.#previous = reading.values;
    if (this.#steady < this.#options.stableSamples) return undefined;
    const now = Date.parse(reading.at);
    if (this.#lastEmitMs !== undefined && now - this.#lastEmitMs < this.#options.holdMs) return undefined;
    this.#lastEmitMs = now;
    return reading;
  }

  /** No measurement (finger out, probe off): the next steady run is a new spot check. */
  reset(): void {
    this.#previous = undefined;
    this.#steady = 0;
    this.#lastEmitMs = undefined;
  }
}

function sameWithin(a: readonly ParsedValue[], b: readonly ParsedValue[], tolerance: number): boolean {
  if (a.length !== b.length) return false;
  return a.every((item, i) => {
    const other = b[i];
    return other !== undefined && other.code === item.code && Math.abs(other.value - item.value) <= tolerance;
  });
}
