/**
 * What the card reader orchestration needs from a card stack: readers with presence, insert/remove events, and
 * a short SHARED connection whose `transmit` sends one APDU. PC/SC (pcsc/pcscBackend.node.ts) and the in-process
 * virtual card (virtual/inProcessBackend.node.ts) both implement it.
 */
import type { Transmit } from './protocol/channel.std.js';

export interface ReaderState {
  readonly name: string;
  readonly present: boolean;
  readonly atr: Uint8Array | null;
}

export type BackendEvent =
  | { readonly type: 'reader-attached'; readonly reader: string }
  | { readonly type: 'reader-detached'; readonly reader: string }
  | { readonly type: 'card-inserted'; readonly reader: string; readonly atr: Uint8Array | null }
  | { readonly type: 'card-removed'; readonly reader: string }
  | { readonly type: 'service'; readonly up: boolean; readonly detail: string };

export interface CardSession {
  readonly atr: Uint8Array;
  readonly transmit: Transmit;
  /** Disconnects and leaves the card powered for the next program (NHSO agent) to use. */
  close(): Promise<void>;
}

export interface CardBackend {
  readonly kind: 'pcsc' | 'virtual';
  start(listener: (event: BackendEvent) => void): void;
  stop(): Promise<void>;
  serviceUp(): boolean;
  /** The card stack itself is missing on this machine (PC/SC support not installed): no retry can help. */
  supportMissing(): boolean;
  readers(): ReaderState[];
  connect(reader: string): Promise<CardSession>;
}
