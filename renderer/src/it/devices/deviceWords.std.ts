/**
 * IT's device view in words, pure: a profile's name, a port, its state, its last error and what the last frame
 * set aside, Thai or English. The only codes shown are the device's own (OBX-3 as it sent them), since IT is
 * who maps them; error codes become their catalogue text.
 */
import { deviceErrorText } from '../../../../electron/contract/errors.std.js';
import {
  SKIP_REASON_TEXT,
  notTakenIsLatest,
  notUnderstoodWords,
  summariseSkipped,
  type Hl7Dialect,
  type PortState,
  type PortStatus,
  type ProfileName,
  type SkippedValue,
} from '../../../../electron/contract/devices.std.js';
import { errorText, isErrorCode } from '../../../../electron/contract/errors.std.js';
import { absoluteTime, relativeTime, type UiLanguage } from '../../sync/timeText.std.js';

export { notUnderstoodWords, unknownCodes } from '../../../../electron/contract/devices.std.js';

type Words = { readonly th: string; readonly en: string };

/** A note kept as what it says in either language, so the English toggle re-words notes already shown. */
export type Said = (lang: UiLanguage) => string;

export const PROFILE_WORDS: Readonly<Record<ProfileName, Words>> = {
  'hl7-mllp': { th: 'เครื่องติดตามสัญญาณชีพ HL7 (MLLP)', en: 'HL7 patient monitor (MLLP)' },
  'hl7-raw-tcp': { th: 'ระบบส่งข้อความ HL7 แบบไม่มี MLLP (ส่วนเสริม HIS)', en: 'HL7 without MLLP (HIS add-ons)' },
  'omron-hbp9030': { th: 'เครื่องวัดความดันแบบตู้ Omron HBP-9030', en: 'Omron HBP-9030 kiosk blood pressure' },
  'omron-hbp9020': { th: 'เครื่องวัดความดันแบบตู้ Omron HBP-9020', en: 'Omron HBP-9020 kiosk blood pressure' },
  'and-tm2657p': { th: 'เครื่องวัดความดันแบบตู้ A&D TM-2657P', en: 'A&D TM-2657P kiosk blood pressure' },
  'terumo-bp500': { th: 'เครื่องวัดความดันแบบตู้ Terumo BP-500', en: 'Terumo BP-500 kiosk blood pressure' },
  'gtech-gl310': {
    th: 'เครื่องชั่งน้ำหนัก-วัดส่วนสูง G-Tech GL-150/GL-310',
    en: 'G-Tech GL-150/GL-310 height and weight scale',
  },
  'tanita-sc240': { th: 'เครื่องชั่งวิเคราะห์ร่างกาย Tanita SC-240', en: 'Tanita SC-240 body composition scale' },
  'tanita-sc330': { th: 'เครื่องชั่งวิเคราะห์ร่างกาย Tanita SC-330', en: 'Tanita SC-330 body composition scale' },
  'tanita-mc780': { th: 'เครื่องชั่งวิเคราะห์ร่างกาย Tanita MC-780', en: 'Tanita MC-780 body composition scale' },
  'tanita-dc320': { th: 'เครื่องชั่งวิเคราะห์ร่างกาย Tanita DC-320', en: 'Tanita DC-320 body composition scale' },
  'tanita-bc418': { th: 'เครื่องชั่งวิเคราะห์ร่างกาย Tanita BC-418', en: 'Tanita BC-418 body composition scale' },
  'masimo-rad8': { th: 'เครื่องวัดออกซิเจนปลายนิ้ว Masimo Rad-8', en: 'Masimo Rad-8 pulse oximeter' },
  'contec-cms50dplus': { th: 'เครื่องวัดออกซิเจนปลายนิ้ว Contec CMS50D+', en: 'Contec CMS50D+ pulse oximeter' },
  'omron-hem790it': { th: 'เครื่องวัดความดัน Omron HEM-790IT (USB)', en: 'Omron HEM-790IT blood pressure (USB)' },
};

