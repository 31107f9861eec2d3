/** What every port source (serial, TCP, HID) reports to whoever runs it: bytes per connection, and state. */
import type { PortState } from './portState.std.js';
import type { DeviceErrorCode } from '../deviceErrors.std.js';
import type { RefusalCode } from './sourcePolicy.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export type Reply = (bytes: Uint8Array) => Promise<void>;

export interface PortSink {
  /**
   * Bytes from one connection (a serial port has one; a TCP listener one per client). `origin` is the
   * sender's address on a network connection (what its frame rate and control ids are counted under).
   */
  data(connection: string, chunk: Uint8Array, reply: Reply, origin?: string): void;
  /** The connection ended: whatever is half-received is flushed. */
  ended(connection: string): void;
  status(state: PortState, errorCode: DeviceErrorCode | null, detail: string | null): void;
  /** A connection was closed at once, never read: who, and why. */
  refused?(origin: string, code: RefusalCode): void;
}

export interface PortSource {
  start(): void;
  stop(): Promise<void>;
}

export function errorText(error: unknown): string {
  return errorMessage(error);
}
