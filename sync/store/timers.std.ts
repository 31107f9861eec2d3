/** Time and timers as background jobs use them: the real ones in the app, a manual clock in tests. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
