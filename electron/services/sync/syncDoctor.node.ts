/** The doctor's sync check: configured? link to central? how long since the last successful sync? */
import type { Check } from '../doctor/doctor.node.js';
import { errorText } from '../../contract/errors.std.js';
import type { SyncStatus } from '../../contract/sync.std.js';
import type { SyncService } from './syncService.node.js';
import type { DoctorCheck } from '../../contract/settings.std.js';

/** A station that has not synced for this long is worth a look even when the link is up. */
export const STALE_SYNC_MS = 24 * 60 * 60_000;

export function syncVerdict(status: SyncStatus, now: number): DoctorCheck {
  const id = 'sync';
  if (!status.configured) return { id, verdict: 'warn', ...errorText.sync_not_configured };
  if (status.errorCode !== null && status.state === 'error') {
    const text = errorText[status.errorCode];
    return { id, verdict: 'fail', th: `ซิงก์กับส่วนกลาง: ${text.th}`, en: `Sync with central: ${text.en}` };
  }
  const last = status.replication?.lastSuccessAt ?? null;
  const age = last === null ? null : now - Date.parse(last);
  const lastTh = age === null ? 'ยังไม่เคยซิงก์สำเร็จ' : `ซิงก์สำเร็จล่าสุด ${Math.round(age / 60_000)} นาทีที่แล้ว`;
  const lastEn =
    age === null ? 'never synced successfully yet' : `last successful sync ${Math.round(age / 60_000)} min ago`;
  if (status.state === 'offline')
    return {
      id,
      verdict: 'warn',
      th: `ติดต่อเซิร์ฟเวอร์กลางไม่ได้ (${lastTh})`,
      en: `Central unreachable (${lastEn}).`,
    };
  if (age === null || age > STALE_SYNC_MS)
    return { id, verdict: 'warn', th: `เชื่อมต่อส่วนกลางได้ แต่${lastTh}`, en: `Central reachable, but ${lastEn}.` };
  return { id, verdict: 'ok', th: `เชื่อมต่อส่วนกลางได้ ${lastTh}`, en: `Central reachable; ${lastEn}.` };
}

/** Probes once first, so `npm run doctor` (a fresh process) reports the link as it is now. */
export function syncCheck(sync: SyncService): Check {
  return async function checkSync() {
    await sync.probeNow();
    return syncVerdict(sync.status(), Date.now());
  };
}
