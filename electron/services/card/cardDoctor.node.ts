/** Doctor checks of the card feature: is the smart-card service reachable, and is there a reader. */
import type { Check } from '../doctor/doctor.node.js';
import type { CardService } from './cardService.node.js';

/** The exact steps that give a developer's or IT's checkout the PC/SC addon (packaged builds ship it). */
export const PCSC_INSTALL = {
  th: 'Debian/Ubuntu: sudo apt-get install -y libpcsclite-dev pcscd แล้ว npm rebuild smartcard; Windows: ติดตั้ง Visual Studio Build Tools (C++) แล้ว npm rebuild smartcard',
  en: 'Debian/Ubuntu: `sudo apt-get install -y libpcsclite-dev pcscd` then `npm rebuild smartcard`; Windows: install Visual Studio Build Tools (C++) then `npm rebuild smartcard`.',
} as const;

export function cardServiceCheck(current: () => CardService | null): Check {
  return function checkCardService() {
    const card = current();
    if (card === null)
      return {
        id: 'card.service',
        verdict: 'fail',
        th: 'ไม่มีบริการบัตรในโหนดนี้',
        en: 'This node has no card service.',
      };
    if (card.backend.kind === 'virtual') {
      return {
        id: 'card.service',
        verdict: 'ok',
        th: 'สถานีสาธิต: ใช้บัตรจำลองในเครื่อง',
        en: 'Demo station: using the in-process virtual card.',
      };
    }
    if (card.backend.supportMissing()) {
      return {
        id: 'card.service',
        verdict: 'fail',
        th: `โปรแกรมนี้ยังไม่มีส่วนอ่านบัตร PC/SC (ติดตั้งไม่สำเร็จเพราะเครื่องไม่มีไลบรารี PC/SC) ให้ฝ่ายไอทีรัน: ${PCSC_INSTALL.th}`,
        en: `PC/SC card support is not installed (it could not be built: no PC/SC library on this machine). IT: ${PCSC_INSTALL.en}`,
      };
    }
    if (!card.backend.serviceUp()) {
      return {
        id: 'card.service',
        verdict: 'fail',
        th: 'บริการเครื่องอ่านบัตร (pcscd / Smart Card) ไม่ทำงาน: Linux ให้รัน sudo systemctl start pcscd, Windows ให้เปิดบริการ Smart Card',
        en: 'The smart-card service is not running: on Linux `sudo systemctl start pcscd`, on Windows start the "Smart Card" service.',
      };
    }
    return {
      id: 'card.service',
      verdict: 'ok',
      th: 'บริการเครื่องอ่านบัตรทำงานปกติ',
      en: 'The smart-card service is running.',
    };
  };
}

export function cardReadersCheck(current: () => CardService | null): Check {
  return function checkCardReaders() {
    const readers = current()?.status().readers ?? [];
    if (readers.length === 0) {
      return {
        id: 'card.readers',
        verdict: 'warn',
        th: 'ไม่พบเครื่องอ่านบัตร กรุณาเสียบเครื่องอ่านบัตร',
        en: 'No card reader found; plug one in.',
      };
    }
    const names = readers.map((reader) => reader.name).join(', ');
    return {
      id: 'card.readers',
      verdict: 'ok',
      th: `พบเครื่องอ่านบัตร ${readers.length} เครื่อง: ${names}`,
      en: `${readers.length} card reader(s): ${names}`,
    };
  };
}
