/** Doctor checks of the card feature: is the smart-card service reachable, and is there a reader. */
import type { Check } from '../doctor/doctor.node.js';
import type { CardService } from './cardService.node.js';

export function cardServiceCheck(current: () => CardService | null): Check {
  return function checkCardService() {
    const card = current();
    if (card === null) return { id: 'card.service', verdict: 'fail', th: 'ไม่มีบริการบัตรในโหนดนี้', en: 'This node has no card service.' };
    if (card.backend.kind === 'virtual') {
      return { id: 'card.service', verdict: 'ok', th: 'สถานีสาธิต: ใช้บัตรจำลองในเครื่อง', en: 'Demo station: using the in-process virtual card.' };
    }
    if (!card.backend.serviceUp()) {
      return {
        id: 'card.service',
        verdict: 'fail',
        th: 'บริการเครื่องอ่านบัตร (pcscd / Smart Card) ไม่ทำงาน: Linux ให้รัน sudo systemctl start pcscd, Windows ให้เปิดบริการ Smart Card',
        en: 'The smart-card service is not running: on Linux `sudo systemctl start pcscd`, on Windows start the "Smart Card" service.',
      };
    }
    return { id: 'card.service', verdict: 'ok', th: 'บริการเครื่องอ่านบัตรทำงานปกติ', en: 'The smart-card service is running.' };
  };
}

export function cardReadersCheck(current: () => CardService | null): Check {
  return function checkCardReaders() {
    const readers = current()?.status().readers ?? [];
    if (readers.length === 0) {
      return { id: 'card.readers', verdict: 'warn', th: 'ไม่พบเครื่องอ่านบัตร กรุณาเสียบเครื่องอ่านบัตร', en: 'No card reader found; plug one in.' };
    }
    const names = readers.map((reader) => reader.name).join(', ');
    return { id: 'card.readers', verdict: 'ok', th: `พบเครื่องอ่านบัตร ${readers.length} เครื่อง: ${names}`, en: `${readers.length} card reader(s): ${names}` };
  };
}
