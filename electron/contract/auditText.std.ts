/**
 * The audit trail in words IT reads: every action the station records, and who did it, in Thai and English.
 * `AuditAction` is the one list of actions; the audit log only takes these, so a new action cannot be
 * recorded without its words.
 */
import type { Bilingual } from '../../sync/model/bilingual.std.js';
import type { StaffRole } from './staff.std.js';

export const auditActionText = {
  'card.read': { th: 'อ่านบัตรประชาชนผู้ป่วย', en: "Read a patient's ID card" },
  'devices.assign': { th: 'ย้ายค่าที่วัดไปให้ผู้ป่วยอีกคน', en: 'Moved a reading to another patient' },
  'devices.configure': { th: 'ตั้งค่าพอร์ตเครื่องวัด', en: 'Set up a device port' },
  'devices.codeMap': {
    th: 'แก้ผังรหัสค่าจากเครื่องติดตามสัญญาณชีพ (HL7)',
    en: 'Changed the code map for patient monitors (HL7)',
  },
  'devices.confirm': { th: 'ยืนยันและบันทึกค่าที่วัดลงเวชระเบียน', en: 'Confirmed a reading into the chart' },
  'devices.listener': {
    th: 'ตั้งค่าเครื่องที่ส่งค่าเข้าพอร์ตเครือข่ายได้ (รายชื่อที่อนุญาตและขีดจำกัด)',
    en: 'Set which hosts may send to a network port (allow-list and limits)',
  },
  'devices.retention': {
    th: 'ตั้งระยะเวลาเก็บข้อมูลดิบจากเครื่องวัด',
    en: 'Set how long raw device messages are kept',
  },
  'devices.discard': { th: 'ทิ้งค่าที่วัด (พร้อมเหตุผล)', en: 'Discarded a reading (with a reason)' },
  'identity.patient_merged': { th: 'รวมระเบียนผู้ป่วยคนเดียวกันเข้าด้วยกัน', en: 'Merged two records of one patient' },
  'printer.configure': { th: 'ตั้งค่าเครื่องพิมพ์บัตรคิว', en: 'Set up the queue-slip printer' },
  'printer.slip': { th: 'พิมพ์บัตรคิว', en: 'Printed a queue slip' },
  'printer.reprint': { th: 'พิมพ์บัตรคิวซ้ำ', en: 'Reprinted a queue slip' },
  'visit.servicePoints': { th: 'แก้รายการจุดบริการ/คลินิก', en: 'Changed the service point / clinic list' },
  'nhso.authen_requested': {
    th: 'ขอรหัสยืนยันตัวตน สปสช. (Authen Code) ให้ผู้ป่วย',
    en: 'Asked the NHSO for an authen code for a patient',
  },
  'nhso.authen_issued': {
    th: 'ได้รับรหัสยืนยันตัวตน สปสช. ของผู้ป่วย',
    en: 'The NHSO issued an authen code for a patient',
  },
  'nhso.authen_failed': {
    th: 'ไม่ได้รับรหัสยืนยันตัวตน สปสช. (คำขอสิ้นสุด)',
    en: 'An NHSO authen request ended without a code',
  },
  'nhso.agent_url': {
    th: 'ตั้งที่อยู่โปรแกรม สปสช. บนเครื่อง',
    en: 'Set the address of the NHSO agent on this computer',
  },
  'staff.signIn': { th: 'ลงชื่อเข้าปฏิบัติงาน', en: 'Signed in at the station' },
  'staff.signOut': { th: 'ลงชื่อออก', en: 'Signed out' },
  'staff.signInFailed': { th: 'ลงชื่อเข้าไม่สำเร็จ (รหัสหรือ PIN ผิด)', en: 'A sign-in failed (wrong code or PIN)' },
  'staff.lockedOut': {
    th: 'ระงับรหัสเจ้าหน้าที่ชั่วคราวหลังใส่ PIN ผิดหลายครั้ง',
    en: 'Locked a staff code after repeated wrong PINs',
  },
  'staff.lockoutCleared': { th: 'ฝ่ายไอทีปลดการระงับรหัสเจ้าหน้าที่', en: 'IT lifted a staff code lockout' },
  'staff.idleLocked': { th: 'ล็อกหน้าจอเพราะไม่มีการใช้งาน', en: 'Locked the station after no activity' },
  'staff.unlocked': { th: 'ปลดล็อกหน้าจอด้วย PIN', en: 'Unlocked the station with the PIN' },
  'staff.accountsFetched': { th: 'รับบัญชีเจ้าหน้าที่จากส่วนกลาง', en: 'Fetched the staff accounts from central' },
  'staff.stationAccount': {
    th: 'ฝ่ายไอทีเพิ่มหรือแก้บัญชีเจ้าหน้าที่ของสถานีนี้',
    en: 'IT added or changed an account of this station',
  },
  'staff.idleMinutes': { th: 'ตั้งเวลาล็อกหน้าจอเมื่อไม่มีการใช้งาน', en: 'Set the idle lock time' },
  'station.setup': { th: 'ตั้งค่าสถานี', en: 'Set up the station' },
  'sync.configured': { th: 'ตั้งค่าการเชื่อมต่อเซิร์ฟเวอร์กลาง', en: 'Set up the link to central' },
  'sync.working_set_changed': {
    th: 'ตั้งจำนวนวันของข้อมูลการตรวจที่สถานีเก็บไว้',
    en: 'Set how many days of visits the station keeps',
  },
  'sync.hub_changed': {
    th: 'ตั้งเซิร์ฟเวอร์ข้อมูลในโรงพยาบาล (ฮับ) ที่สถานีซิงก์ด้วย',
    en: 'Set the hospital hub the station syncs with',
  },
  'sync.records_purged': {
    th: 'นำข้อมูลการตรวจเก่าที่ส่วนกลางมีแล้วออกจากเครื่องนี้',
    en: 'Removed old visits that central holds from this station',
  },
  'sync.hospital_key_adopted': {
    th: 'รับกุญแจรหัสผู้ป่วยของโรงพยาบาลจากส่วนกลาง',
    en: "Took the hospital's patient-id key from central",
  },
} as const satisfies Record<string, Bilingual>;