/** How a device is connected, as IT chooses it for a kind that takes more than one way. */
export const TRANSPORT_WORDS: Readonly<Record<'serial' | 'tcp' | 'hid', Words>> = {
  tcp: { th: 'ทางเครือข่าย (รอรับที่พอร์ต TCP)', en: 'Over the network (listening on a TCP port)' },
  serial: { th: 'สายอนุกรม (RS-232/USB)', en: 'Serial cable (RS-232/USB)' },
  hid: { th: 'USB', en: 'USB' },
};

export const PORT_STATE_WORDS: Readonly<Record<PortState, Words>> = {
  opening: { th: 'กำลังเปิดพอร์ต', en: 'opening the port' },
  open: { th: 'พร้อมรับค่า', en: 'ready for readings' },
  listening: { th: 'รอรับข้อความทางเครือข่าย', en: 'listening on the network' },
  retrying: { th: 'เชื่อมต่อไม่ได้ กำลังลองใหม่', en: 'cannot connect, retrying' },
  waiting_device: { th: 'รอเสียบเครื่อง', en: 'waiting for the device' },
  disabled: { th: 'ปิดใช้งาน', en: 'turned off' },
  closed: { th: 'หยุดทำงาน', en: 'stopped' },
};

export const DIALECT_WORDS: Readonly<Record<Hl7Dialect, Words>> = {
  auto: { th: 'อัตโนมัติ (ดูจากชื่อเครื่องในข้อความ)', en: 'automatic (from the sender named in the message)' },
  'ihe-pcd': { th: 'มาตรฐาน IHE PCD (รหัส MDC)', en: 'IHE PCD standard (MDC codes)' },
  'mindray-legacy': { th: 'Mindray รุ่นเก่า (gateway v2.3.1)', en: 'Mindray legacy gateway (v2.3.1)' },
  'philips-mdil': { th: 'Philips (รหัส MDIL)', en: 'Philips (MDIL codes)' },
  'nihon-kohden': { th: 'Nihon Kohden', en: 'Nihon Kohden' },
  innokas: { th: 'Innokas', en: 'Innokas' },
  'free-text': { th: 'ข้อความอิสระ (ชื่อค่าเป็นตัวอักษร)', en: 'free text (values named in words)' },
};

const PARITY_WORDS: Readonly<Record<'none' | 'odd' | 'even', Words>> = {
  none: { th: 'ไม่มีพาริตี', en: 'no parity' },
  odd: { th: 'พาริตีคี่', en: 'odd parity' },
  even: { th: 'พาริตีคู่', en: 'even parity' },
};

/** "9600 bps, 8 บิต, ไม่มีพาริตี, 1 สต็อปบิต" — what the device itself must be set to. */
export function framingWords(
  serial: { baudRate: number; dataBits: number; parity: 'none' | 'odd' | 'even'; stopBits: number; xon: boolean },
  lang: UiLanguage,
): string {
  const parts =
    lang === 'th'
      ? [
          `${String(serial.baudRate)} bps`,
          `${String(serial.dataBits)} บิต`,
          PARITY_WORDS[serial.parity].th,
          `${String(serial.stopBits)} สต็อปบิต`,
          ...(serial.xon ? ['XON/XOFF'] : []),
        ]
      : [
          `${String(serial.baudRate)} bps`,
          `${String(serial.dataBits)} data bits`,
          PARITY_WORDS[serial.parity].en,
          `${String(serial.stopBits)} stop bit${serial.stopBits === 1 ? '' : 's'}`,
          ...(serial.xon ? ['XON/XOFF'] : []),
        ];
  return parts.join(', ');
}

/** A port as IT reads it: "พอร์ตอนุกรม /dev/ttyUSB0", "เครือข่าย พอร์ต 2575", "USB 0590:0028". */
export function portWords(port: string, lang: UiLanguage): string {
  if (port.startsWith('tcp:'))
    return lang === 'th' ? `เครือข่าย พอร์ต ${port.slice(4)}` : `network port ${port.slice(4)}`;
  if (port.startsWith('hid:')) return `USB ${port.slice(4)}`;
  return lang === 'th' ? `พอร์ตอนุกรม ${port}` : `serial port ${port}`;
}

