/**
 * A crashed page is reloaded with a notice, but a page that keeps crashing is not reloaded in a loop:
 * after `limit` crashes inside `windowMs` the window stays on an error message instead.
 */
export interface CrashPolicy {
  readonly limit: number;
  readonly windowMs: number;
}

export const defaultCrashPolicy: CrashPolicy = { limit: 3, windowMs: 60_000 };

/** The crash times still inside the window after one more crash at `now`, and whether to reload. */
export function onRendererCrash(
  previous: readonly number[],
  now: number,
  policy: CrashPolicy = defaultCrashPolicy,
): { readonly crashes: readonly number[]; readonly reload: boolean } {
  const crashes = [...previous.filter((at) => now - at < policy.windowMs), now];
  return { crashes, reload: crashes.length < policy.limit };
}

export const crashNotice = {
  title: 'หน้าจอขัดข้อง / The screen stopped working',
  reloaded:
    'หน้าจอถูกเปิดใหม่แล้ว ข้อมูลที่บันทึกแล้วยังอยู่ครบ ตรวจข้อมูลที่กำลังกรอกอยู่อีกครั้ง\nThe screen was reloaded. Everything saved is kept; check any form you were filling in.',
  stopped:
    'หน้าจอขัดข้องซ้ำหลายครั้ง จึงไม่เปิดใหม่อัตโนมัติ ปิดแล้วเปิดโปรแกรมใหม่ และแจ้งฝ่ายไอที\nThe screen stopped working several times, so it is not reloaded again: restart the app and tell IT.',
} as const;
