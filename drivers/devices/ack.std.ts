/** The HL7 acknowledgement a profile sends for a decoded frame (none for profiles without ACK). */
import type { DeviceProfile } from './profiles.std.js';
import { ackCodeFor, ackTextFor, buildAck, hl7Time, mllpWrap } from './parsers/hl7.std.js';
import { asciiBytes, type DecodeResult } from './parsers/reading.std.js';

export function ackBytesFor(
  profile: DeviceProfile,
  frame: Uint8Array,
  result: DecodeResult,
  now: Date,
  controlId: string,
): Uint8Array | undefined {
  if (profile.ack === undefined) return undefined;
  const note = ackTextFor(result);
  const text = buildAck({
    code: ackCodeFor(result),
    frame,
    now: hl7Time(now),
    controlId,
    ...(note === undefined ? {} : { text: note }),
  });
  return profile.ack === 'mllp' ? mllpWrap(text) : asciiBytes(text);
}
