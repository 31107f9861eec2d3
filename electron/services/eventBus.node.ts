/** Typed events from services to whichever transports are attached (Electron IPC, WebSocket bridge). */
import type { EventName, EventPayload } from '../contract/contract.std.js';

type Listener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  /** Every event, for a transport that forwards them all. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
