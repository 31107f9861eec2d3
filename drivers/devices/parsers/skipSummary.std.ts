/** Notes set aside from a frame, counted per reason in a stable order (what a nurse or IT reads first). */
import { SKIP_REASONS, type SkipReason } from './skipReasons.std.js';

export interface SkipCount {
  readonly reason: SkipReason;
  readonly count: number;
  /** What the device called the values (OBX-3 or field names), for IT; never shown to a nurse as codes. */
  readonly sources: readonly string[];
}

export function summariseSkipped(notes: readonly { readonly reason: SkipReason; readonly source: string }[]): SkipCount[] {
  return SKIP_REASONS.flatMap((reason) => {
    const mine = notes.filter((note) => note.reason === reason);
    return mine.length === 0 ? [] : [{ reason, count: mine.length, sources: [...new Set(mine.map((note) => note.source))] }];
  });
}
