// A fake node-hid boundary with an Omron HEM-790IT behind it, answering as libomron's notes describe:
// 8-byte reports with a count byte, "OK"/"NO"/"OFF" replies, GDC count and GME records.
import type { HidApi, HidConnection, HidDeviceDescriptor } from '../../../drivers/devices/ports/hidBoundary.node.js';
import {
  OMRON_PID,
  OMRON_VID,
  replyReports,
  commandReports,
} from '../../../drivers/devices/parsers/omronHem790it.std.js';

export class FakeOmronHid implements HidApi {
  records: Uint8Array[] = [];
  plugged = false;
  /** Answer "NO" to the first GME of each index once (the device does that; the driver must ask again). */
  sayNoFirst = true;
  featureReports: number[][] = [];
  commands: string[] = [];
  opened = 0;

  async devices(): Promise<HidDeviceDescriptor[]> {
    return this.plugged
      ? [
          {
            path: '/dev/hidraw-fake0',
            vendorId: OMRON_VID,
            productId: OMRON_PID,
            product: 'HEM-790IT',
            manufacturer: 'Omron',
          },
        ]
      : [];
  }

  open = async (path: string): Promise<HidConnection> => {
    if (!this.plugged || path !== '/dev/hidraw-fake0') throw new Error('no such HID device');
    this.opened += 1;
    const inbox: number[][] = [];
    let pending: number[] = [];
    let zeros = 0;
    const saidNo = new Set<number>();
    const expectedLength = (bytes: number[]): number => {
      const name = String.fromCharCode(...bytes.slice(0, 3));
      return name === 'GDC' || name === 'GME' ? 8 : 5;
    };
    const handle = (command: number[]): void => {
      const name = String.fromCharCode(...command.slice(0, 3));
      this.commands.push(name);
      if (name === 'GDC') {
        const n = this.records.length;
        inbox.push(...replyReports([0, 0, 0, n, n]));
      } else if (name === 'GME') {
        const index = ((command[5] ?? 0) << 8) | (command[6] ?? 0);
        const record = this.records[this.records.length - 1 - index];
        if (record === undefined || (this.sayNoFirst && !saidNo.has(index))) {
          saidNo.add(index);
          inbox.push(...commandReports([0x4e, 0x4f]));
        } else {
          inbox.push(...replyReports([...record]));
        }
      } else if (name === 'END') {
        inbox.push(...commandReports([...'OFF\r\n'].map((c) => c.charCodeAt(0))));
      } else if (name === 'VER') {
        inbox.push(...replyReports([...'M7080IT 207J'].map((c) => c.charCodeAt(0))));
      }
    };
    return {
      write: async (report) => {
        const count = report[0] ?? 0;
        const data = report.slice(1, 1 + count);
        if (pending.length === 0 && data.every((b) => b === 0)) {
          // the clearing block: answer the first 7-zero report with zeros and the 2-zero report with OK
          zeros += 1;
          if (zeros === 1) inbox.push([7, 0, 0, 0, 0, 0, 0, 0]);
          if (count === 2) {
            inbox.push([2, 0x4f, 0x4b, 0, 0, 0, 0, 0]);
            zeros = 0;
          }
          return;
        }
        pending.push(...data);
        if (pending.length >= 3 && pending.length >= expectedLength(pending)) {
          handle(pending);
          pending = [];
        }
      },
      read: async () => inbox.shift(),
      sendFeatureReport: async (data) => {
        this.featureReports.push([...data]);
      },
      close: async () => undefined,
    };
  };
}
