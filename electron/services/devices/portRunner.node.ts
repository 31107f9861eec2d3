/**
 * Runs one configured port: bytes from its source go through the profile's DeviceStream; each reading is
 * written to the inbox (durable) and only then acknowledged (HL7) and announced to the renderer.
 */
import { isStorageFull } from '../../../sync/store/storageFull.std.js';
import type { PortStatus, PortState, ReadingSubject } from '../../contract/devices.std.js';
import type { DeviceErrorCode } from '../../../drivers/devices/deviceErrors.std.js';
import { DeviceStream, type StreamOutcome } from '../../../drivers/devices/deviceStream.std.js';
import type { DeviceProfile } from '../../../drivers/devices/profiles.std.js';
import { ackBytesFor } from '../../../drivers/devices/ack.std.js';
import type {
  DecodeContext,
  DecodeResult,
  Reading,
  SkippedValue,
} from '../../../drivers/devices/parsers/reading.std.js';
import type { PortSink, PortSource, Reply } from '../../../drivers/devices/ports/portEvents.node.js';
import { FrameRate, type RefusalCode } from '../../../drivers/devices/ports/sourcePolicy.std.js';
import type { DeviceInbox } from './deviceInbox.node.js';
import type { EventBus } from '../eventBus.node.js';
import type { Logger } from '../logging/logger.node.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export interface RunnerDeps {
  readonly inbox: DeviceInbox;
  readonly events: EventBus;
  readonly log: Logger;
  /** Who a reading's own identifiers name (HL7 PID), resolved without raw identifiers; null when it names nobody. */
  readonly subjectOf: (reading: Reading) => ReadingSubject | null;
  readonly now: () => Date;
  /** HL7 ports: the dialect IT picked and IT's code map (read per frame). */
  readonly hl7?: () => DecodeContext['hl7'];
}

/** At most one "garbage" event a second per port: a noisy line must not flood the renderer. */
const garbageEventIntervalMs = 1000;

export class PortRunner implements PortSink {
  readonly port: string;
  readonly profile: DeviceProfile;
  readonly #deps: RunnerDeps;
  readonly #streams = new Map<
    string,
    { stream: DeviceStream; reply: Reply; origin: string | undefined; idle?: ReturnType<typeof setTimeout> }
  >();
  #status: PortStatus;
  #lastGarbageEvent = 0;
  #lastRefusalEvent = 0;
  /** Frames per minute per sending address (TCP listeners); undefined: no limit (serial, HID, demo). */
  #rate: FrameRate | undefined;
  /** Connections refused and frames dropped over the rate since the runner started, by code (for IT). */
  readonly refusals: Partial<Record<RefusalCode | 'device_source_rate_limited', number>> = {};
  #ackCounter = 0;
  #upBefore = false;
  /** Bytes received since the runner started (for diagnostics and tests). */
  bytesReceived = 0;
  source: PortSource | undefined;

