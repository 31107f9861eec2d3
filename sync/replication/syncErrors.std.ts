/** Error codes of the sync feature, with their Thai and English text (merged in errors.std.ts). */
import type { Bilingual } from '../model/bilingual.std.js';

export const syncErrorText = {
  sync_offline: {
    th: 'ติดต่อเซิร์ฟเวอร์กลางไม่ได้ (เครือข่ายขาด) ทำงานต่อได้ตามปกติ ข้อมูลจะส่งเองเมื่อเชื่อมต่อได้',
    en: 'Cannot reach the central server (network down). Work goes on; records are sent when the link returns.',
  },
  sync_server_down: {
    th: 'เครือข่ายใช้ได้ แต่เซิร์ฟเวอร์กลางไม่ตอบหรือขัดข้อง ข้อมูลยังรอส่งอยู่ในเครื่อง',
    en: 'The network is up but the central server is down or failing; records wait on this station.',
  },
  sync_timeout: {
    th: 'เซิร์ฟเวอร์กลางตอบช้าเกินไป จะลองใหม่เอง',
    en: 'The central server took too long to answer; retrying on its own.',
  },
  sync_wrong_password: {
    th: 'ชื่อผู้ใช้หรือรหัสผ่านของสถานีสำหรับเซิร์ฟเวอร์กลางไม่ถูกต้อง กรุณาให้ฝ่ายไอทีตั้งค่าใหม่',
    en: "The station's user name or password for the central server is wrong; IT must set it again.",
  },
  sync_forbidden: {
    th: 'บัญชีของสถานีนี้ไม่มีสิทธิ์เข้าฐานข้อมูลของโรงพยาบาลนี้ที่เซิร์ฟเวอร์กลาง',
    en: "This station's account has no access to this hospital's database on the central server.",
  },
  sync_certificate: {
    th: 'ใบรับรองความปลอดภัยของเซิร์ฟเวอร์กลางไม่ถูกต้องหรือไม่น่าเชื่อถือ ไม่ได้ส่งข้อมูล (ตรวจไฟล์ CA ของ GIN)',
    en: "The central server's certificate is invalid or untrusted; nothing was sent (check the GIN CA bundle).",
  },
  sync_rejected_documents: {
    th: 'เซิร์ฟเวอร์กลางไม่รับบางรายการ ดูรายการและเหตุผลในหน้าซิงก์ (รายการอื่นส่งได้ตามปกติ)',
    en: 'The central server refused some records; see the list and reasons on the sync page (the rest went through).',
  },
  sync_conflicts_pending: {
    th: 'มีข้อมูลขัดแย้งที่ระบบตัดสินเองไม่ได้ รอฝ่ายไอทีตรวจ',
    en: 'Some conflicting edits could not be settled automatically; they wait for IT.',
  },
  sync_server_error: {
    th: 'เซิร์ฟเวอร์กลางเกิดข้อผิดพลาด จะลองใหม่เอง',
    en: 'The central server failed; retrying on its own.',
  },
  sync_station_mismatch: {
    th: 'บัญชีผู้ใช้ส่วนกลางนี้ไม่ใช่ของสถานีนี้ (สถานีนี้บันทึกข้อมูลในชื่อผู้ใช้ที่ตั้งไว้ตอนติดตั้ง) กรุณาใช้บัญชีของสถานีนี้ หรือตั้งค่ารหัสสถานีให้ตรงกับที่ลงทะเบียนไว้',
    en: "This central account is not this station's (the station writes its records as the user set at setup). Use this station's account, or set the station code as provisioned.",
  },
  sync_insecure_url: {
    th: 'ที่อยู่เซิร์ฟเวอร์กลางต้องขึ้นต้นด้วย https:// (http:// ใช้ได้เฉพาะเซิร์ฟเวอร์ในเครื่องนี้) รหัสผ่านและข้อมูลผู้ป่วยจะไม่ถูกส่งแบบไม่เข้ารหัส',
    en: 'The central server address must start with https:// (http:// only for a server on this computer): passwords and patient records are never sent unencrypted.',
  },
  sync_not_configured: {
    th: 'ยังไม่ได้ตั้งค่าการเชื่อมต่อเซิร์ฟเวอร์กลาง (ที่อยู่ ชื่อผู้ใช้ รหัสผ่านของสถานี)',
    en: 'The link to the central server is not set up yet (address, station user, password).',
  },
  sync_keystore_unavailable: {
    th: 'ไม่มีที่เก็บรหัสผ่านที่ปลอดภัยในเครื่องนี้ (Linux ต้องมี GNOME Keyring หรือ KWallet) จึงไม่เก็บรหัสผ่าน',
    en: 'No secure password store on this computer (Linux needs GNOME Keyring or KWallet), so the password was not kept.',
  },
  sync_hospital_key_missing: {
    th: 'ยังไม่ได้รับกุญแจของโรงพยาบาลจากเซิร์ฟเวอร์กลาง (ต้องเชื่อมต่อครั้งแรกให้สำเร็จก่อน)',
    en: 'The hospital key has not been fetched from the central server yet (the first connection must succeed once).',
  },
  sync_bad_ca_bundle: {
    th: 'ไฟล์ CA ที่ให้มาอ่านไม่ได้ (ต้องเป็น PEM)',
    en: 'The CA bundle could not be read (it must be PEM).',
  },
} as const satisfies Record<string, Bilingual>;

export type SyncErrorCode = keyof typeof syncErrorText;
export const syncErrorCodes = Object.keys(syncErrorText) as SyncErrorCode[];
