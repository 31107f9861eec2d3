/** A device's own clock as sent (no time zone): "YYYY-MM-DDThh:mm", or undefined when it is not a date on the calendar. */
export function deviceClock(y: string, mo: string, d: string, h: string, mi: string): string | undefined {
  if (![y, mo, d, h, mi].every((part, i) => new RegExp(i === 0 ? '^\\d{4}$' : '^\\d{2}$').test(part))) return undefined;
  const [year = 0, month = 0, day = 0, hour = 99, minute = 99] = [y, mo, d, h, mi].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}`;
}
