/** Error codes of the receipt printer, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from '../../sync/model/bilingual.std.js';

export const printerErrorText = {
  printer_not_configured: {
    th: 'ยังไม่ได้ตั้งค่าเครื่องพิมพ์บัตรคิวของสถานีนี้ (ให้ฝ่ายไอทีตั้งค่า) การลงทะเบียนบันทึกไว้แล้ว',
    en: 'No queue-slip printer is set up for this station (ask IT). The visit is saved.',
  },
  printer_unreachable: {
    th: 'ติดต่อเครื่องพิมพ์บัตรคิวไม่ได้ (ปิดเครื่อง สายหลุด หรือที่อยู่ผิด) การลงทะเบียนบันทึกไว้แล้ว พิมพ์ซ้ำได้จากคิววันนี้',
    en: "Cannot reach the queue-slip printer (off, unplugged or wrong address). The visit is saved; reprint from today's queue.",
  },
  printer_timeout: {
    th: 'เครื่องพิมพ์บัตรคิวไม่ตอบสนอง (กระดาษหมดหรือฝาเปิด?) การลงทะเบียนบันทึกไว้แล้ว พิมพ์ซ้ำได้จากคิววันนี้',
    en: "The queue-slip printer did not respond (out of paper or cover open?). The visit is saved; reprint from today's queue.",
  },
} as const satisfies Record<string, Bilingual>;

export type PrinterErrorCode = keyof typeof printerErrorText;
