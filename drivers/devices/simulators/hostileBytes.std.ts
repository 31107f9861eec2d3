/**
 * Hostile byte streams for a framer: what a LAN host or a broken device can send to make a naive framer
 * rescan its whole buffer on every byte (an opened MLLP frame full of FS bytes with no CR after them, a raw
 * HL7 message full of segment-start "MSH" with no "|", an STX frame that never ends).
 */
import type { ProfileName } from '../profiles.std.js';

function repeat(head: readonly number[], unit: readonly number[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  out.set(head.slice(0, total));
  for (let i = head.length; i < total; i += 1) out[i] = unit[(i - head.length) % unit.length] ?? 0;
  return out;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** `total` hostile bytes aimed at the framer of `profile`. */
export function hostileBytes(profile: ProfileName, total: number): Uint8Array {
  if (profile === 'hl7-mllp') return repeat([0x0b], [0x1c], total);
  if (profile === 'hl7-raw-tcp') return repeat(ascii('MSH|'), ascii('\rMSH'), total);
  // Every other framer: a frame opened (STX, ESC, '@') and never closed, with digits and separators.
  return repeat([0x02], ascii('1,2;\x1b@'), total);
}
