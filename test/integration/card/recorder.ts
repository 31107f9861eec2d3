// Collects card reader events and waits for the one a test needs (never a fixed sleep).
import type { CardReaderEmit, CardReaderEvents } from '../../../drivers/card/cardReader.node.js';

type Entry = { [E in keyof CardReaderEvents]: { name: E; payload: CardReaderEvents[E] } }[keyof CardReaderEvents];

export class EventRecorder {
  readonly events: Entry[] = [];
  readonly #waiters = new Set<() => void>();

  readonly emit: CardReaderEmit = (name, payload) => {
    this.events.push({ name, payload } as Entry);
    for (const wake of this.#waiters) wake();
  };

  of<E extends keyof CardReaderEvents>(name: E): CardReaderEvents[E][] {
    return this.events.filter((event) => event.name === name).map((event) => event.payload as CardReaderEvents[E]);
  }

  /** Resolves with the first event (from `since` on) matching; rejects after `timeoutMs` with what was seen. */
  waitFor<E extends keyof CardReaderEvents>(
    name: E,
    match: (payload: CardReaderEvents[E]) => boolean = () => true,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<CardReaderEvents[E]> {
    const since = options.since ?? 0;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (const event of this.events.slice(since)) {
          if (event.name === name && match(event.payload as CardReaderEvents[E])) {
            cleanup();
            resolve(event.payload as CardReaderEvents[E]);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no ${name} within ${options.timeoutMs ?? 10_000} ms; saw ${this.events
              .slice(since)
              .map((e) => e.name)
              .join(', ')}`,
          ),
        );
      }, options.timeoutMs ?? 10_000);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const wake = (): void => {
        check();
      };
      if (!check()) this.#waiters.add(wake);
    });
  }

  get mark(): number {
    return this.events.length;
  }
}
