/** Error codes of the NHSO authen feature (the NHSO Secure Smart Card Agent on this station), Thai and English. */
import type { Bilingual } from '../../sync/model/bilingual.std.js';

export const nhsoErrorText = {
  nhso_agent_unreachable: {
    th: 'ติดต่อโปรแกรม สปสช. (Secure Smart Card Agent) บนเครื่องนี้ไม่ได้ โปรแกรมอาจปิดอยู่ ระบบจะส่งคำขอใหม่เอง',
    en: 'Cannot reach the NHSO Secure Smart Card Agent on this computer (it may be closed); the request will be sent again by itself.',
  },
  nhso_agent_timeout: {
    th: 'โปรแกรม สปสช. ตอบช้าเกินไป ระบบจะส่งคำขอใหม่เอง',
    en: 'The NHSO agent took too long to answer; the request will be sent again by itself.',
  },
  nhso_unreachable: {
    th: 'เชื่อมต่อ สปสช. ไม่ได้ (เครือข่าย GIN หรืออินเทอร์เน็ตขัดข้อง) ระบบจะส่งคำขอใหม่เอง',
    en: 'Cannot reach the NHSO (GIN network or internet down); the request will be sent again by itself.',
  },
  nhso_refused: {
    th: 'สปสช. ไม่ออกรหัสยืนยันตัวตนให้ กรุณาตรวจสอบสิทธิ เบอร์โทรศัพท์ และประเภทการเข้ารับบริการ แล้วขอใหม่',
    en: 'The NHSO refused to issue an authen code; check the right to care, the mobile number and the claim type, then ask again.',
  },
  nhso_bad_answer: {
    th: 'โปรแกรม สปสช. ตอบกลับในรูปแบบที่ไม่รู้จัก กรุณาแจ้งฝ่ายไอที',
    en: 'The NHSO agent answered in a form this station does not know; please tell IT.',
  },
  nhso_no_reader: { th: 'โปรแกรม สปสช. ไม่พบเครื่องอ่านบัตร', en: 'The NHSO agent finds no card reader.' },
  nhso_no_card: { th: 'โปรแกรม สปสช. ไม่พบบัตรในเครื่องอ่าน', en: 'The NHSO agent finds no card in the reader.' },
  nhso_no_code: { th: 'ยังไม่มีรหัสยืนยันตัวตนของผู้ป่วยรายนี้', en: 'This patient has no authen code yet.' },
  nhso_mobile_invalid: {
    th: 'เบอร์โทรศัพท์มือถือต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0 (หรือเว้นว่างไว้ถ้าไม่ขอรหัสยืนยันตัวตน)',
    en: 'The mobile number must be 10 digits starting with 0 (or left empty to ask for no authen code).',
  },
  nhso_agent_url_not_local: {
    th: 'ที่อยู่โปรแกรม สปสช. ต้องเป็นเครื่องนี้เท่านั้น (127.0.0.1, localhost หรือ [::1]) เพราะต้องส่งเลขประจำตัวประชาชน',
    en: 'The NHSO agent address must be this computer (127.0.0.1, localhost or [::1]): the citizen id is sent to it.',
  },
} as const satisfies Record<string, Bilingual>;

export type NhsoErrorCode = keyof typeof nhsoErrorText;

export const nhsoErrorCodes = Object.keys(nhsoErrorText) as readonly NhsoErrorCode[];

export function isNhsoErrorCode(value: string): value is NhsoErrorCode {
  return Object.hasOwn(nhsoErrorText, value);
}

/** Failures that may pass (the agent closed, GIN down, a slow answer): the request stays queued and is retried. */
export const RETRYABLE_NHSO_ERRORS: ReadonlySet<NhsoErrorCode> = new Set([
  'nhso_agent_unreachable',
  'nhso_agent_timeout',
  'nhso_unreachable',
]);
