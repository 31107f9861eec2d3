/** Error codes of the device feature, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from '../../sync/model/bilingual.std.js';

export const deviceErrorText = {
  device_frame_garbage: {
    th: 'ได้รับข้อมูลที่อ่านไม่ออกจากเครื่องวัด (ข้ามไปแล้ว รอค่าถัดไป)',
    en: 'Unreadable bytes from the device were skipped; waiting for the next reading.',
  },
  device_frame_malformed: {
    th: 'ข้อมูลจากเครื่องวัดไม่ครบหรือรูปแบบผิด กรุณาวัดใหม่',
    en: 'The device sent an incomplete or malformed reading; please measure again.',
  },
  device_checksum: {
    th: 'ค่าตรวจสอบของข้อมูลไม่ตรง (สายหรือสัญญาณรบกวน) กรุณาวัดใหม่',
    en: 'The reading failed its checksum (cable or interference); please measure again.',
  },
  device_implausible: {
    th: 'ค่าที่วัดได้เป็นไปไม่ได้ทางสรีระ ไม่ได้บันทึก กรุณาวัดใหม่',
    en: 'The measured value is physiologically impossible and was not kept; please measure again.',
  },
  device_unit_unknown: {
    th: 'ไม่รู้จักหน่วยของค่าที่ส่งมา จึงไม่บันทึก (ให้ฝ่ายไอทีตรวจการตั้งค่าเครื่อง)',
    en: 'The value came in a unit we do not recognise, so it was not kept (IT: check the device settings).',
  },
  device_no_values: {
    th: 'ข้อความจากเครื่องไม่มีค่าสัญญาณชีพที่ลงบันทึกได้ (ดูเหตุผลของแต่ละค่า)',
    en: 'The device message carried no vital-sign value that could be charted (see the reason for each value).',
  },
  device_frame_too_long: {
    th: 'ข้อมูลจากเครื่องยาวผิดปกติ (ตั้งค่าความเร็วพอร์ตผิด?) ข้ามไปแล้ว',
    en: 'The device sent an overlong frame (wrong baud rate?); it was skipped.',
  },
  device_message_rejected: {
    th: 'ไม่รับข้อความประเภทนี้ (ต้องเป็น HL7 ORU^R01)',
    en: 'This message type is not accepted (expected HL7 ORU^R01).',
  },
  device_port_invalid: {
    th: 'ค่าพอร์ตที่บันทึกไว้ใช้ไม่ได้ (เช่น หมายเลขพอร์ตเครือข่ายต้องอยู่ระหว่าง 1–65535) ให้ฝ่ายไอทีแก้การตั้งค่า',
    en: 'The saved port setting is not usable (a network port must be 1–65535); IT must correct it.',
  },
  device_port_open_failed: {
    th: 'เปิดพอร์ตเครื่องวัดไม่ได้ กำลังลองใหม่',
    en: 'Could not open the device port; retrying.',
  },
  device_port_lost: {
    th: 'การเชื่อมต่อเครื่องวัดหลุด (ถอดสาย?) กำลังเชื่อมต่อใหม่',
    en: 'Lost the device connection (unplugged?); reconnecting.',
  },
  device_tcp_listen_failed: {
    th: 'เปิดพอร์ตเครือข่ายสำหรับเครื่องติดตามผู้ป่วยไม่ได้ (พอร์ตถูกใช้อยู่?)',
    en: 'Could not listen on the network port for monitors (port in use?).',
  },
  device_hid_failed: { th: 'สื่อสารกับเครื่องวัดทาง USB ไม่สำเร็จ', en: 'Talking to the USB device failed.' },
  device_profile_transport: {
    th: 'ชนิดเครื่องนี้ใช้กับพอร์ตแบบนี้ไม่ได้',
    en: 'This device profile cannot be used on this kind of port.',
  },
  device_reading_not_found: { th: 'ไม่พบค่าที่วัดรายการนี้', en: 'That reading was not found.' },
  device_reading_closed: {
    th: 'ค่าที่วัดรายการนี้ถูกบันทึกหรือยกเลิกไปแล้ว',
    en: 'That reading was already charted or discarded.',
  },
  device_reading_unassigned: {
    th: 'ค่านี้วัดตอนที่ยังไม่ได้เลือกผู้ป่วย ต้องกำหนดผู้ป่วยก่อนบันทึก',
    en: 'This reading was measured while no patient was selected; give it to a patient before charting.',
  },
  device_reading_moved: {
    th: 'ค่านี้ถูกย้ายไปเป็นของผู้ป่วยคนอื่นแล้ว ตรวจรายการอีกครั้ง',
    en: 'This reading has been moved to another patient meanwhile; check the list again.',
  },
  device_source_not_allowed: {
    th: 'ปฏิเสธการเชื่อมต่อจากเครื่องที่ไม่อยู่ในรายการที่อนุญาตของพอร์ตนี้ (ฝ่ายไอทีตั้งรายการได้)',
    en: "A connection from a host not in this port's allow-list was refused (IT sets the list).",
  },
  device_source_too_many_connections: {
    th: 'เครื่องต้นทางนี้เปิดการเชื่อมต่อมากเกินกำหนด จึงปฏิเสธการเชื่อมต่อใหม่',
    en: 'This host already has the most connections allowed; the new one was refused.',
  },
  device_listener_full: {
    th: 'พอร์ตนี้มีการเชื่อมต่อครบจำนวนสูงสุดแล้ว จึงปฏิเสธการเชื่อมต่อใหม่',
    en: 'This port already has the most connections allowed; the new one was refused.',
  },
  device_source_rate_limited: {
    th: 'เครื่องต้นทางส่งข้อความถี่เกินกำหนด ข้อความส่วนเกินไม่ได้บันทึกและไม่ได้ตอบรับ',
    en: 'A host sent messages faster than allowed; the extra ones were neither stored nor acknowledged.',
  },
  device_listener_no_allow_list: {
    th: 'พอร์ตเครือข่ายนี้ยังไม่มีรายการเครื่องที่อนุญาต จึงไม่รับการเชื่อมต่อใด ๆ (ฝ่ายไอทีต้องตั้งก่อน)',
    en: 'This network port has no allow-list yet, so it accepts no connection (IT must set one).',
  },
  device_allow_invalid: {
    th: 'รายการที่อนุญาตมีค่าที่ไม่ใช่ที่อยู่ IP หรือเครือข่าย (เช่น 10.1.20.0/24 หรือ fd00::/64)',
    en: 'The allow-list has an entry that is not an IP address or subnet (e.g. 10.1.20.0/24 or fd00::/64).',
  },
  device_listener_tcp_only: {
    th: 'ตั้งรายการที่อนุญาตได้เฉพาะพอร์ตเครือข่าย (tcp:…)',
    en: 'An allow-list applies to network ports (tcp:…) only.',
  },
  device_code_map_invalid: {
    th: 'รายการแปลรหัสมีรายการที่ใช้ไม่ได้ (รหัสมีอักขระคั่นของ HL7 ค่าที่ไม่ได้บันทึกในแฟ้ม หรือหน่วยไม่ตรงกับค่า) จึงไม่ได้บันทึก',
    en: 'The code map has an entry that cannot be used (a code with HL7 separators, a value the app does not chart, or a unit that does not fit the value), so it was not saved.',
  },
  device_demo_only: { th: 'คำสั่งนี้ใช้ได้เฉพาะโหมดสาธิต', en: 'This command works in demo mode only.' },
} as const satisfies Record<string, Bilingual>;

export type DeviceErrorCode = keyof typeof deviceErrorText;
/** The codes a frame parser gives (the rest are the ports', the listeners' and the inbox's). */
export const PARSE_ERROR_CODES = [
  'device_frame_garbage',
  'device_frame_malformed',
  'device_checksum',
  'device_implausible',
  'device_unit_unknown',
  'device_no_values',
  'device_frame_too_long',
  'device_message_rejected',
] as const satisfies readonly DeviceErrorCode[];
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];