/** An error code from a device event or status, in words (device catalogue, then the shared one). */
export function deviceErrorWords(code: string, lang: UiLanguage): string {
  if (Object.hasOwn(deviceErrorText, code)) return deviceErrorText[code as keyof typeof deviceErrorText][lang];
  return isErrorCode(code) ? errorText[code][lang] : errorText.internal[lang];
}

/** Every other value set aside, one line per reason: "1 ค่า: เครื่องอยู่ในโหมดสาธิต… (150456^…)", codes for IT only. */
export function setAsideWords(skipped: readonly SkippedValue[], lang: UiLanguage, forIt = true): string[] {
  return summariseSkipped(skipped)
    .filter((group) => group.reason !== 'unknown_code')
    .map((group) => {
      const count =
        lang === 'th' ? `${String(group.count)} ค่า` : `${String(group.count)} value${group.count === 1 ? '' : 's'}`;
      return `${count}: ${SKIP_REASON_TEXT[group.reason][lang]}${forIt ? ` (${group.sources.join(', ')})` : ''}`;
    });
}

export interface StatusWords {
  readonly device: string;
  readonly port: string;
  readonly state: string;
  /** ok: working; warn: working but something to look at; fail: not working. */
  readonly tone: 'ok' | 'warn' | 'fail';
  readonly lastReading: string;
  readonly problem: string | null;
  readonly dialect: string | null;
  readonly notUnderstood: string | null;
  readonly setAside: readonly string[];
}

/** One configured device's status as IT reads it. */
export function statusWords(status: PortStatus, lang: UiLanguage, nowMs: number, forIt = true): StatusWords {
  const last = status.lastFrameAt;
  const received =
    last === null
      ? lang === 'th'
        ? 'ยังไม่ได้รับข้อมูลจากเครื่อง'
        : 'nothing received yet'
      : `${lang === 'th' ? 'ได้รับล่าสุด' : 'last received'} ${relativeTime(last, nowMs, lang)} (${absoluteTime(last, lang)})`;
  const n = status.reconnects;
  const again =
    n === 0
      ? ''
      : lang === 'th'
        ? ` · เชื่อมต่อใหม่ ${String(n)} ครั้งตั้งแต่เริ่มพอร์ต`
        : ` · reconnected ${String(n)} time${n === 1 ? '' : 's'} since the port started`;
  const lastReading = `${received}${again}`;
  const problem =
    status.errorCode === null
      ? null
      : `${deviceErrorWords(status.errorCode, lang)}${status.detail === null ? '' : ` — ${status.detail}`}`;
  const notTaken = status.lastNotTaken?.skipped ?? [];
  const understood = notUnderstoodWords(notTaken, lang, forIt);
  // A later frame charted whole: the note is history, said with its time, and no longer a warning.
  const since = status.lastNotTaken === null ? null : status.lastNotTaken.at;
  const current = notTakenIsLatest(status);
  const notUnderstood =
    understood === null || since === null
      ? null
      : `${understood} · ${current ? '' : lang === 'th' ? 'ข้อความก่อนหน้า ' : 'an earlier message, '}${absoluteTime(since, lang)}`;
  const failing = status.state === 'retrying' || status.state === 'closed';
  const tone = failing
    ? 'fail'
    : problem !== null ||
        (understood !== null && current) ||
        status.state === 'disabled' ||
        status.state === 'waiting_device'
      ? 'warn'
      : 'ok';
  return {
    device: PROFILE_WORDS[status.profile][lang],
    port: portWords(status.port, lang),
    state: PORT_STATE_WORDS[status.state][lang],
    tone,
    lastReading,
    problem,
    dialect: status.dialect === null ? null : DIALECT_WORDS[status.dialect][lang],
    notUnderstood,
    setAside: setAsideWords(notTaken, lang, forIt),
  };
}
