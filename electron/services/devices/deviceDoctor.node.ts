/**
 * Doctor checks for the device ports IT configured. In the app (ports running) it reports each port's
 * state; in `npm run doctor` (autoStart false) it probes them without opening any, so it never takes a
 * port from a running app: "in use by pid …" is an honest answer, not a failure.
 */
import type { Check } from '../doctor/doctor.node.js';
import type { DeviceService } from './deviceService.node.js';
import { deviceErrorText, type DeviceErrorCode } from '../../../drivers/devices/deviceErrors.std.js';
import type { DoctorCheck } from '../../contract/settings.std.js';
import { isValidPortId, notTakenIsLatest, notUnderstoodWords, type PortStatus } from '../../contract/devices.std.js';
import { probePort, type PortProbe, type ProbeDeps } from './portProbe.node.js';

/** A TCP port's allow-list as the doctor says it; a listener with none takes no one, which IT must see. */
function allowLine(service: DeviceService, port: string): { th: string; en: string; verdict: DoctorCheck['verdict'] } {
  if (!port.startsWith('tcp:')) return { th: '', en: '', verdict: 'ok' };
  const settings = service.settings.listener(port);
  if (settings === undefined || settings.allow.length === 0) {
    const text = deviceErrorText.device_listener_no_allow_list;
    return { th: ` — ${text.th}`, en: ` — ${text.en}`, verdict: 'warn' };
  }
  const list = settings.allow.join(', ');
  const limits = `${String(settings.maxConnectionsPerSource)}/${String(settings.maxConnections)}, ${String(settings.framesPerMinute)}/min, idle ${String(settings.idleTimeoutMs / 1000)} s`;
  return {
    th: ` — รับจาก ${list} (การเชื่อมต่อต่อเครื่อง/ทั้งหมด ${limits})`,
    en: ` — accepts ${list} (connections per source/total ${limits})`,
    verdict: 'ok',
  };
}

/**
 * The port's last frame with codes no map knows, as IT's device view says it; a warning while it is the latest
 * frame (IT maps the codes), said as history once a later frame charted whole.
 */
function notTakenLine(status: Pick<PortStatus, 'lastFrameAt' | 'lastNotTaken'>): {
  th: string;
  en: string;
  verdict: DoctorCheck['verdict'];
} {
  const skipped = status.lastNotTaken?.skipped ?? [];
  const [th, en] = [notUnderstoodWords(skipped, 'th'), notUnderstoodWords(skipped, 'en')];
  if (th === null || en === null || status.lastNotTaken === null) return { th: '', en: '', verdict: 'ok' };
  const latest = notTakenIsLatest(status);
  const at = status.lastNotTaken.at;
  return latest
    ? { th: ` — ${th} เมื่อ ${at}`, en: ` — ${en} at ${at}`, verdict: 'warn' }
    : { th: ` — ข้อความก่อนหน้า: ${th} เมื่อ ${at}`, en: ` — an earlier message: ${en} at ${at}`, verdict: 'ok' };
}

const notConfigured: DoctorCheck = {
  id: 'devices',
  verdict: 'warn',
  th: 'ยังไม่ได้ตั้งค่าพอร์ตเครื่องวัดสัญญาณชีพ',
  en: 'No bedside-device port is configured.',
};

function runningCheck(service: DeviceService): DoctorCheck {
  const statuses = service.statuses().filter((s) => !s.port.startsWith('demo:'));
  if (statuses.length === 0) return notConfigured;
  const problems = statuses.filter((s) => s.state === 'retrying' || s.state === 'closed');
  const line = (s: (typeof statuses)[number], lang: 'th' | 'en'): string =>
    `${s.port} (${s.profile}): ${s.state}${s.detail === null ? '' : ` — ${s.detail}`}${allowLine(service, s.port)[lang]}${notTakenLine(s)[lang]}`;
  if (problems.length === 0) {
    const verdict = statuses.some(
      (s) => allowLine(service, s.port).verdict === 'warn' || notTakenLine(s).verdict === 'warn',
    )
      ? 'warn'
      : 'ok';
    return {
      id: 'devices',
      verdict,
      th: `พอร์ตเครื่องวัดพร้อมใช้: ${statuses.map((s) => line(s, 'th')).join('; ')}`,
      en: `Device ports ready: ${statuses.map((s) => line(s, 'en')).join('; ')}`,
    };
  }
  const reasons = problems.map((s) => {
    const text =
      s.errorCode !== null && Object.hasOwn(deviceErrorText, s.errorCode)
        ? deviceErrorText[s.errorCode as DeviceErrorCode]
        : undefined;
    return { port: s.port, th: text?.th ?? s.state, en: text?.en ?? s.state, detail: s.detail ?? '' };
  });
  return {
    id: 'devices',
    verdict: 'fail',
    th: reasons.map((r) => `${r.port}: ${r.th} (${r.detail})`).join('; '),
    en: reasons.map((r) => `${r.port}: ${r.en} (${r.detail})`).join('; '),
  };
}

