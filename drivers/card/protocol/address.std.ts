/**
 * The address on the chip is `#`-separated parts whose count and empty slots differ between cards and sources
 * (house number first, province last). Each part is recognised by its Thai prefix word, never by its position
 * or by fixed substring offsets, so Bangkok's แขวง/เขต without จังหวัด and a หมู่ที่ with a ซอย both come out right.
 */
export interface ThaiAddress {
  readonly houseNo: string | null;
  readonly villageNo: string | null;
  readonly lane: string | null;
  readonly road: string | null;
  readonly subdistrict: string | null;
  readonly district: string | null;
  readonly province: string | null;
  /** Parts no prefix word matched (a building, a village name): kept, never dropped. */
  readonly other: string[];
  /** The parts as on the card, joined with spaces, for display and for a clerk to check. */
  readonly full: string;
}

type Slot = 'villageNo' | 'trok' | 'soi' | 'road' | 'subdistrict' | 'district' | 'province';

/** Longest first, so หมู่ที่ wins over หมู่ and หมู่บ้าน (a village name) is not a village number. */
const PREFIXES: readonly (readonly [string, Slot | null])[] = [
  ['หมู่บ้าน', null],
  ['หมู่ที่', 'villageNo'],
  ['หมู่', 'villageNo'],
  ['ม.', 'villageNo'],
  ['ตรอก', 'trok'],
  ['ซอย', 'soi'],
  ['ซ.', 'soi'],
  ['ถนน', 'road'],
  ['ถ.', 'road'],
  ['ตำบล', 'subdistrict'],
  ['ต.', 'subdistrict'],
  ['แขวง', 'subdistrict'],
  ['อำเภอ', 'district'],
  ['อ.', 'district'],
  ['เขต', 'district'],
  ['จังหวัด', 'province'],
  ['จ.', 'province'],
];

const BANGKOK = 'กรุงเทพมหานคร';

function matchPrefix(part: string): { slot: Slot | null; value: string; prefix: string } | null {
  for (const [prefix, slot] of PREFIXES) {
    if (part.startsWith(prefix)) return { slot, value: part.slice(prefix.length).trim(), prefix };
  }
  return null;
}

export function parseAddress(text: string): ThaiAddress {
  const parts = text
    .split('#')
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '');
  const slots: Partial<Record<Slot, string>> = {};
  const other: string[] = [];
  let houseNo: string | null = null;
  let bangkokStyle = false;
  for (const [index, part] of parts.entries()) {
    const match = matchPrefix(part);
    if (match === null || match.slot === null) {
      if (index === 0 && match === null) houseNo = part;
      else if (part === BANGKOK || part === 'กรุงเทพฯ') slots.province = BANGKOK;
      else other.push(part);
      continue;
    }
    if (match.prefix === 'แขวง' || match.prefix === 'เขต') bangkokStyle = true;
    // A repeated slot (rare) keeps both values rather than losing one.
    const previous = slots[match.slot];
    slots[match.slot] = previous === undefined ? match.value : `${previous} ${match.value}`;
  }
  // Bangkok cards may omit จังหวัด: แขวง/เขต exist only in Bangkok.
  if (slots.province === undefined && bangkokStyle) slots.province = BANGKOK;
  const lane =
    slots.trok !== undefined && slots.soi !== undefined
      ? `ตรอก${slots.trok} ซอย${slots.soi}`
      : (slots.soi ?? slots.trok ?? null);
  return {
    houseNo,
    villageNo: slots.villageNo ?? null,
    lane,
    road: slots.road ?? null,
    subdistrict: slots.subdistrict ?? null,
    district: slots.district ?? null,
    province: slots.province ?? null,
    other,
    full: parts.join(' '),
  };
}