  constructor(port: string, profile: DeviceProfile, deps: RunnerDeps) {
    this.port = port;
    this.profile = profile;
    this.#deps = deps;
    // What the inbox already holds of this port (a restart keeps the last frame not taken on the status).
    this.#status = {
      ...closedStatus(port, profile, deps.hl7?.()?.dialect ?? null, deps.now()),
      ...deps.inbox.lastFrames(port),
    };
  }

  get currentStatus(): PortStatus {
    return this.#status;
  }

  status(state: PortState, errorCode: DeviceErrorCode | null, detail: string | null): void {
    const changed =
      state !== this.#status.state || errorCode !== this.#status.errorCode || detail !== this.#status.detail;
    if (!changed) return;
    const up = state === 'open' || state === 'listening';
    const wasUp = this.#status.state === 'open' || this.#status.state === 'listening';
    // Back up after having been up before: a reconnect (the first open is not one).
    const reconnects = this.#status.reconnects + (up && !wasUp && this.#upBefore ? 1 : 0);
    if (up) this.#upBefore = true;
    this.#status = { ...this.#status, state, errorCode, detail, since: this.#deps.now().toISOString(), reconnects };
    this.#deps.events.emit('devices.status', this.#status);
    if (errorCode !== null)
      this.#deps.log.warn(
        { port: this.port, profile: this.profile.name, state, errorCode, detail },
        'device port problem',
      );
  }

  /** Limits each sending address to `perMinute` frames (set for a TCP listener from its policy). */
  limitFrames(perMinute: number): void {
    this.#rate = new FrameRate(perMinute);
  }

  data(connection: string, chunk: Uint8Array, reply: Reply, origin?: string): void {
    this.bytesReceived += chunk.length;
    let entry = this.#streams.get(connection);
    if (entry === undefined) {
      entry = {
        stream: new DeviceStream(this.profile, () => this.#deps.now().toISOString(), this.#deps.hl7),
        reply,
        origin,
      };
      this.#streams.set(connection, entry);
    }
    entry.reply = reply;
    this.#handle(entry.stream.push(chunk), reply, origin);
    const idleMs = this.profile.idleFlushMs;
    if (idleMs !== undefined) {
      const current = entry;
      if (current.idle !== undefined) clearTimeout(current.idle);
      current.idle = setTimeout(() => this.#handle(current.stream.flush(), current.reply, current.origin), idleMs);
    }
  }

  refused(origin: string, code: RefusalCode): void {
    this.#refusal(code, origin);
  }

  /** Counted, logged with the address (never patient data), and told to the renderer at most once a second. */
  #refusal(code: RefusalCode | 'device_source_rate_limited', origin: string): void {
    this.refusals[code] = (this.refusals[code] ?? 0) + 1;
    const now = this.#deps.now();
    if (now.getTime() - this.#lastRefusalEvent < garbageEventIntervalMs) return;
    this.#lastRefusalEvent = now.getTime();
    const detail = `${origin} (${String(this.refusals[code])} so far)`;
    this.#deps.log.warn({ port: this.port, origin, code, count: this.refusals[code] }, 'device source refused');
    this.#deps.events.emit('devices.error', {
      port: this.port,
      profile: this.profile.name,
      code,
      detail,
      inboxId: null,
      at: now.toISOString(),
    });
  }

  ended(connection: string): void {
    const entry = this.#streams.get(connection);
    if (entry === undefined) return;
    if (entry.idle !== undefined) clearTimeout(entry.idle);
    this.#streams.delete(connection);
    this.#handle(entry.stream.flush(), entry.reply, entry.origin);
  }

  /** Feeds bytes as if they came from the device (demo mode). */
  inject(chunk: Uint8Array): void {
    this.data('demo', chunk, () => Promise.resolve());
  }

  #handle(outcomes: readonly StreamOutcome[], reply: Reply, origin: string | undefined): void {
    for (const outcome of outcomes) this.#one(outcome, reply, origin);
  }

  #one(outcome: StreamOutcome, reply: Reply, origin: string | undefined): void {
    const now = this.#deps.now();
    if (outcome.kind === 'error' && !outcome.isFrame) {
      if (now.getTime() - this.#lastGarbageEvent < garbageEventIntervalMs) return;
      this.#lastGarbageEvent = now.getTime();
      this.#deps.events.emit('devices.error', {
        port: this.port,
        profile: this.profile.name,
        code: outcome.error.code,
        detail: outcome.error.detail,
        inboxId: null,
        at: now.toISOString(),
      });
      return;
    }
    // Over its rate a source's frame is neither stored nor acknowledged: a real monitor sends it again later.
    if (origin !== undefined && this.#rate?.take(origin, now.getTime()) === false) {
      this.#refusal('device_source_rate_limited', origin);
      return;
    }
    const sender = origin ?? null;
    this.#status = { ...this.#status, lastFrameAt: now.toISOString() };
    try {
      if (outcome.kind === 'reading') {
        const stored = this.#deps.inbox.storeReading({
          port: this.port,
          profile: this.profile.name,
          frame: outcome.frame,
          reading: outcome.reading,
          subject: this.#deps.subjectOf(outcome.reading),
          sender,
          now,
        });
        this.#ack(outcome.frame, { ok: true, reading: outcome.reading }, reply);
        this.#notTaken(outcome.reading.values.length, outcome.reading.skipped, now);
        if (!stored.duplicate) this.#deps.events.emit('devices.reading', stored.item);
        return;
      }
      const item = this.#deps.inbox.storeError({
        port: this.port,
        profile: this.profile.name,
        frame: outcome.frame,
        errorCode: outcome.error.code,
        skipped: outcome.error.skipped,
        sender,
        now,
      });
      this.#ack(outcome.frame, { ok: false, error: outcome.error }, reply);
      this.#notTaken(0, outcome.error.skipped, now);
      this.#deps.events.emit('devices.error', {
        port: this.port,
        profile: this.profile.name,
        code: outcome.error.code,
        detail: outcome.error.detail,
        inboxId: item.id,
        at: now.toISOString(),
      });
    } catch (error) {
      // Not stored means not acknowledged: the monitor will send it again.
      const detail = errorMessage(error);
      this.#deps.log.error({ port: this.port, profile: this.profile.name, err: detail }, 'device inbox write failed');
      const code = isStorageFull(error) ? 'storage_full' : 'storage_failed';
      this.#deps.events.emit('devices.error', {
        port: this.port,
        profile: this.profile.name,
        code,
        detail,
        inboxId: null,
        at: now.toISOString(),
      });
    }
  }

  /** A frame that set values aside shows on the port's status until a later one does (IT's device view). */
  #notTaken(charted: number, skipped: readonly SkippedValue[] | undefined, now: Date): void {
    if (skipped === undefined || skipped.length === 0) return;
    this.#status = { ...this.#status, lastNotTaken: { at: now.toISOString(), charted, skipped: [...skipped] } };
    this.#deps.events.emit('devices.status', this.#status);
  }

  #ack(frame: Uint8Array, result: DecodeResult, reply: Reply): void {
    this.#ackCounter += 1;
    const bytes = ackBytesFor(
      this.profile,
      frame,
      result,
      this.#deps.now(),
      `ACK${String(Date.now())}${String(this.#ackCounter)}`,
    );
    if (bytes === undefined) return;
    reply(bytes).catch((error: unknown) => {
      this.#deps.log.warn({ port: this.port, err: errorMessage(error) }, 'ACK not delivered');
    });
  }

  async stop(): Promise<void> {
    for (const entry of this.#streams.values()) if (entry.idle !== undefined) clearTimeout(entry.idle);
    await this.source?.stop();
  }
}

/** The status of a port before it has opened (or a configured port that is not running). */
export function closedStatus(
  port: string,
  profile: DeviceProfile,
  dialect: PortStatus['dialect'],
  now: Date,
  state: PortState = 'closed',
): PortStatus {
  return {
    port,
    profile: profile.name,
    state,
    errorCode: null,
    detail: null,
    since: now.toISOString(),
    lastFrameAt: null,
    dialect,
    lastNotTaken: null,
    reconnects: 0,
  };
}
