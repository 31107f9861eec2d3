/**
 * Whether the data folder lies on an encrypted block device, read from Linux's own tables: the mount holding the
 * folder (/proc/self/mountinfo: longest mount point that is a prefix of the path, its major:minor), then the
 * device-mapper chain under /sys/dev/block (a `CRYPT-` dm uuid anywhere down the chain is dm-crypt/LUKS).
 * Pure: the caller reads the files. The station's IndexedDB and SQLite are not encrypted by the app: on a stolen
 * disk, full-disk encryption is what protects them (docs/SECURITY.md).
 */
import type { DoctorCheck } from '../../contract/settings.std.js';

export interface MountEntry {
  readonly mountPoint: string;
  readonly device: string;
  readonly fsType: string;
}

/** Lines of /proc/self/mountinfo: `id parent major:minor root mountpoint opts … - fstype source superopts`. */
export function parseMountInfo(text: string): MountEntry[] {
  return text.split('\n').flatMap((line) => {
    const [left, right] = line.split(' - ');
    if (left === undefined || right === undefined) return [];
    const fields = left.split(' ');
    const device = fields[2];
    const mountPoint = fields[4]?.replace(/\\040/g, ' ');
    const fsType = right.split(' ')[0];
    return device === undefined || mountPoint === undefined || fsType === undefined
      ? []
      : [{ mountPoint, device, fsType }];
  });
}

/** The mount a path lies on: the longest mount point that is the path or one of its folders. */
export function mountOf(path: string, mounts: readonly MountEntry[]): MountEntry | undefined {
  const inside = (mount: string): boolean => mount === '/' || path === mount || path.startsWith(`${mount}/`);
  return [...mounts].filter((m) => inside(m.mountPoint)).sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
}

export type EncryptionVerdict = 'encrypted' | 'not_encrypted' | 'unknown';

export function diskEncryptionCheck(verdict: EncryptionVerdict, where: string): DoctorCheck {
  if (verdict === 'encrypted') {
    return {
      id: 'disk-encryption',
      verdict: 'ok',
      th: `ดิสก์ที่เก็บข้อมูลสถานีเข้ารหัสทั้งดิสก์แล้ว (${where})`,
      en: `The disk holding the station data is encrypted (${where}).`,
    };
  }
  if (verdict === 'not_encrypted') {
    return {
      id: 'disk-encryption',
      verdict: 'warn',
      th: `ดิสก์ที่เก็บข้อมูลผู้ป่วยของสถานีไม่ได้เข้ารหัส (${where}): ถ้าเครื่องถูกขโมย ข้อมูลอ่านได้ ให้ฝ่ายไอทีเปิด BitLocker หรือ LUKS`,
      en: `The disk holding the station's patient data is not encrypted (${where}): a stolen disk can be read. IT: turn on BitLocker or LUKS.`,
    };
  }
  return {
    id: 'disk-encryption',
    verdict: 'warn',
    th: 'ตรวจไม่ได้ว่าดิสก์ที่เก็บข้อมูลเข้ารหัสหรือไม่: ให้ฝ่ายไอทียืนยันว่าเปิด BitLocker หรือ LUKS ไว้',
    en: 'Could not tell whether the data disk is encrypted: IT should confirm BitLocker or LUKS is on.',
  };
}
