// printer.configure and printer.printSlip through a real edge node's dispatcher, to the virtual printer over
// real TCP: the slip arrives whole and renders to a PNG; a printer that is off, silent or not set up gives its
// own code in Thai and English; the roles are the ones access.std.ts names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { PNG } from 'pngjs';
import { tempEdgeNode } from '../../factories/edgeNode.js';
import { signInAs } from '../../factories/staff.js';
import {
  startVirtualPrinter,
  startUnresponsivePrinter,
  unusedPort,
  rasterToPng,
  type VirtualPrinter,
} from '../../factories/printer/virtualPrinter.js';
import { SerialPort } from 'serialport';
import { startPtyPair } from '../../../drivers/devices/simulators/socatPair.node.js';
import { encodeSlip } from '../../../drivers/printer/escpos.std.js';
import { concatBytes } from '../../../drivers/bytes.std.js';
import { joinRasters, parseEscPos } from '../../factories/printer/escposParser.js';
import { describeError } from '../../../electron/contract/errors.std.js';
import type { EdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { testRaster, wire } from '../../factories/printer/testRaster.js';

let node: EdgeNode & { dispose(): Promise<void> };
let printer: VirtualPrinter;

beforeAll(async () => {
  node = await tempEdgeNode({ printer: { timeoutMs: 1_500 } });
  printer = await startVirtualPrinter();
});

afterAll(async () => {
  await printer?.close();
  await node?.dispose();
});

describe('queue slip to a receipt printer over TCP', () => {
  it('before IT sets a printer, a print says so in Thai and English', async () => {
    const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-1', raster: wire(testRaster(40)) });
    expect(result).toMatchObject({ ok: false, error: { code: 'printer_not_configured' } });
    expect(describeError('printer_not_configured')).toMatch(/ยังไม่ได้ตั้งค่าเครื่องพิมพ์.*No queue-slip printer/);
  });

  it('IT sets the printer (port 9100 unless given)', async () => {
    const configured = await node.dispatch('printer.configure', {
      transport: 'tcp',
      host: printer.host,
      port: printer.port,
    });
    expect(configured).toEqual({ ok: true, value: { transport: 'tcp', host: '127.0.0.1', port: printer.port } });
    expect(await node.dispatch('printer.settings', {})).toEqual(configured);
    expect(node.audit.recent(1)[0]?.action).toBe('printer.configure');
  });

  it('prints the slip: the printer gets init, the whole raster in bands, feed and cut; the PNG is the image', async () => {
    const raster = testRaster(700);
    const before = printer.tickets.length;
    const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-2', raster: wire(raster) });
    expect(result).toMatchObject({ ok: true, value: { printer: `tcp:127.0.0.1:${printer.port}` } });
    const ticket = await printer.nextTicket(before);
    expect(ticket.commands[0]).toEqual({ kind: 'init' });
    expect(ticket.cut).toBe(true);
    expect(ticket.commands.filter((command) => command.kind === 'raster')).toHaveLength(3);
    expect(Buffer.from(ticket.raster?.data ?? []).equals(Buffer.from(raster.data))).toBe(true);
    const png = PNG.sync.read(Buffer.from(rasterToPng(ticket.raster ?? raster)));
    expect([png.width, png.height]).toEqual([576, 700]);
    // top-left dot black, one inside the frame white
    expect([png.data[0], png.data[(10 * 576 + 300) * 4]]).toEqual([0, 255]);
    const audit = node.audit.recent(5).map((entry) => entry.action);
    expect(audit).toContain('printer.slip');
  });

  it('a reprint is audited as one', async () => {
    const before = printer.tickets.length;
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-2', raster: wire(testRaster(40)), reprint: true }),
    ).toMatchObject({ ok: true });
    await printer.nextTicket(before);
    expect(node.audit.recent(1)[0]?.action).toBe('printer.reprint');
  });

  it('a printer that never answers is a timeout, not a hang', async () => {
    const hung = await startUnresponsivePrinter();
    try {
      await node.dispatch('printer.configure', { transport: 'tcp', host: '127.0.0.1', port: hung.port });
      const started = Date.now();
      const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-3', raster: wire(testRaster(40)) });
      expect(result).toMatchObject({ ok: false, error: { code: 'printer_timeout' } });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      hung.close();
    }
  });

  it('a printer that is off (nothing listening) is unreachable', async () => {
    const port = await unusedPort();
    await node.dispatch('printer.configure', { transport: 'tcp', host: '127.0.0.1', port });
    const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-4', raster: wire(testRaster(40)) });
    expect(result).toMatchObject({ ok: false, error: { code: 'printer_unreachable' } });
  });

  it('prints over a serial port (a socat pty pair standing in for a USB-serial printer)', async () => {
    const pty = await startPtyPair();
    const device = new SerialPort({ path: pty.devicePath, baudRate: 115_200 });
    try {
      const received: Uint8Array[] = [];
      device.on('data', (chunk: Buffer) => received.push(new Uint8Array(chunk)));
      await new Promise<void>((resolve, reject) => device.once('open', resolve).once('error', reject));
      await node.dispatch('printer.configure', { transport: 'serial', path: pty.hostPath, baudRate: 115_200 });
      const raster = testRaster(300);
      const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-serial', raster: wire(raster) });
      expect(result).toMatchObject({ ok: true, value: { printer: `serial:${pty.hostPath}@115200` } });
      const expected = encodeSlip(raster).length;
      for (
        const deadline = Date.now() + 5_000;
        received.reduce((sum, chunk) => sum + chunk.length, 0) < expected && Date.now() < deadline;

      )
        await new Promise((resolve) => setTimeout(resolve, 20));
      const { commands, pending } = parseEscPos(concatBytes(received));
      expect(pending).toBe(0);
      expect(Buffer.from(joinRasters(commands)?.data ?? []).equals(Buffer.from(raster.data))).toBe(true);
      expect(commands.at(-1)).toMatchObject({ kind: 'cut' });
    } finally {
      if (device.isOpen) await new Promise((resolve) => device.close(resolve));
      await pty.stop();
    }
  });

  it('a serial path that does not exist is unreachable', async () => {
    await node.dispatch('printer.configure', { transport: 'serial', path: '/dev/edge-no-such-printer' });
    expect(await node.dispatch('printer.settings', {})).toEqual({
      ok: true,
      value: { transport: 'serial', path: '/dev/edge-no-such-printer', baudRate: 9600 },
    });
    const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-5', raster: wire(testRaster(40)) });
    expect(result).toMatchObject({ ok: false, error: { code: 'printer_unreachable' } });
  });

  it('a raster whose bytes do not match its size is refused before anything is sent', async () => {
    await node.dispatch('printer.configure', { transport: 'tcp', host: printer.host, port: printer.port });
    const before = printer.tickets.length;
    const result = await node.dispatch('printer.printSlip', {
      encounterId: 'enc-6',
      raster: { widthBytes: 72, height: 10, base64: Buffer.alloc(700).toString('base64') },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(printer.tickets.length).toBe(before);
  });

  it('roles: the front desk cannot set the printer, IT cannot print a slip, a nurse can reprint', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-printer-roles-'));
    const plain = await createEdgeNode({ dataDir, card: { backend: 'off' } });
    try {
      await signInAs(plain, 'front_desk');
      expect(await plain.dispatch('printer.configure', { transport: 'tcp', host: '127.0.0.1' })).toMatchObject({
        ok: false,
        error: { code: 'staff_forbidden' },
      });
      await signInAs(plain, 'it');
      expect(
        await plain.dispatch('printer.printSlip', { encounterId: 'e', raster: wire(testRaster(2)) }),
      ).toMatchObject({ ok: false, error: { code: 'staff_forbidden' } });
      expect(await plain.dispatch('printer.configure', { transport: 'tcp', host: '127.0.0.1' })).toEqual({
        ok: true,
        value: { transport: 'tcp', host: '127.0.0.1', port: 9100 },
      });
      await signInAs(plain, 'nurse');
      expect(await plain.dispatch('printer.configure', { transport: 'none' })).toMatchObject({
        ok: false,
        error: { code: 'staff_forbidden' },
      });
      expect(
        await plain.dispatch('printer.printSlip', { encounterId: 'e', raster: wire(testRaster(2)), reprint: true }),
      ).not.toMatchObject({ ok: false, error: { code: 'staff_forbidden' } });
    } finally {
      await plain.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
