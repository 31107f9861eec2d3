/**
 * The station's pending device readings as the nurse sees them: those for the patient being measured, and
 * everything else (unassigned, or bound to another patient) in one list she can assign from or discard.
 * Every pending reading lands in exactly one of the two lists: none is hidden.
 */
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { judgeReading, type PeopleIndex } from './readingOwner.std.js';

export interface PendingView {
  readonly forPatient: readonly InboxItem[];
  /** Unassigned readings and readings bound to other patients, newest first. */
  readonly others: readonly InboxItem[];
}

/**
 * `patientId` is the bound patient's live record; a reading is listed for them when it is theirs and nothing
 * stands against it (readingOwner.std.ts): unassigned readings, other patients' and mismatches go to the others.
 */
export function splitPending(
  items: readonly InboxItem[],
  patientId: string | null,
  people: PeopleIndex = SAME_IDS,
): PendingView {
  const forPatient: InboxItem[] = [];
  const others: InboxItem[] = [];
  for (const item of items) {
    const verdict = judgeReading(item, people);
    (patientId !== null && verdict.kind === 'ok' && verdict.owner === people.survivorOf(patientId)
      ? forPatient
      : others
    ).push(item);
  }
  return { forPatient, others };
}

/** A store that knows no merges and no HNs: every id is its own survivor. */
export const SAME_IDS: PeopleIndex = { survivorOf: (id) => id, withHn: () => undefined };

/** Why a nurse discards a reading; 'other' comes with her own words. Stored as the code (or the words). */
export const DISCARD_REASONS = ['wrong_patient', 'measurement_error', 'duplicate', 'device_test', 'other'] as const;
export type DiscardReasonCode = (typeof DISCARD_REASONS)[number];

/** The reason sent to devices.discard, or null while it is not complete ('other' with no words). */
export function discardReasonText(code: DiscardReasonCode | '', words: string): string | null {
  if (code === '') return null;
  if (code !== 'other') return code;
  const text = words.trim();
  return text === '' ? null : `other: ${text.slice(0, 190)}`;
}
