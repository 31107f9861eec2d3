/**
 * Buddhist-era `YYYYMMDD` dates of the chip → ISO. Month or day `00` means only the year (or year and month)
 * is known, which FHIR and Thai Core allow for a birth date. `99999999` is a lifelong card.
 */
export type CardDate =
  | { readonly kind: 'date'; readonly iso: string; readonly precision: 'day' | 'month' | 'year' }
  | { readonly kind: 'lifelong' }
  | { readonly kind: 'invalid'; readonly raw: string };

const BE_OFFSET = 543;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseBuddhistDate(raw: string): CardDate {
  const text = raw.trim();
  if (text === '99999999') return { kind: 'lifelong' };
  if (!/^\d{8}$/.test(text)) return { kind: 'invalid', raw: text };
  const beYear = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  const year = beYear - BE_OFFSET;
  if (year < 1800 || year > 9999) return { kind: 'invalid', raw: text };
  const yyyy = String(year).padStart(4, '0');
  if (month === 0 || month > 12) return { kind: 'date', iso: yyyy, precision: 'year' };
  const mm = String(month).padStart(2, '0');
  if (day === 0 || day > daysInMonth(year, month)) return { kind: 'date', iso: `${yyyy}-${mm}`, precision: 'month' };
  return { kind: 'date', iso: `${yyyy}-${mm}-${String(day).padStart(2, '0')}`, precision: 'day' };
}

/** ISO (YYYY, YYYY-MM or YYYY-MM-DD) → card `YYYYMMDD` in the Buddhist era, 00 for unknown parts. */
export function toBuddhistDate(iso: string): string {
  const [year = '0', month = '00', day = '00'] = iso.split('-');
  return `${String(Number(year) + BE_OFFSET).padStart(4, '0')}${month.padStart(2, '0')}${day.padStart(2, '0')}`;
}

/** Whether a card that expires on `expiry` (ISO day) is expired on `today` (ISO day). */
export function isExpired(expiry: string, today: string): boolean {
  return expiry.length === 10 && expiry < today;
}
