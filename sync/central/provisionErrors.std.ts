/** What central provisioning refuses, in Thai and English (the IT person runs it; the CLI prints both). */
import type { Bilingual } from '../model/bilingual.std.js';

export const provisionErrorText = {
  provision_bad_hcode: { th: 'รหัสสถานพยาบาลต้องเป็นตัวเลข 5 หลัก', en: 'The hospital code must be 5 digits.' },
  provision_bad_station: {
    th: 'ชื่อสถานี: a-z 0-9 และ - ได้ 1-16 ตัว ขึ้นต้นด้วยตัวอักษรหรือตัวเลข',
    en: 'Station name: 1-16 of a-z, 0-9 and -, starting with a letter or digit.',
  },
  provision_queue_prefix_taken: {
    th: 'ตัวนำหน้าเลขคิว {prefix} ของสถานี "{station}" ซ้ำกับสถานี "{other}" ที่ลงทะเบียนไว้แล้วในโรงพยาบาลนี้ สองสถานีจะออกเลขคิวซ้ำกันได้ จึงไม่ลงทะเบียน กรุณาตั้งชื่อสถานีใหม่',
    en: 'Queue prefix {prefix} of station "{station}" is already used by station "{other}" of this hospital; the two could hand out the same queue numbers, so nothing was provisioned. Choose another station name.',
  },
  provision_password_kept: {
    th: 'สถานี "{station}" ลงทะเบียนไว้แล้ว รหัสผ่านเดิมยังใช้อยู่และไม่ถูกเปลี่ยน หากต้องการตั้งรหัสผ่านใหม่ ให้ใส่ --reset-password (สถานีจะต้องใส่รหัสผ่านใหม่)',
    en: 'Station "{station}" is already provisioned and keeps its password. To set a new one, add --reset-password (the station must then enter the new password).',
  },
  provision_staff_unknown: { th: 'ไม่พบบัญชีเจ้าหน้าที่ {code}', en: 'No staff account {code}.' },
  provision_staff_pin: {
    th: 'PIN ต้องเป็นตัวเลข 4–12 หลัก หรือรหัสผ่าน 8–64 ตัวอักษร',
    en: 'A PIN is 4–12 digits, or a passphrase of 8–64 characters.',
  },
  provision_staff_cid: {
    th: 'เลขบัตรประชาชนของเจ้าหน้าที่ไม่ถูกต้อง (13 หลัก ตรวจหลักสุดท้ายแล้ว)',
    en: "The staff member's citizen id is not valid (13 digits with a right check digit).",
  },
  provision_staff_bad: {
    th: 'ข้อมูลบัญชีเจ้าหน้าที่ไม่ถูกต้อง: {what}',
    en: 'The staff account is not valid: {what}.',
  },
  provision_hub_no_central: {
    th: 'ยังไม่มีฐานข้อมูล {database} บนเซิร์ฟเวอร์กลาง ให้ลงทะเบียนโรงพยาบาลและสถานีบนเซิร์ฟเวอร์กลางก่อน (npm run central -- provision) แล้วจึงตั้งค่าเซิร์ฟเวอร์ในโรงพยาบาล',
    en: 'Central has no database {database}: provision the hospital and its stations on central first (npm run central -- provision), then the hub.',
  },
  provision_http_failed: {
    th: 'เซิร์ฟเวอร์กลางไม่รับคำสั่ง: {what} (HTTP {status})',
    en: 'Central refused a provisioning step: {what} (HTTP {status}).',
  },
} as const satisfies Record<string, Bilingual>;

export type ProvisionErrorCode = keyof typeof provisionErrorText;

function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Thai and English text of a provisioning error with its details filled in. */
export function provisionErrorMessage(
  code: ProvisionErrorCode,
  params: Readonly<Record<string, string>> = {},
): Bilingual {
  const text = provisionErrorText[code];
  return { th: fill(text.th, params), en: fill(text.en, params) };
}
