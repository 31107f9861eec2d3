/** Notes set aside from a frame, counted per reason in a stable order (what a nurse or IT reads first). */
import { SKIP_REASONS, type SkipReason } from './skipReasons.std.js';

export interface SkipCount {
  readonly reason: SkipReason;
  readonly count: number;
  /** What the device called the values (OBX-3 or field names), for IT; never shown to a nurse as codes. */
  readonly sources: readonly string[];
}

export function summariseSkipped(
  notes: readonly { readonly reason: SkipReason; readonly source: string }[],
): SkipCount[] {
  return SKIP_REASONS.flatMap((reason) => {
    const mine = notes.filter((note) => note.reason === reason);
    return mine.length === 0
      ? []
      : [{ reason, count: mine.length, sources: [...new Set(mine.map((note) => note.source))] }];
  });
}

/** The device's own codes for values no code map knows (OBX-3 as sent): what IT maps. */
export function unknownCodes(notes: readonly { readonly reason: SkipReason; readonly source: string }[]): string[] {
  return [...new Set(notes.filter((note) => note.reason === 'unknown_code').map((note) => note.source))];
}

/**
 * "ได้รับข้อความแล้ว 2 ค่าไม่เข้าใจ (รหัส 9001^X, 9002^Y)" / "received, 2 values not understood (codes …)"; null when
 * every code was understood. The codes are for IT, who maps them (IT's device view, the doctor); anyone else
 * reads that IT can map them.
 */
export function notUnderstoodWords(
  notes: readonly { readonly reason: SkipReason; readonly source: string }[],
  lang: 'th' | 'en',
  forIt = true,
): string | null {
  const count = notes.filter((note) => note.reason === 'unknown_code').length;
  if (count === 0) return null;
  const codes = unknownCodes(notes).join(', ');
  const which = forIt
    ? lang === 'th'
      ? `รหัส ${codes}`
      : `codes ${codes}`
    : lang === 'th'
      ? 'ฝ่ายไอทีตั้งผังรหัสได้'
      : 'IT can map them';
  return lang === 'th'
    ? `ได้รับข้อความแล้ว ${String(count)} ค่าไม่เข้าใจ (${which})`
    : `received, ${String(count)} value${count === 1 ? '' : 's'} not understood (${which})`;
}
