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
  printer_paper_out: {
    th: 'เครื่องพิมพ์บัตรคิวกระดาษหมด ใส่กระดาษแล้วพิมพ์ซ้ำจากคิววันนี้ การลงทะเบียนบันทึกไว้แล้ว',
    en: "The queue-slip printer is out of paper. Load paper, then reprint from today's queue; the visit is saved.",
  },
  printer_offline: {
    th: 'เครื่องพิมพ์บัตรคิวออฟไลน์หรือขัดข้อง (ฝาเปิด กระดาษติด หรือถูกหยุดไว้) แก้แล้วพิมพ์ซ้ำจากคิววันนี้ การลงทะเบียนบันทึกไว้แล้ว',
    en: "The queue-slip printer is offline or faulted (cover open, paper jam, or paused). Fix it, then reprint from today's queue; the visit is saved.",
  },
  printer_no_permission: {
    th: 'โปรแกรมไม่มีสิทธิ์ส่งงานไปยังเครื่องพิมพ์ USB (ให้ฝ่ายไอทีเพิ่มผู้ใช้เข้ากลุ่ม lp) การลงทะเบียนบันทึกไว้แล้ว',
    en: 'The app may not write to the USB printer (IT: add the user to the lp group). The visit is saved.',
  },
  printer_not_found: {
    th: 'ไม่พบเครื่องพิมพ์ชื่อนี้ในเครื่อง (ให้ฝ่ายไอทีตรวจชื่อเครื่องพิมพ์ในการตั้งค่า) การลงทะเบียนบันทึกไว้แล้ว',
    en: 'This computer has no printer by that name (IT: check the printer name in settings). The visit is saved.',
  },
  printer_system_failed: {
    th: 'ระบบการพิมพ์ของเครื่องพิมพ์บัตรคิวไม่สำเร็จ พิมพ์ซ้ำได้จากคิววันนี้ การลงทะเบียนบันทึกไว้แล้ว',
    en: "The system printer did not print the slip. Reprint from today's queue; the visit is saved.",
  },
} as const satisfies Record<string, Bilingual>;

export type PrinterErrorCode = keyof typeof printerErrorText;
