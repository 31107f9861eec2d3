/**
 * The right to care a card carries (its NHSO applet), in the words a clerk uses: บัตรทอง, ประกันสังคม,
 * ข้าราชการ… The applet holds text such as "(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ": the code in brackets names the
 * scheme. An unknown code shows the card's own text. What the card holds may be stale; the NHSO's online
 * check is authoritative (issue 13's authen step).
 */
import type { NhsoRights } from '../../../electron/contract/card.std.js';
import type { UiLanguage } from './thaiDates.std.js';

const SCHEMES: Readonly<Record<string, { th: string; en: string }>> = {
  UCS: { th: 'บัตรทอง (หลักประกันสุขภาพแห่งชาติ)', en: 'Gold card (Universal Coverage)' },
  WEL: { th: 'บัตรทอง ยกเว้นค่าธรรมเนียม (ท.)', en: 'Gold card, fee-exempt group' },
  SSS: { th: 'ประกันสังคม', en: 'Social Security' },
  SSI: { th: 'ประกันสังคม (ทุพพลภาพ)', en: 'Social Security (disability)' },
  OFC: { th: 'ข้าราชการ (กรมบัญชีกลาง)', en: 'Civil servant (Comptroller General)' },
  LGO: { th: 'ข้าราชการท้องถิ่น (อปท.)', en: 'Local government officer' },
};

/** The scheme code in a card text such as "(UCS) สิทธิหลักประกันสุขภาพแห่งชาติ", or null. */
export function schemeCode(text: string): string | null {
  const match = /^\s*\(([A-Z]{2,4})\)/.exec(text);
  return match?.[1] ?? null;
}

/** The main right in a clerk's words, with the scheme code kept for the claim. */
export function rightWords(text: string, language: UiLanguage): string {
  const code = schemeCode(text);
  const scheme = code === null ? undefined : SCHEMES[code];
  if (scheme === undefined) return text.trim() === '' ? '—' : text.trim();
  return `${scheme[language]} · ${code}`;
}

/** The sub-class without its leading code: "(89) ช่วงอายุ 12-59 ปี" → "ช่วงอายุ 12-59 ปี". */
export function subRightWords(text: string): string | null {
  const words = text.replace(/^\s*\([^)]*\)\s*/, '').trim();
  return words === '' ? null : words;
}

export function hasRights(rights: NhsoRights | null): rights is NhsoRights {
  return rights !== null && (rights.mainInscl.trim() !== '' || rights.mainHospital.trim() !== '');
}
