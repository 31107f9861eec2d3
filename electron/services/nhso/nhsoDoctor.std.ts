/** The doctor's NHSO check in words: is the agent answering at its address, and are authen requests waiting? */
import type { DoctorCheck } from '../../contract/settings.std.js';

export interface NhsoHealth {
  readonly agentUrl: string;
  /** The agent answered anything at all (it is running). */
  readonly reachable: boolean;
  /** Requests still pending or retrying. */
  readonly waiting: number;
}

export function nhsoVerdict(health: NhsoHealth): DoctorCheck {
  const id = 'nhso';
  const waitingTh = health.waiting === 0 ? '' : ` มีคำขอรหัสยืนยันตัวตนรอส่ง ${health.waiting} รายการ`;
  const waitingEn = health.waiting === 0 ? '' : ` ${health.waiting} authen request(s) waiting to be sent.`;
  if (!health.reachable) {
    return {
      id,
      verdict: 'warn',
      th: `ติดต่อโปรแกรม สปสช. (Secure Smart Card Agent) ที่ ${health.agentUrl} ไม่ได้ ขอรหัสยืนยันตัวตนไม่ได้จนกว่าจะเปิดโปรแกรม${waitingTh}`,
      en: `The NHSO Secure Smart Card Agent at ${health.agentUrl} does not answer; no authen codes until it runs.${waitingEn}`,
    };
  }
  return {
    id,
    verdict: health.waiting === 0 ? 'ok' : 'warn',
    th: `โปรแกรม สปสช. (Secure Smart Card Agent) ทำงานที่ ${health.agentUrl}${waitingTh}`,
    en: `The NHSO Secure Smart Card Agent answers at ${health.agentUrl}.${waitingEn}`,
  };
}
