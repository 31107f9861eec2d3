/**
 * Invented names for the store bench's patients (never real people), spread so a search behaves as at a real
 * hospital: about 1,600 first names shared by many patients, family names of three syllables (64,000
 * combinations) nearly unique per family, each with a romanised twin built from the same syllables. Thai
 * syllables carry tone marks, leading vowels and sara am, so normalising is part of what is timed.
 */
const FIRST_A = ['สม', 'ประ', 'สุ', 'วิ', 'กิต', 'ชัย', 'ศรี', 'นิ', 'พร', 'อภิ', 'ธนา', 'จิร', 'รัต', 'มา', 'ทอง', 'บุญ', 'เพ็ญ', 'แก้ว', 'ไพ', 'โชค', 'อ่อน', 'น้ำ', 'ดวง', 'เอก', 'ปิ', 'อุ', 'ณัฐ', 'กม', 'วัน', 'ลำ', 'สาย', 'คำ', 'เจริญ', 'จัน', 'ยุ', 'นภ', 'ภู', 'พิ', 'อร', 'ศักดิ์'];
const FIRST_A_EN = ['som', 'pra', 'su', 'wi', 'kit', 'chai', 'sri', 'ni', 'porn', 'aphi', 'thana', 'jira', 'rat', 'ma', 'thong', 'boon', 'pen', 'kaew', 'pai', 'chok', 'on', 'nam', 'duang', 'ek', 'pi', 'u', 'nat', 'kam', 'wan', 'lam', 'sai', 'kham', 'charoen', 'chan', 'yu', 'nop', 'phu', 'phi', 'on', 'sak'];
const FIRST_B = ['ชาย', 'ศรี', 'พร', 'ใจ', 'ดา', 'นา', 'ภา', 'ทิพย์', 'วรรณ', 'ชัย', 'รัตน์', 'พล', 'มล', 'นุช', 'เดช', 'ศักดิ์', 'กานต์', 'ฤดี', 'ลักษณ์', 'วดี', 'ธร', 'ยา', 'ณี', 'เพ็ญ', 'สิทธิ์', 'วุฒิ', 'ชนก', 'ปราณี', 'ทอง', 'จิต'];
const FIRST_B_EN = ['chai', 'sri', 'porn', 'jai', 'da', 'na', 'pha', 'thip', 'wan', 'chai', 'rat', 'phon', 'mon', 'nuch', 'det', 'sak', 'kan', 'rudee', 'lak', 'wadee', 'thon', 'ya', 'nee', 'pen', 'sit', 'wut', 'chanok', 'pranee', 'thong', 'jit'];
const LAST = ['ใจ', 'ดี', 'ทอง', 'คำ', 'แก้ว', 'มณี', 'สุข', 'ศรี', 'วงศ์', 'กุล', 'เจริญ', 'ผล', 'บุญ', 'มา', 'รักษ์', 'สวัสดิ์', 'พันธ์', 'ชัย', 'เพชร', 'งาม', 'ยิ่ง', 'ยืน', 'นาค', 'อินทร์', 'จันทร์', 'แสง', 'เดือน', 'ไทย', 'ประ', 'เสริฐ', 'โพธิ์', 'ศิลา', 'น้ำ', 'ฟ้า', 'ดำ', 'เงิน', 'สิงห์', 'เมือง', 'ไพร', 'บาล'];
const LAST_EN = ['jai', 'dee', 'thong', 'kham', 'kaew', 'manee', 'suk', 'sri', 'wong', 'kul', 'charoen', 'phon', 'boon', 'ma', 'rak', 'sawat', 'phan', 'chai', 'phet', 'ngam', 'ying', 'yuen', 'nak', 'in', 'chan', 'saeng', 'duean', 'thai', 'pra', 'sert', 'pho', 'sila', 'nam', 'fa', 'dam', 'ngoen', 'sing', 'mueang', 'prai', 'ban'];

export interface BenchName {
  readonly thai: { readonly first: string; readonly last: string };
  readonly english: { readonly first: string; readonly last: string };
}

const pick = (list: readonly string[], index: number): string => list[index % list.length] ?? '';
const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** Patient n's name (a multiplicative hash spreads neighbouring n over the pools). */
export function benchName(n: number): BenchName {
  const h = Math.imul(n + 1, 2654435761) >>> 0;
  const [a, b, c, d, e] = [h % 40, (h >>> 6) % 30, (h >>> 11) % 40, (h >>> 17) % 40, (h >>> 23) % 40];
  return {
    thai: { first: pick(FIRST_A, a) + pick(FIRST_B, b), last: pick(LAST, c) + pick(LAST, d) + pick(LAST, e) },
    english: { first: capital(pick(FIRST_A_EN, a) + pick(FIRST_B_EN, b)), last: capital(pick(LAST_EN, c) + pick(LAST_EN, d) + pick(LAST_EN, e)) },
  };
}

/** Patient n's mobile number (unique per patient). */
export function benchMobile(n: number): string {
  return `08${String(n).padStart(8, '0')}`;
}