const probeText: Record<PortProbe['state'], { th: string; en: string; verdict: DoctorCheck['verdict'] }> = {
  in_use: { th: 'มีโปรแกรมใช้อยู่ (แอปกำลังทำงาน?)', en: 'in use (the app is running?)', verdict: 'ok' },
  listening: {
    th: 'มีโปรแกรมรอรับอยู่ (แอปกำลังทำงาน?)',
    en: 'being listened on (the app is running?)',
    verdict: 'ok',
  },
  present: { th: 'พบอุปกรณ์ ยังไม่มีโปรแกรมใช้', en: 'present, not in use', verdict: 'ok' },
  listed: {
    th: 'ระบบพบพอร์ตนี้ (ตรวจไม่ได้ว่ามีโปรแกรมใช้อยู่หรือไม่)',
    en: 'listed by the system (whether it is in use cannot be checked here)',
    verdict: 'ok',
  },
  free: { th: 'ว่าง แอปจะรอรับที่พอร์ตนี้', en: 'free; the app will listen here', verdict: 'ok' },
  missing: {
    th: 'ไม่พบอุปกรณ์ (ถอดสาย หรือชื่อพอร์ตเปลี่ยน?)',
    en: 'not found (unplugged, or renamed?)',
    verdict: 'fail',
  },
  no_access: {
    th: 'ไม่มีสิทธิ์อ่าน/เขียนพอร์ต (Linux: เพิ่มผู้ใช้เข้ากลุ่ม dialout)',
    en: 'no permission to read/write the port (Linux: add the user to the dialout group)',
    verdict: 'fail',
  },
  unknown: { th: 'ตรวจไม่ได้บนระบบนี้', en: 'cannot be checked on this system', verdict: 'warn' },
};

const rank = { ok: 0, warn: 1, fail: 2 } as const;

async function probeCheck(service: DeviceService, deps: ProbeDeps): Promise<DoctorCheck> {
  const ports = service.inbox.ports();
  if (ports.length === 0) return notConfigured;
  const lines: { th: string; en: string; verdict: DoctorCheck['verdict'] }[] = [];
  for (const row of ports) {
    if (!row.enabled) {
      lines.push({
        th: `${row.port} (${row.profile}): ปิดใช้งาน`,
        en: `${row.port} (${row.profile}): disabled`,
        verdict: 'ok',
      });
      continue;
    }
    if (!isValidPortId(row.port)) {
      const text = deviceErrorText.device_port_invalid;
      lines.push({
        th: `${row.port} (${row.profile}): ${text.th}`,
        en: `${row.port} (${row.profile}): ${text.en}`,
        verdict: 'fail',
      });
      continue;
    }
    const probe = await probePort(row.port, deps);
    const text = probeText[probe.state];
    const who = probe.holders.length === 0 ? '' : ` — ${probe.holders.join(', ')}`;
    const detail = probe.detail === null ? '' : ` (${probe.detail})`;
    const allow = allowLine(service, row.port);
    const notTaken = notTakenLine(service.inbox.lastFrames(row.port));
    lines.push({
      th: `${row.port} (${row.profile}): ${text.th}${who}${detail}${allow.th}${notTaken.th}`,
      en: `${row.port} (${row.profile}): ${text.en}${who}${detail}${allow.en}${notTaken.en}`,
      verdict: [text.verdict, allow.verdict, notTaken.verdict].reduce((worst, v) =>
        rank[v] > rank[worst] ? v : worst,
      ),
    });
  }
  const verdict = lines.reduce<DoctorCheck['verdict']>(
    (worst, line) => (rank[line.verdict] > rank[worst] ? line.verdict : worst),
    'ok',
  );
  return {
    id: 'devices',
    verdict,
    th: `ตรวจพอร์ตโดยไม่เปิดใช้: ${lines.map((l) => l.th).join('; ')}`,
    en: `Ports checked without opening them: ${lines.map((l) => l.en).join('; ')}`,
  };
}

export function devicePortsCheck(service: DeviceService, probe: ProbeDeps): Check {
  return function checkDevicePorts() {
    return service.started ? runningCheck(service) : probeCheck(service, probe);
  };
}
