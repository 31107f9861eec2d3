/** Error codes of the front desk's visit details, patient search and the screening queue, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from '../../sync/model/bilingual.std.js';

export const visitErrorText = {
  service_point_duplicate: {
    th: 'รหัสจุดบริการซ้ำกัน แต่ละจุดต้องมีรหัสไม่ซ้ำ',
    en: 'Two service points have the same code; each needs its own.',
  },
  service_point_none_active: {
    th: 'ต้องเปิดใช้อย่างน้อยหนึ่งจุดบริการ',
    en: 'At least one service point must be in use.',
  },
  service_point_removed: {
    th: 'ลบจุดบริการที่เคยใช้ไม่ได้ (ใบนัดและการมาเก่ายังอ้างถึง) ให้ปิดการใช้แทน',
    en: 'A service point cannot be removed once set (past visits name it); switch it off instead.',
  },
  service_point_required: {
    th: 'กรุณาเลือกจุดบริการ / คลินิกที่จะส่งผู้ป่วยไป',
    en: 'Please choose the service point / clinic the patient goes to.',
  },
  search_too_short: {
    th: 'พิมพ์อย่างน้อย 2 ตัวอักษร (ชื่อ นามสกุล HN เลขบัตรประชาชน หรือเบอร์โทร)',
    en: 'Type at least 2 characters (name, surname, HN, citizen ID or phone).',
  },
  search_unreadable: {
    th: 'อ่านคำค้นไม่ได้ ใช้ตัวอักษรไทยหรืออังกฤษ หรือตัวเลข',
    en: 'Could not read that search; use Thai or English letters, or digits.',
  },
  search_cid_invalid: {
    th: 'เลขบัตรประชาชน 13 หลักไม่ถูกต้อง (เลขตรวจสอบไม่ตรง) ตรวจดูอีกครั้ง',
    en: 'That 13-digit citizen ID is not valid (check digit wrong); check it again.',
  },
  queue_called_elsewhere: {
    th: 'สถานีอื่นเรียกผู้ป่วยคิวนี้ไปแล้ว ตรวจดูว่าผู้ป่วยอยู่ตรงหน้าก่อนบันทึก แล้วกด "ผู้ป่วยอยู่ที่นี่" หรือปล่อยให้สถานีนั้น',
    en: 'Another station already called this patient. Check the patient is in front of you before charting, then choose "The patient is here" or leave it to that station.',
  },
} as const satisfies Record<string, Bilingual>;

export type VisitErrorCode = keyof typeof visitErrorText;
