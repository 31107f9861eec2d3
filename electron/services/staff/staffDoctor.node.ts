/** The doctor's word on staff: accounts per role, who is locked out, and the idle lock. */
import type { Check } from '../doctor/doctor.node.js';
import type { StaffDirectory } from './staffDirectory.node.js';
import { staffErrorText } from '../../contract/staffErrors.std.js';

export function staffCheck(directory: StaffDirectory, now: () => Date = () => new Date()): Check {
  return function checkStaff() {
    const accounts = directory.info(now()).filter((a) => a.active);
    if (accounts.length === 0) return { id: 'staff', verdict: 'warn', ...staffErrorText.staff_no_accounts };
    const count = (role: string): number => accounts.filter((a) => a.role === role).length;
    const locked = accounts.filter((a) => a.lockedUntil !== null).map((a) => a.code);
    const roles = `ห้องบัตร ${String(count('front_desk'))} · พยาบาล ${String(count('nurse'))} · ไอที ${String(count('it'))}`;
    const rolesEn = `front desk ${String(count('front_desk'))} · nurse ${String(count('nurse'))} · IT ${String(count('it'))}`;
    const idle = directory.idleMinutes();
    return {
      id: 'staff',
      verdict: locked.length > 0 || count('it') === 0 ? 'warn' : 'ok',
      th: `บัญชีเจ้าหน้าที่ที่ใช้งานได้: ${roles}; ล็อกหน้าจอเมื่อไม่ใช้งาน ${String(idle)} นาที${locked.length > 0 ? `; ถูกระงับเพราะใส่ PIN ผิด: ${locked.join(', ')}` : ''}${count('it') === 0 ? '; ยังไม่มีบัญชีฝ่ายไอที' : ''}`,
      en: `Staff accounts that may sign in: ${rolesEn}; idle lock after ${String(idle)} min${locked.length > 0 ? `; locked out after wrong PINs: ${locked.join(', ')}` : ''}${count('it') === 0 ? '; no IT account yet' : ''}`,
    };
  };
}
