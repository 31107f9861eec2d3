/**
 * Every error code the app can show, with its Thai and English text in one place. The renderer, the CLIs
 * and the doctor all read from here, so a code is never shown without words a clerk or IT can act on.
 * Each layer keeps the catalogue of its own codes beside its code (drivers/card, drivers/devices,
 * drivers/printer, sync/replication; the NHSO agent and staff sign-in here) and this file merges them.
 */
import { cardErrorText } from '../../drivers/card/cardErrors.std.js';
import { deviceErrorText } from '../../drivers/devices/deviceErrors.std.js';
import { syncErrorText } from '../../sync/replication/syncErrors.std.js';
import { nhsoErrorText } from './nhsoErrors.std.js';
import { staffErrorText } from './staffErrors.std.js';
import { printerErrorText } from '../../drivers/printer/printerErrors.std.js';
import { visitErrorText } from './visitErrors.std.js';
import { bothLanguages, type Bilingual } from '../../sync/model/bilingual.std.js';

export type { Bilingual };
export type { CardErrorCode } from '../../drivers/card/cardErrors.std.js';
export { deviceErrorText, type DeviceErrorCode } from '../../drivers/devices/deviceErrors.std.js';
export type { SyncErrorCode } from '../../sync/replication/syncErrors.std.js';

const coreErrorText = {
  invalid_input: { th: 'ข้อมูลที่ส่งมาไม่ถูกต้อง', en: 'The request was not valid.' },
  unknown_command: { th: 'ไม่รู้จักคำสั่งนี้', en: 'Unknown command.' },
  forbidden_sender: { th: 'คำขอมาจากหน้าที่ไม่ได้รับอนุญาต', en: 'The request came from a page that is not allowed.' },
  unauthorized: { th: 'ไม่ได้รับสิทธิ์ (โทเค็นไม่ถูกต้อง)', en: 'Not authorised (wrong token).' },
  not_found: { th: 'ไม่พบข้อมูลที่ต้องการ', en: 'Not found.' },
  not_configured: { th: 'ยังไม่ได้ตั้งค่าสถานี', en: 'The station has not been set up yet.' },
  invalid_hcode: { th: 'รหัสสถานพยาบาลต้องเป็นตัวเลข 5 หลัก', en: 'The hospital code must be 5 digits.' },
  storage_full: {
    th: 'พื้นที่เก็บข้อมูลของเครื่องเต็ม จึงบันทึกไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ แจ้งฝ่ายไอทีให้เพิ่มพื้นที่',
    en: "The station's storage is full, so this was not saved; nothing already stored was lost. Ask IT to free space.",
  },
  station_mode_fixed: {
    th: 'สถานีนี้ตั้งค่าเป็นสถานีจริงหรือสถานีสาธิตไปแล้ว เปลี่ยนไม่ได้ (ถ้าต้องการสถานีอีกแบบ ให้ฝ่ายไอทีตั้งสถานีใหม่ในโฟลเดอร์ข้อมูลใหม่)',
    en: 'This station was already set up as a real or a demo station and cannot change (IT can set up another station in a new data folder).',
  },
  storage_failed: {
    th: 'บันทึกข้อมูลลงเครื่องไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ',
    en: 'Could not save on this station; nothing already stored was lost.',
  },
  disconnected: { th: 'ขาดการเชื่อมต่อกับบริการของเครื่อง', en: 'Lost the connection to the station service.' },
  timeout: { th: 'รอนานเกินไป ไม่มีการตอบกลับ', en: 'Timed out waiting for an answer.' },
  internal: { th: 'เกิดข้อผิดพลาดภายใน กรุณาแจ้งฝ่ายไอที', en: 'Internal error; please tell IT.' },
} as const satisfies Record<string, Bilingual>;

export const errorText = {
  ...coreErrorText,
  ...cardErrorText,
  ...deviceErrorText,
  ...syncErrorText,
  ...nhsoErrorText,
  ...staffErrorText,
  ...printerErrorText,
  ...visitErrorText,
} as const satisfies Record<string, Bilingual>;

export type ErrorCode = keyof typeof errorText;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorText, value);
}

/** "ไทย / English" for CLIs and logs read by IT. */
export function describeError(code: ErrorCode): string {
  return bothLanguages(errorText[code]);
}
