/**
 * Times on the sync dashboard, pure: "5 minutes ago" next to the full date and time, in Thai (Buddhist-era
 * calendar, as Thai staff read dates) or English. The zone is a parameter so tests do not depend on the machine.
 */
export type UiLanguage = 'th' | 'en';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

function locale(language: UiLanguage): string {
  return language === 'th' ? 'th-TH' : 'en-GB';
}

/** "3 นาทีที่ผ่านมา" / "3 minutes ago"; "now" under 10 s; a time ahead of the clock (skew) reads as now. */
export function relativeTime(iso: string, nowMs: number, language: UiLanguage): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const format = new Intl.RelativeTimeFormat(locale(language), { numeric: 'auto' });
  const elapsed = Math.max(0, nowMs - at);
  if (elapsed < 10_000) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (elapsed >= size) return format.format(-Math.floor(elapsed / size), unit);
  }
  return format.format(0, 'second');
}

/** Full date and time, e.g. "23 พ.ย. 2569 14:05" / "23 Nov 2026, 14:05". */
export function absoluteTime(iso: string, language: UiLanguage, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(at);
}

/** A span of time for people: "45 วินาที" / "45 s", "12 นาที" / "12 min", "3 ชม. 5 นาที" / "3 h 5 min". */
export function spanText(ms: number, language: UiLanguage): string {
  const words = language === 'th' ? { s: 'วินาที', min: 'นาที', h: 'ชม.' } : { s: 's', min: 'min', h: 'h' };
  // An outage seen by two probes less than a second apart is not "0 seconds" long.
  if (Number.isFinite(ms) && ms > 0 && ms < 1_000)
    return language === 'th' ? `ไม่ถึง 1 ${words.s}` : `under 1 ${words.s}`;
  if (!Number.isFinite(ms) || ms < 60_000) return `${Math.max(0, Math.round(ms / 1_000))} ${words.s}`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} ${words.min}`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} ${words.h}${rest === 0 ? '' : ` ${rest} ${words.min}`}`;
}

/** A round trip for people: "12 ms", "1.4 s", "—" when unknown. */
export function durationText(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(1)} s`;
}

/**
 * A time-axis tick of the link chart: "14:00", and the day ("5 ธ.ค." / "5 Dec") under the first tick and at
 * midnight, in the UI's language (uPlot's own ticks are US English: "2pm", "12/5/26").
 */
export function chartTick(epochSeconds: number, firstTick: boolean, language: UiLanguage, timeZone?: string): string {
  const at = epochSeconds * 1_000;
  const zone = timeZone === undefined ? {} : { timeZone };
  const time = new Intl.DateTimeFormat(locale(language), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  }).format(at);
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...zone,
  }).formatToParts(at);
  const midnight =
    parts.find((part) => part.type === 'hour')?.value === '00' &&
    parts.find((part) => part.type === 'minute')?.value === '00';
  if (!firstTick && !midnight) return time;
  const day = new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'short', ...zone }).format(at);
  return `${time}\n${day}`;
}
