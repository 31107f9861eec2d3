/**
 * One port's byte stream through its profile: framer → decoder → (steady gate for streaming oximeters).
 * Pure, so the CLI, the main-process service, the benchmark and the fuzz tests all run the same code.
 */
import type { DeviceProfile } from './profiles.std.js';
import type { FrameEvent } from './parsers/framing.std.js';
import { rawText, type DecodeContext, type ParseError, type Reading } from './parsers/reading.std.js';
import { StableGate } from './stableGate.std.js';

export type StreamOutcome =
  | { readonly kind: 'reading'; readonly frame: Uint8Array; readonly reading: Reading }
  | { readonly kind: 'error'; readonly frame: Uint8Array; readonly error: ParseError; readonly isFrame: boolean };

export class DeviceStream {
  readonly profile: DeviceProfile;
  readonly #framer;
  readonly #now: () => string;
  readonly #gate: StableGate | undefined;
  readonly #hl7: () => DecodeContext['hl7'];

  /** `hl7`: the port's dialect and IT's code map, read per frame so a change applies without a restart. */
  constructor(profile: DeviceProfile, now: () => string, hl7: () => DecodeContext['hl7'] = () => undefined) {
    this.profile = profile;
    this.#framer = profile.createFramer();
    this.#now = now;
    this.#hl7 = hl7;
    this.#gate = profile.continuous === undefined ? undefined : new StableGate(profile.continuous);
  }

  push(chunk: Uint8Array): StreamOutcome[] {
    return this.#handle(this.#framer.push(chunk));
  }

  flush(): StreamOutcome[] {
    return this.#handle(this.#framer.flush());
  }

  #handle(events: readonly FrameEvent[]): StreamOutcome[] {
    const out: StreamOutcome[] = [];
    for (const event of events) {
      if (event.kind === 'garbage') {
        out.push({
          kind: 'error',
          frame: event.bytes,
          isFrame: false,
          error: {
            code: event.reason,
            detail: `${String(event.bytes.length)} bytes dropped: ${rawText(event.bytes.subarray(0, 40))}`,
          },
        });
        continue;
      }
      const result = this.profile.decode(event.bytes, {
        profile: this.profile.name,
        receivedAt: this.#now(),
        hl7: this.#hl7(),
      });
      if (this.#gate === undefined) {
        out.push(
          result.ok
            ? { kind: 'reading', frame: event.bytes, reading: result.reading }
            : { kind: 'error', frame: event.bytes, isFrame: true, error: result.error },
        );
        continue;
      }
      if (!result.ok) {
        // a streaming oximeter without a finger is idle, not in error
        if (result.error.code === 'device_no_values') this.#gate.reset();
        else out.push({ kind: 'error', frame: event.bytes, isFrame: true, error: result.error });
        continue;
      }
      const kept = this.#gate.offer(result.reading);
      if (kept !== undefined) out.push({ kind: 'reading', frame: event.bytes, reading: kept });
    }
    return out;
  }
}
