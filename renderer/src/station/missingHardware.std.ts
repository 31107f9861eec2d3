/**
 * What a real station lacks to read cards and take device readings, said in a clerk's and a nurse's words.
 * A real station never simulates: when the hardware is not there, the screen says so and points to typing
 * the details in by hand.
 */
import type { CardStatus } from '../../../electron/contract/card.std.js';
import type { PortStatus } from '../../../electron/contract/devices.std.js';

export type MissingHardware = 'card_service_down' | 'no_card_reader' | 'no_device_port' | 'device_not_connected';

/** The clerk sees "no card reader" either way; the detail says whether to plug it in or call IT. */
const NO_READER = { th: 'ไม่พบเครื่องอ่านบัตร', en: 'No card reader' };

export const missingHardwareText = {
  card_service_down: {
    title: NO_READER,
    detail: {
      th: 'โปรแกรมอ่านบัตรของเครื่องนี้ไม่ทำงาน กรุณาแจ้งฝ่ายไอที ระหว่างนี้กรอกข้อมูลผู้ป่วยเองได้',
      en: "This computer's card service is not running. Please call IT; meanwhile you can type the patient's details in.",
    },
  },
  no_card_reader: {
    title: NO_READER,
    detail: {
      th: 'ตรวจว่าเสียบสาย USB ของเครื่องอ่านบัตรเข้ากับเครื่องแล้ว หรือกรอกข้อมูลผู้ป่วยเอง',
      en: "Check that the card reader's USB cable is plugged into this computer, or type the patient's details in.",
    },
  },
  no_device_port: {
    title: { th: 'ยังไม่ได้ต่อเครื่องวัด', en: 'No measuring device connected' },
    detail: {
      th: 'สถานีนี้ยังไม่ได้ตั้งค่าพอร์ตเครื่องวัดสัญญาณชีพ (ฝ่ายไอทีตั้งได้ที่ ซิงค์และอุปกรณ์) ระหว่างนี้กรอกค่าเองได้',
      en: 'No device port is set up on this station (IT can add one under Sync & devices). Meanwhile enter the values by hand.',
    },
  },
  device_not_connected: {
    title: { th: 'เครื่องวัดยังไม่เชื่อมต่อ', en: 'Measuring device not connected' },
    detail: {
      th: 'ตรวจสายของเครื่องวัดและเปิดเครื่อง ระหว่างนี้กรอกค่าเองได้',
      en: 'Check the device cable and that the device is switched on. Meanwhile enter the values by hand.',
    },
  },
} as const satisfies Record<MissingHardware, { title: { th: string; en: string }; detail: { th: string; en: string } }>;

/** The card reader: null when one is there (or the demo card is), else what is missing. */
export function missingCardReader(status: CardStatus | null): MissingHardware | null {
  if (status === null || status.backend === 'virtual') return null;
  if (status.service === 'down') return 'card_service_down';
  return status.readers.length === 0 ? 'no_card_reader' : null;
}

const WORKING: readonly PortStatus['state'][] = ['open', 'listening'];

/** Bedside devices: real ports only (a demo station's simulated ones do not count). */
export function missingDevicePort(configured: readonly PortStatus[]): MissingHardware | null {
  const real = configured.filter((port) => !port.port.startsWith('demo:') && port.state !== 'disabled');
  if (real.length === 0) return 'no_device_port';
  return real.some((port) => WORKING.includes(port.state)) ? null : 'device_not_connected';
}
