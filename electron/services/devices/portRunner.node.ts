/**
 * Runs one configured port: bytes from its source go through the profile's DeviceStream; each reading is
 * written to the inbox (durable) and only then acknowledged (HL7) and announced to the renderer.
 */
import { isStorageFull } from '../../../sync/store/storageFull.std.js';
import type { PortStatus, PortState, ReadingSubject } from '../../contract/devices.std.js';
import type { DeviceErrorCode } from '../../contract/deviceErrors.std.js';
import { DeviceStream, type StreamOutcome } from '../../../drivers/devices/deviceStream.std.js';
import type { DeviceProfile } from '../../../drivers/devices/profiles.std.js';
import { ackBytesFor } from '../../../drivers/devices/ack.std.js';
import type { DecodeResult, Reading } from '../../../drivers/devices/parsers/reading.std.js';
import type { PortSink, PortSource, Reply } from '../../../drivers/devices/ports/portEvents.node.js';
import type { DeviceInbox } from './deviceInbox.node.js';
import type { EventBus } from '../eventBus.node.js';
import type { Logger } from '../logging/logger.node.js';

export interface RunnerDeps {
  readonly inbox: DeviceInbox;
  readonly events: EventBus;
  readonly log: Logger;
  /** Who a reading's own identifiers name (HL7 PID), resolved without raw identifiers; null when it names nobody. */
  readonly subjectOf: (reading: Reading) => ReadingSubject | null;
  readonly now: () => Date;
}

/** At most one "garbage" event a second per port: a noisy line must not flood the renderer. */
const garbageEventIntervalMs = 1000;

export class PortRunner implements PortSink {
  readonly port: string;
  readonly profile: DeviceProfile;
  readonly #deps: RunnerDeps;
  readonly #streams = new Map<string, { stream: DeviceStream; reply: Reply; idle?: ReturnType<typeof setTimeout> }>();
  #status: PortStatus;
  #lastGarbageEvent = 0;
  #ackCounter = 0;
  /** Bytes received since the runner started (for diagnostics and tests). */
  bytesReceived = 0;
  source: PortSource | undefined;

  constructor(port: string, profile: DeviceProfile, deps: RunnerDeps) {
    this.port = port;
    this.profile = profile;
    this.#deps = deps;
    this.#status = { port, profile: profile.name, state: 'closed', errorCode: null, detail: null, since: deps.now().toISOString(), lastFrameAt: null };
  }

  get currentStatus(): PortStatus {
    return this.#status;
  }

  status(state: PortState, errorCode: DeviceErrorCode | null, detail: string | null): void {
    const changed = state !== this.#status.state || errorCode !== this.#status.errorCode || detail !== this.#status.detail;
    if (!changed) return;
    this.#status = { ...this.#status, state, errorCode, detail, since: this.#deps.now().toISOString() };
    this.#deps.events.emit('devices.status', this.#status);
    if (errorCode !== null) this.#deps.log.warn({ port: this.port, profile: this.profile.name, state, errorCode, detail }, 'device port problem');
  }

  data(connection: string, chunk: Uint8Array, reply: Reply): void {
    this.bytesReceived += chunk.length;
    let entry = this.#streams.get(connection);
    if (entry === undefined) {
      entry = { stream: new DeviceStream(this.profile, () => this.#deps.now().toISOString()), reply };
      this.#streams.set(connection, entry);
    }
    entry.reply = reply;
    this.#handle(entry.stream.push(chunk), reply);
    const idleMs = this.profile.idleFlushMs;
    if (idleMs !== undefined) {
      const current = entry;
      if (current.idle !== undefined) clearTimeout(current.idle);
      current.idle = setTimeout(() => this.#handle(current.stream.flush(), current.reply), idleMs);
    }
  }

  ended(connection: string): void {
    const entry = this.#streams.get(connection);
    if (entry === undefined) return;
    if (entry.idle !== undefined) clearTimeout(entry.idle);
    this.#streams.delete(connection);
    this.#handle(entry.stream.flush(), entry.reply);
  }

  /** Feeds bytes as if they came from the device (demo mode). */
  inject(chunk: Uint8Array): void {
    this.data('demo', chunk, () => Promise.resolve());
  }

  #handle(outcomes: readonly StreamOutcome[], reply: Reply): void {
    for (const outcome of outcomes) this.#one(outcome, reply);
  }

  #one(outcome: StreamOutcome, reply: Reply): void {
    const now = this.#deps.now();
    if (outcome.kind === 'error' && !outcome.isFrame) {
      if (now.getTime() - this.#lastGarbageEvent < garbageEventIntervalMs) return;
      this.#lastGarbageEvent = now.getTime();
      this.#deps.events.emit('devices.error', { port: this.port, profile: this.profile.name, code: outcome.error.code, detail: outcome.error.detail, inboxId: null, at: now.toISOString() });
      return;
    }
    this.#status = { ...this.#status, lastFrameAt: now.toISOString() };
    try {
      if (outcome.kind === 'reading') {
        const stored = this.#deps.inbox.storeReading({ port: this.port, profile: this.profile.name, frame: outcome.frame, reading: outcome.reading, subject: this.#deps.subjectOf(outcome.reading), now });
        this.#ack(outcome.frame, { ok: true, reading: outcome.reading }, reply);
        if (!stored.duplicate) this.#deps.events.emit('devices.reading', stored.item);
        return;
      }
      const item = this.#deps.inbox.storeError({ port: this.port, profile: this.profile.name, frame: outcome.frame, errorCode: outcome.error.code, now });
      this.#ack(outcome.frame, { ok: false, error: outcome.error }, reply);
      this.#deps.events.emit('devices.error', { port: this.port, profile: this.profile.name, code: outcome.error.code, detail: outcome.error.detail, inboxId: item.id, at: now.toISOString() });
    } catch (error) {
      // Not stored means not acknowledged: the monitor will send it again.
      const detail = error instanceof Error ? error.message : String(error);
      this.#deps.log.error({ port: this.port, profile: this.profile.name, err: detail }, 'device inbox write failed');
      const code = isStorageFull(error) ? 'storage_full' : 'storage_failed';
      this.#deps.events.emit('devices.error', { port: this.port, profile: this.profile.name, code, detail, inboxId: null, at: now.toISOString() });
    }
  }

  #ack(frame: Uint8Array, result: DecodeResult, reply: Reply): void {
    this.#ackCounter += 1;
    const bytes = ackBytesFor(this.profile, frame, result, this.#deps.now(), `ACK${String(Date.now())}${String(this.#ackCounter)}`);
    if (bytes === undefined) return;
    reply(bytes).catch((error: unknown) => {
      this.#deps.log.warn({ port: this.port, err: error instanceof Error ? error.message : String(error) }, 'ACK not delivered');
    });
  }

  async stop(): Promise<void> {
    for (const entry of this.#streams.values()) if (entry.idle !== undefined) clearTimeout(entry.idle);
    await this.source?.stop();
  }
}
