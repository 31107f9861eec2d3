/**
 * IT's device form (add, or edit one in place), pure: what was typed → the commands to send (an HL7 listener's
 * allow-list first, so it never listens open to nobody, then the port, then the old port's removal when an edit
 * moved the device), or the problems in Thai and English. Main checks everything again; this is so IT reads the
 * reason beside the field instead of an error code.
 */
import { isValidPortId, type Hl7Dialect, type ProfileName } from '../../../../electron/contract/devices.std.js';
import { invalidEntries } from '../../../../electron/contract/devices.std.js';
import type { UiLanguage } from '../../sync/timeText.std.js';

export interface AddDeviceForm {
  readonly profile: ProfileName | '';
  /** What the profile's transport takes: a serial path, a TCP port number, or VVVV:PPPP for USB HID. */
  readonly where: string;
  /** HL7 over the network: addresses or subnets, separated by commas, spaces or new lines. */
  readonly allow: string;
  readonly dialect: Hl7Dialect;
  /** How the device is connected, when its profile takes more than one (HL7 MLLP: the network or a serial port); null: the profile's first. */
  readonly transport?: Transport | null;
  /** The port of the device being edited (its own port is not "taken"); absent when adding. */
  readonly editing?: string | null;
}

export type Transport = 'serial' | 'tcp' | 'hid';

export interface AddDevicePlan {
  readonly listener: { readonly port: string; readonly allow: readonly string[] } | null;
  readonly configure: {
    readonly port: string;
    readonly profile: ProfileName;
    readonly enabled: true;
    readonly dialect: Hl7Dialect;
  };
  /** An edit that moved the device to another port: the old port, removed once the new one is set. */
  readonly replaces: string | null;
}

export type AddDeviceProblem =
  | 'profile_missing'
  | 'where_missing'
  | 'serial_invalid'
  | 'tcp_invalid'
  | 'hid_invalid'
  | 'allow_missing'
  | 'allow_invalid'
  | 'port_taken';

export const ADD_DEVICE_PROBLEM_TEXT: Readonly<Record<AddDeviceProblem, { readonly th: string; readonly en: string }>> =
  {
    profile_missing: { th: 'เลือกชนิดเครื่องก่อน', en: 'Choose the kind of device first.' },
    where_missing: { th: 'ระบุพอร์ตที่ต่อเครื่อง', en: 'Give the port the device is on.' },
    serial_invalid: {
      th: 'ชื่อพอร์ตอนุกรมต้องไม่มีช่องว่าง (เช่น /dev/ttyUSB0 หรือ COM3)',
      en: 'A serial port name has no spaces (e.g. /dev/ttyUSB0 or COM3).',
    },
    tcp_invalid: {
      th: 'หมายเลขพอร์ตเครือข่ายต้องเป็นตัวเลข 1–65535',
      en: 'A network port is a number from 1 to 65535.',
    },
    hid_invalid: {
      th: 'อุปกรณ์ USB ระบุเป็นรหัสผู้ผลิต:รหัสสินค้า เช่น 0590:0028',
      en: 'A USB device is vendor id:product id, e.g. 0590:0028.',
    },
    allow_missing: {
      th: 'ระบุเครื่องที่อนุญาตให้ส่งข้อมูลอย่างน้อยหนึ่งรายการ (ที่อยู่ IP หรือเครือข่าย เช่น 10.1.20.0/24)',
      en: 'Give at least one host allowed to send (an IP address or subnet, e.g. 10.1.20.0/24).',
    },
    allow_invalid: { th: 'ไม่ใช่ที่อยู่ IP หรือเครือข่าย:', en: 'Not an IP address or subnet:' },
    port_taken: {
      th: 'พอร์ตนี้ตั้งค่าไว้แล้ว (แก้ไขหรือลบของเดิม)',
      en: 'This port is already set up (edit or remove that device).',
    },
  };

/** The transports IT can choose for a profile, the network first (an HL7 monitor is usually on the ward's network). */
export function transportChoices(transports: readonly Transport[]): Transport[] {
  return [...transports].sort((a, b) => Number(b === 'tcp') - Number(a === 'tcp'));
}

/** The transport the form uses: IT's choice when the profile takes it, else the network for HL7 profiles that take it, else its own. */
export function transportFor(transports: readonly Transport[], chosen: Transport | null = null): Transport {
  if (chosen !== null && transports.includes(chosen)) return chosen;
  return transportChoices(transports)[0] ?? 'serial';
}

/** The transport a configured port id is on. */
export function transportOfPort(port: string): Transport {
  return port.startsWith('tcp:') ? 'tcp' : port.startsWith('hid:') ? 'hid' : 'serial';
}

/** What the form shows for a configured device being edited: its port as typed, how it is connected, its allow-list. */
export function formForEdit(
  device: { readonly port: string; readonly profile: ProfileName; readonly dialect: Hl7Dialect | null },
  allow: readonly string[],
): Required<AddDeviceForm> {
  const transport = transportOfPort(device.port);
  return {
    profile: device.profile,
    where: transport === 'serial' ? device.port : device.port.slice(4),
    allow: allow.join(', '),
    dialect: device.dialect ?? 'auto',
    transport,
    editing: device.port,
  };
}

export function splitAllow(text: string): string[] {
  return text.split(/[\s,;]+/).filter((entry) => entry.length > 0);
}

export type AddDeviceResult =
  | { readonly ok: true; readonly plan: AddDevicePlan }
  | {
      readonly ok: false;
      readonly problems: readonly { readonly problem: AddDeviceProblem; readonly detail: string }[];
    };

export function planAddDevice(
  form: AddDeviceForm,
  transports: readonly Transport[],
  configured: readonly string[],
): AddDeviceResult {
  if (form.profile === '') return { ok: false, problems: [{ problem: 'profile_missing', detail: '' }] };
  const transport = transportFor(transports, form.transport ?? null);
  const editing = form.editing ?? null;
  const where = form.where.trim();
  if (where === '') return { ok: false, problems: [{ problem: 'where_missing', detail: '' }] };
  const port = transport === 'tcp' ? `tcp:${where}` : transport === 'hid' ? `hid:${where}` : where;
  const shapeProblem: AddDeviceProblem =
    transport === 'tcp' ? 'tcp_invalid' : transport === 'hid' ? 'hid_invalid' : 'serial_invalid';
  const problems: { problem: AddDeviceProblem; detail: string }[] = [];
  const portOk =
    isValidPortId(port) &&
    (transport !== 'serial' || !/^(tcp|hid):/.test(port)) &&
    (transport !== 'tcp' || /^\d+$/.test(where));
  if (!portOk) problems.push({ problem: shapeProblem, detail: '' });
  else if (port !== editing && configured.includes(port)) problems.push({ problem: 'port_taken', detail: '' });
  const allow = transport === 'tcp' ? splitAllow(form.allow) : [];
  if (transport === 'tcp') {
    const invalid = invalidEntries(allow);
    if (allow.length === 0) problems.push({ problem: 'allow_missing', detail: '' });
    else if (invalid.length > 0) problems.push({ problem: 'allow_invalid', detail: invalid.join(', ') });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      listener: transport === 'tcp' ? { port, allow } : null,
      configure: { port, profile: form.profile, enabled: true, dialect: form.dialect },
      replaces: editing !== null && editing !== port ? editing : null,
    },
  };
}

export function problemWords(problem: { problem: AddDeviceProblem; detail: string }, lang: UiLanguage): string {
  const text = ADD_DEVICE_PROBLEM_TEXT[problem.problem][lang];
  return problem.detail === '' ? text : `${text} ${problem.detail}`;
}
