/** Doctor checks for the device ports IT configured. */
import type { Check } from '../doctor/doctor.node.js';
import type { DeviceService } from './deviceService.node.js';
import { deviceErrorText, type DeviceErrorCode } from '../../contract/deviceErrors.std.js';

export function devicePortsCheck(service: DeviceService): Check {
  return function checkDevicePorts() {
    const statuses = service.statuses().filter((s) => !s.port.startsWith('demo:'));
    if (statuses.length === 0) {
      return { id: 'devices', verdict: 'warn', th: 'ยังไม่ได้ตั้งค่าพอร์ตเครื่องวัดสัญญาณชีพ', en: 'No bedside-device port is configured.' };
    }
    const problems = statuses.filter((s) => s.state === 'retrying' || s.state === 'closed');
    const lines = statuses.map((s) => `${s.port} (${s.profile}): ${s.state}${s.detail === null ? '' : ` — ${s.detail}`}`);
    if (problems.length === 0) {
      return { id: 'devices', verdict: 'ok', th: `พอร์ตเครื่องวัดพร้อมใช้: ${lines.join('; ')}`, en: `Device ports ready: ${lines.join('; ')}` };
    }
    const reasons = problems.map((s) => {
      const text = s.errorCode !== null && Object.hasOwn(deviceErrorText, s.errorCode) ? deviceErrorText[s.errorCode as DeviceErrorCode] : undefined;
      return { port: s.port, th: text?.th ?? s.state, en: text?.en ?? s.state, detail: s.detail ?? '' };
    });
    return {
      id: 'devices',
      verdict: 'fail',
      th: reasons.map((r) => `${r.port}: ${r.th} (${r.detail})`).join('; '),
      en: reasons.map((r) => `${r.port}: ${r.en} (${r.detail})`).join('; '),
    };
  };
}
