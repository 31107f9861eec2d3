/**
 * What a person sees when the app cannot start: a bilingual dialog naming the cause in words IT can act
 * on, where the logs are, and that nothing already stored was lost (startup never deletes data).
 */
import { errorMessage } from '../../../sync/model/errorMessage.std.js';
export type StartupFailureCause =
  | 'native_module'
  | 'data_folder'
  | 'disk_full'
  | 'key_corrupt'
  | 'key_locked'
  | 'unknown';

const hints: Readonly<Record<StartupFailureCause, readonly [th: string, en: string]>> = {
  native_module: [
    'โมดูลฐานข้อมูลของสถานีไม่ตรงกับรุ่นของโปรแกรม: ติดตั้งโปรแกรมใหม่ หรือในเครื่องนักพัฒนาให้สั่ง npm start อีกครั้งขณะต่ออินเทอร์เน็ต',
    "The station database module does not match this build: reinstall the app, or on a developer's machine run npm start again while online.",
  ],
  data_folder: [
    'เขียนโฟลเดอร์ข้อมูลของสถานีไม่ได้: ตรวจว่าเป็นโฟลเดอร์และมีสิทธิ์เขียน',
    "The station's data folder cannot be written: check that it is a folder the app may write to.",
  ],
  key_corrupt: [
    'แฟ้มกุญแจรหัสผู้ป่วย (hospital.key) เสียหาย: สถานีหยุดไว้ก่อนเพื่อไม่ให้ผู้ป่วยได้รหัสใหม่ซ้ำ ให้ฝ่ายไอทีกู้แฟ้มจากสำรอง หรือลบแฟ้มแล้วเชื่อมต่อส่วนกลาง ระบบจะรวมผู้ป่วยเข้ากับกุญแจของโรงพยาบาลให้เอง',
    "The patient-id key file (hospital.key) is damaged: the station stops rather than give patients a second id. IT: restore it from a backup, or remove it and connect to central; patients are then merged under the hospital's key.",
  ],
  key_locked: [
    'เปิดกุญแจรหัสผู้ป่วยที่ปิดผนึกไว้ไม่ได้ (ที่เก็บกุญแจของระบบปฏิบัติการถูกล็อกหรือเปลี่ยนผู้ใช้): ลงชื่อเข้าใช้เครื่องด้วยบัญชีผู้ใช้เดิมแล้วเปิดโปรแกรมใหม่ สถานีหยุดไว้ก่อนเพื่อไม่ให้ผู้ป่วยได้รหัสใหม่ซ้ำ',
    'The sealed patient-id key cannot be opened (the OS keystore is locked, or this is another user account): sign in to the computer as the usual user and start the app again. The station stops rather than give patients a second id.',
  ],
  disk_full: [
    'พื้นที่ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วเปิดโปรแกรมใหม่',
    'The disk is full: free some space and start the app again.',
  ],
  unknown: ['แจ้งฝ่ายไอทีของโรงพยาบาลพร้อมข้อความนี้', "Tell the hospital's IT with this message."],
};

export function startupFailureCause(error: unknown): StartupFailureCause {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = errorMessage(error);
  if (code === 'identity_key_corrupt') return 'key_corrupt';
  if (code === 'identity_key_locked') return 'key_locked';
  if (code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)) return 'native_module';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'disk_full';
  if (['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'].includes(code))
    return 'data_folder';
  return 'unknown';
}

export interface StartupFailureText {
  readonly title: string;
  readonly body: string;
}

export function startupFailureText(error: unknown, dataDir: string): StartupFailureText {
  const [th, en] = hints[startupFailureCause(error)];
  const detail = errorMessage(error);
  return {
    title: 'เปิดโปรแกรมไม่สำเร็จ / Clinic Edge could not start',
    body: [
      th,
      en,
      '',
      'ข้อมูลที่บันทึกไว้แล้วยังอยู่ครบ / Nothing already stored was lost.',
      `โฟลเดอร์ข้อมูลและบันทึกการทำงาน / Data and logs: ${dataDir}`,
      '',
      detail,
    ].join('\n'),
  };
}
