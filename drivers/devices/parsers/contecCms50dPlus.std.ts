/**
 * Contec CMS50D+ (older firmware) live data: 19200 8O1 with XON/XOFF, 5-byte packets at 60 Hz.
 * byte0: sync bit 0x80, signal strength (low 4 bits), finger out 0x10, dropping SpO2 0x20, beep 0x40;
 * byte1: pleth; byte2: bar graph, probe error 0x10, searching 0x20, pulse-rate bit 7 in 0x40;
 * byte3: pulse rate low 7 bits; byte4: SpO2. Bytes 1–4 have bit 7 clear.
 * Values 127 (SpO2) and 255 (pulse) mean "no value".
 *
 * Source: atbrask/CMS50Dplus cms50dplus/cms50dplus.py (LiveDataPoint); several parsers agree (reference
 * §A3). Confidence H. Firmware 4.6 speaks another protocol (MarkMLl/Contec_cms50dplus): not this profile.
 */
import { SyncBitFramer, type Framer } from './framing.std.js';
import { Loinc, buildReading, fail, vital, type DecodeContext, type DecodeResult } from './reading.std.js';

export function createContecFramer(): Framer {
  return new SyncBitFramer(5);
}

export function decodeContecPacket(frame: Uint8Array, ctx: DecodeContext): DecodeResult {
  if (frame.length !== 5) return fail('device_frame_malformed', `packet of ${String(frame.length)} bytes, expected 5`);
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = frame;
  if ((b0 & 0x80) === 0 || ((b1 | b2 | b3 | b4) & 0x80) !== 0) return fail('device_frame_malformed', 'sync bits wrong');
  const fingerOut = (b0 & 0x10) !== 0;
  const probeError = (b2 & 0x10) !== 0;
  const searching = (b2 & 0x20) !== 0;
  const pulse = ((b2 & 0x40) << 1) | (b3 & 0x7f);
  const spo2 = b4 & 0x7f;
  if (fingerOut || probeError || searching || spo2 === 127 || pulse === 255 || spo2 === 0 || pulse === 0) {
    return fail('device_no_values', fingerOut ? 'finger out' : probeError ? 'probe error' : 'searching');
  }
  return buildReading(ctx, frame, [vital(Loinc.spo2, spo2), vital(Loinc.heartRate, pulse)]);
}

/** One live packet (for simulators and tests). */
export function encodeContecPacket(
  spo2: number,
  pulse: number,
  flags: { fingerOut?: boolean; pleth?: number } = {},
): Uint8Array {
  return Uint8Array.from([
    0x80 | 0x08 | (flags.fingerOut === true ? 0x10 : 0),
    (flags.pleth ?? 64) & 0x7f,
    0x05 | ((pulse & 0x80) >> 1),
    pulse & 0x7f,
    spo2 & 0x7f,
  ]);
}