export type AuditAction = keyof typeof auditActionText;

const roleText: Readonly<Record<StaffRole, Bilingual>> = {
  front_desk: { th: 'ห้องบัตร', en: 'Front desk' },
  nurse: { th: 'พยาบาล', en: 'Nurse' },
  it: { th: 'ฝ่ายไอที', en: 'IT' },
};

export function auditActionWords(action: string, lang: 'th' | 'en'): string {
  const text = (auditActionText as Readonly<Record<string, Bilingual>>)[action];
  return text === undefined ? (lang === 'th' ? `รายการอื่น (${action})` : `Other (${action})`) : text[lang];
}

/**
 * `<role>:<staff id>`, `system` or `unidentified`, as a person reads it: the role in words and the staff
 * member's name when `nameOf` knows the code ("พยาบาล สมศรี (rn_02)"), else the code.
 */
export function auditActorWords(
  actor: string,
  lang: 'th' | 'en',
  nameOf: (code: string) => string | undefined = () => undefined,
): string {
  if (actor === 'system') return lang === 'th' ? 'ระบบ' : 'System';
  if (actor === 'unidentified') return lang === 'th' ? 'ไม่มีผู้ลงชื่อ' : 'Nobody signed in';
  const [role = '', ...rest] = actor.split(':');
  const code = rest.join(':');
  const words = (roleText as Readonly<Record<string, Bilingual>>)[role];
  if (words === undefined) return actor;
  const name = nameOf(code);
  return `${words[lang]} ${name === undefined ? code : `${name} (${code})`}`.trim();
}
