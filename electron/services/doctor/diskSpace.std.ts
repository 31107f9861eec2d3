/**
 * The station's free disk space in words IT reads: the records (IndexedDB), the station database and the
 * logs all live in the data folder's disk, and a full disk stops saving. Thresholds leave room for a day of
 * clinic work and a sync catch-up.
 */
import type { DoctorCheck } from '../../contract/settings.std.js';

export const DISK_FAIL_BELOW = 500 * 1024 * 1024;
export const DISK_WARN_BELOW = 2 * 1024 * 1024 * 1024;

export interface DiskUse {
  readonly freeBytes: number;
  readonly totalBytes: number;
  readonly databaseBytes: number;
  readonly logBytes: number;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit] ?? 'B'}`;
}

export function diskSpaceDoctorCheck(use: DiskUse, dataDir: string): DoctorCheck {
  const verdict: DoctorCheck['verdict'] =
    use.freeBytes < DISK_FAIL_BELOW ? 'fail' : use.freeBytes < DISK_WARN_BELOW ? 'warn' : 'ok';
  const free = formatBytes(use.freeBytes);
  const total = formatBytes(use.totalBytes);
  const db = formatBytes(use.databaseBytes);
  const logs = formatBytes(use.logBytes);
  const advice = {
    ok: { th: '', en: '' },
    warn: { th: ' ใกล้เต็ม ควรเพิ่มพื้นที่', en: ' Running low: free some space.' },
    fail: {
      th: ' เกือบเต็ม การบันทึกจะล้มเหลว เพิ่มพื้นที่ทันที',
      en: ' Nearly full: saving will fail. Free space now.',
    },
  }[verdict];
  return {
    id: 'disk',
    verdict,
    th: `พื้นที่ดิสก์ว่าง ${free} จาก ${total}; ฐานข้อมูลสถานี ${db}, ล็อก ${logs} (${dataDir}).${advice.th}`,
    en: `Free disk space ${free} of ${total}; station database ${db}, logs ${logs} (${dataDir}).${advice.en}`,
  };
}
