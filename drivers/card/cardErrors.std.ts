/** Error codes of the card feature, with their Thai and English text (merged in errors.std.ts). */
import { bothLanguages, type Bilingual } from '../../sync/model/bilingual.std.js';

export const cardErrorText = {
  card_no_service: {
    th: 'บริการเครื่องอ่านบัตร (pcscd / Smart Card) ไม่ทำงาน กรุณาเปิดบริการหรือแจ้งฝ่ายไอที',
    en: 'The smart-card service (pcscd / Smart Card) is not running; start it or call IT.',
  },
  card_no_reader: {
    th: 'ไม่พบเครื่องอ่านบัตร กรุณาเสียบเครื่องอ่านบัตรเข้ากับเครื่อง',
    en: 'No card reader found; plug the reader into this computer.',
  },
  card_no_card: { th: 'ไม่มีบัตรอยู่ในเครื่องอ่าน', en: 'There is no card in the reader.' },
  card_mute: {
    th: 'บัตรไม่ตอบสนอง อาจเสียบบัตรกลับด้าน กรุณาถอดแล้วเสียบใหม่โดยให้ชิปหันขึ้นและเข้าไปก่อน',
    en: 'The card does not answer; it may be inserted the wrong way. Take it out and insert it chip first, chip up.',
  },
  card_not_thai_id: {
    th: 'บัตรนี้ไม่ใช่บัตรประจำตัวประชาชนไทย (ไม่พบข้อมูลบัตรประชาชนบนชิป)',
    en: 'This is not a Thai national ID card (no ID-card applet on the chip).',
  },
  card_removed: {
    th: 'บัตรถูกถอดออกระหว่างอ่าน กรุณาเสียบบัตรใหม่และรอจนอ่านเสร็จ ไม่มีการบันทึกข้อมูลบางส่วน',
    en: 'The card was removed while reading; insert it again and wait until the read is done. Nothing partial was kept.',
  },
  card_bad_answer: {
    th: 'บัตรตอบกลับข้อมูลไม่ครบหรือผิดรูปแบบ กรุณาเช็ดชิปแล้วเสียบบัตรใหม่',
    en: 'The card sent incomplete or malformed data; wipe the chip and insert the card again.',
  },
  card_bad_checksum: {
    th: 'เลขประจำตัวประชาชนบนบัตรไม่ถูกต้อง (เลขตรวจสอบไม่ตรง) กรุณากรอกข้อมูลเองและตรวจสอบกับบัตร',
    en: 'The citizen id on the chip fails its check digit; enter the details by hand and check them against the card.',
  },
  card_busy: {
    th: 'เครื่องอ่านบัตรถูกโปรแกรมอื่นใช้งานอยู่ กรุณารอสักครู่แล้วลองใหม่',
    en: 'Another program is using the card reader; wait a moment and try again.',
  },
  card_io_failed: {
    th: 'สื่อสารกับเครื่องอ่านบัตรไม่สำเร็จ กรุณาถอดแล้วเสียบบัตรใหม่',
    en: 'Could not talk to the card reader; take the card out and insert it again.',
  },
  card_demo_only: {
    th: 'คำสั่งนี้ใช้ได้เฉพาะในโหมดสาธิตที่ใช้บัตรจำลอง',
    en: 'This command only works in demo mode with the virtual card.',
  },
} as const satisfies Record<string, Bilingual>;

export type CardErrorCode = keyof typeof cardErrorText;

export const cardErrorCodes = Object.keys(cardErrorText) as readonly CardErrorCode[];

/** The card error's words in both languages, or null for a code that is not a card error. */
export function describeCardError(code: string): string | null {
  return Object.hasOwn(cardErrorText, code) ? bothLanguages(cardErrorText[code as CardErrorCode]) : null;
}
