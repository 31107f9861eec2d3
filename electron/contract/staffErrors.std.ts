/** Error codes of staff sign-in and access, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from '../../sync/model/bilingual.std.js';

export const staffErrorText = {
  staff_not_signed_in: {
    th: 'กรุณาเข้าสู่ระบบด้วยรหัสเจ้าหน้าที่และ PIN ก่อน',
    en: 'Please sign in with your staff code and PIN first.',
  },
  staff_locked: {
    th: 'หน้าจอถูกล็อกเพราะไม่มีการใช้งาน ใส่ PIN เพื่อใช้งานต่อ',
    en: 'The station locked after no activity; enter your PIN to go on.',
  },
  staff_forbidden: {
    th: 'บทบาทของคุณทำรายการนี้ไม่ได้ (ให้ผู้มีสิทธิ์ทำ เช่น ฝ่ายไอที)',
    en: 'Your role cannot do this (ask someone who may, e.g. IT).',
  },
  staff_sign_in_failed: { th: 'รหัสเจ้าหน้าที่หรือ PIN ไม่ถูกต้อง', en: 'Wrong staff code or PIN.' },
  staff_locked_out: {
    th: 'ใส่ PIN ผิดหลายครั้ง รหัสนี้ถูกระงับชั่วคราว ลองใหม่ภายหลังหรือให้ฝ่ายไอทีปลดล็อก',
    en: 'Too many wrong PINs: this code is locked for a while. Try later or ask IT to unlock it.',
  },
  staff_inactive: { th: 'บัญชีเจ้าหน้าที่นี้ถูกปิดใช้งาน', en: 'This staff account has been disabled.' },
  staff_no_card_account: {
    th: 'บัตรในเครื่องอ่านไม่ใช่บัตรของเจ้าหน้าที่ที่ลงทะเบียนไว้',
    en: 'The card in the reader is not a registered staff member’s card.',
  },
  staff_no_accounts: {
    th: 'สถานีนี้ยังไม่มีบัญชีเจ้าหน้าที่ (ต้องเชื่อมต่อศูนย์กลางอย่างน้อยหนึ่งครั้ง หรือให้ฝ่ายไอทีเพิ่มบัญชีที่สถานี)',
    en: 'This station has no staff accounts yet (it must reach central once, or IT adds accounts at the station).',
  },
  staff_pin_weak: {
    th: 'PIN ต้องเป็นตัวเลข 4–12 หลัก หรือรหัสผ่าน 8–64 ตัวอักษร',
    en: 'A PIN is 4–12 digits, or a passphrase of 8–64 characters.',
  },
  staff_not_station_account: {
    th: 'บัญชีนี้มาจากส่วนกลาง แก้ไขได้ที่ส่วนกลางเท่านั้น (npm run central -- staff …)',
    en: 'This account comes from central and is changed there only (npm run central -- staff …).',
  },
  staff_not_locked: { th: 'หน้าจอไม่ได้ถูกล็อก', en: 'The station is not locked.' },
} as const satisfies Record<string, Bilingual>;

export type StaffErrorCode = keyof typeof staffErrorText;
