/** The station store as IT reads it: sizes in words, and whether a typed number of days can be saved. */
import { MAX_WORKING_SET_DAYS, MIN_WORKING_SET_DAYS } from '../../../sync/replication/workingSet.std.js';

/** Bytes as MB or GB with one decimal (1 MB = 1,000,000 bytes, as operating systems show disks). */
export function bytesText(bytes: number, language: 'th' | 'en'): string {
  const locale = language === 'th' ? 'th-TH' : 'en-GB';
  const format = (value: number): string =>
    value.toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return bytes >= 1e9 ? `${format(bytes / 1e9)} GB` : `${format(bytes / 1e6)} MB`;
}

/** The days IT typed, or null when they are not a whole number in range. */
export function parseWorkingSetDays(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const days = Number(text);
  return days >= MIN_WORKING_SET_DAYS && days <= MAX_WORKING_SET_DAYS ? days : null;
}
