/**
 * The frame text kept with a reading is shown on screens and stored as JSON: an id the device carries (a kiosk's
 * patient or card id) is written `[id]` there. The exact bytes stay in the inbox's raw column for IT.
 */
import type { DecodeResult } from './reading.std.js';

export function maskReadingRaw(result: DecodeResult, mask: (raw: string) => string): DecodeResult {
  return result.ok ? { ok: true, reading: { ...result.reading, raw: mask(result.reading.raw) } } : result;
}
