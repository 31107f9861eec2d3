/**
 * Dates as a Thai clerk reads and writes them: Buddhist era (พ.ศ. = ค.ศ. + 543) with Thai month names, and the
 * patient's age. English mode shows the Gregorian calendar. Records keep ISO dates, which may be partial
 * (a card may carry only the year, or year and month, of birth).
 */
export type UiLanguage = 'th' | 'en';

const BE_OFFSET = 543;
const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface PartialParts {
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
}

function partsOf(iso: string): PartialParts | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (match === null) return null;
  return {
    year: Number(match[1]),
    month: match[2] === undefined ? null : Number(match[2]),
    day: match[3] === undefined ? null : Number(match[3]),
  };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "15 มกราคม 2530" / "15 January 1987"; "มกราคม 2530" or "2530" for a partial date; the input if not a date. */
export function displayDate(iso: string, language: UiLanguage): string {
  const parts = partsOf(iso);
  if (parts === null) return iso;
  const year = language === 'th' ? parts.year + BE_OFFSET : parts.year;
  const months = language === 'th' ? THAI_MONTHS : ENGLISH_MONTHS;
  const month = parts.month === null ? null : months[parts.month - 1];
  return [parts.day, month, year].filter((part) => part !== null && part !== undefined).join(' ');
}

/**
 * Age on `today` in whole years, with months under 2 years ("1 ปี 4 เดือน", "7 เดือน"). A year-only birth date
 * counts from mid-year and a year-month one from mid-month, and is marked approximate ("ประมาณ" / "about").
 */
export function ageText(birthIso: string, today: Date, language: UiLanguage): string | null {
  const parts = partsOf(birthIso);
  if (parts === null) return null;
  const month = parts.month ?? 7;
  const day = parts.day ?? (parts.month === null ? 1 : 15);
  let months = (today.getFullYear() - parts.year) * 12 + (today.getMonth() + 1 - month);
  if (today.getDate() < day) months -= 1;
  if (months < 0) return null;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const approximate = parts.day === null;
  if (language === 'th') {
    const text = years >= 2 ? `${years} ปี` : years === 0 ? `${rest} เดือน` : `${years} ปี ${rest} เดือน`;
    return approximate ? `ประมาณ ${text}` : text;
  }
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const text =
    years >= 2
      ? unit(years, 'year')
      : years === 0
        ? unit(rest, 'month')
        : `${unit(years, 'year')} ${unit(rest, 'month')}`;
  return approximate ? `about ${text}` : text;
}

export type DateInputProblem = 'format' | 'impossible' | 'future';

/**
 * A date as typed at the front desk: "15/1/2530", "15-01-2530", "1/2530", "2530" (Buddhist era in Thai mode),
 * or the same with a Gregorian year in English mode; ISO "1987-01-15" in either. Returns an ISO (possibly
 * partial) date, or why it was refused.
 */
export function parseTypedDate(
  input: string,
  language: UiLanguage,
  today: Date,
): { ok: true; iso: string } | { ok: false; problem: DateInputProblem } {
  const text = input.trim();
  let year: number;
  let month: number | null;
  let day: number | null;
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  const typed = /^(?:(?:(\d{1,2})[/.-])?(\d{1,2})[/.-])?(\d{4})$/.exec(text);
  if (iso !== null && text.includes('-') && text.indexOf('-') === 4) {
    year = Number(iso[1]);
    month = iso[2] === undefined ? null : Number(iso[2]);
    day = iso[3] === undefined ? null : Number(iso[3]);
    // An ISO date is Gregorian unless its year can only be Buddhist era.
    if (year > today.getFullYear() + 100) year -= BE_OFFSET;
  } else if (typed !== null) {
    year = Number(typed[3]);
    month = typed[2] === undefined ? null : Number(typed[2]);
    day = typed[1] === undefined ? null : Number(typed[1]);
    if (language === 'th' || year > today.getFullYear() + 100) year -= BE_OFFSET;
  } else {
    return { ok: false, problem: 'format' };
  }
  if (year < 1800) return { ok: false, problem: 'impossible' };
  if (month !== null && (month < 1 || month > 12)) return { ok: false, problem: 'impossible' };
  if (month !== null && day !== null && (day < 1 || day > daysIn(year, month)))
    return { ok: false, problem: 'impossible' };
  const pad = (n: number): string => String(n).padStart(2, '0');
  const result = [String(year), month === null ? null : pad(month), day === null ? null : pad(day)]
    .filter((part): part is string => part !== null)
    .join('-');
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  if (result > todayIso.slice(0, result.length)) return { ok: false, problem: 'future' };
  return { ok: true, iso: result };
}
