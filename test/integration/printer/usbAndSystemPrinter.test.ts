// The queue slip on a USB printer-class device (ESC/POS written to a device node as to a file: a file under
// /dev/shm stands in for /dev/usb/lp0, /dev/full for a printer out of paper, a FIFO nobody reads for one that
// never takes the bytes) and on the system printer (the slip page through the SystemPrinter interface: a stand-in
// that keeps the page, one that fails, and browser mode's PDF made by Chromium). Each failure has its own code in
// Thai and English; the visit is never mentioned as lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  constants,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempEdgeNode } from '../../factories/edgeNode.js';
import { joinRasters, parseEscPos } from '../../factories/printer/escposParser.js';
import { testRaster, wire } from '../../factories/printer/testRaster.js';
import { describeError } from '../../../electron/contract/errors.std.js';
import { PrinterSendError } from '../../../drivers/printer/printerTransport.node.js';
import { chromiumPdfPrinter } from '../../../electron/services/printer/chromiumPdfPrinter.node.js';
import type { SlipPage, SystemPrinter } from '../../../electron/services/printer/systemPrinter.node.js';
import type { EdgeNode } from '../../../electron/services/compositionRoot.node.js';

type Node = EdgeNode & { dispose(): Promise<void> };

const shm = mkdtempSync('/dev/shm/edge-usb-lp-');
afterAll(() => rmSync(shm, { recursive: true, force: true }));

describe('queue slip on a USB printer-class device', () => {
  let node: Node;
  beforeAll(async () => {
    node = await tempEdgeNode({ printer: { timeoutMs: 1_500 } });
  });
  afterAll(async () => {
    await node?.dispose();
  });

  it('writes the whole slip as ESC/POS to the device node, as to a file', async () => {
    const device = join(shm, 'lp0');
    writeFileSync(device, '');
    expect(await node.dispatch('printer.configure', { transport: 'usb', path: device })).toEqual({
      ok: true,
      value: { transport: 'usb', path: device },
    });
    expect(await node.dispatch('printer.settings', {})).toEqual({
      ok: true,
      value: { transport: 'usb', path: device },
    });
    const raster = testRaster(600);
    const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-usb', raster: wire(raster) });
    expect(result).toMatchObject({ ok: true, value: { printer: `usb:${device}` } });
    const { commands, pending } = parseEscPos(new Uint8Array(readFileSync(device)));
    expect(pending).toBe(0);
    expect(commands[0]).toEqual({ kind: 'init' });
    expect(Buffer.from(joinRasters(commands)?.data ?? []).equals(Buffer.from(raster.data))).toBe(true);
    expect(commands.at(-1)).toMatchObject({ kind: 'cut' });
    expect(node.audit.recent(1)[0]?.action).toBe('printer.slip');
  });

  it('no printer plugged in (no device node) is unreachable, and never creates a file there', async () => {
    const missing = join(shm, 'lp9');
    await node.dispatch('printer.configure', { transport: 'usb', path: missing });
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-usb-2', raster: wire(testRaster(40)) }),
    ).toMatchObject({ ok: false, error: { code: 'printer_unreachable' } });
    expect(existsSync(missing)).toBe(false);
  });

  it('paper out (the device refuses the write with ENOSPC, as usblp does) says so in Thai and English', async () => {
    await node.dispatch('printer.configure', { transport: 'usb', path: '/dev/full' });
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-usb-3', raster: wire(testRaster(40)) }),
    ).toMatchObject({ ok: false, error: { code: 'printer_paper_out' } });
    expect(describeError('printer_paper_out')).toMatch(/กระดาษหมด.*out of paper/);
  });

  it('a device that never takes the bytes is a timeout, not a hang', async () => {
    const fifo = join(shm, 'lp-stuck');
    execFileSync('mkfifo', [fifo]);
    await node.dispatch('printer.configure', { transport: 'usb', path: fifo });
    const started = Date.now();
    const result = await node.dispatch('printer.printSlip', { encounterId: 'enc-usb-4', raster: wire(testRaster(40)) });
    expect(result).toMatchObject({ ok: false, error: { code: 'printer_timeout' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    // Let the held open go (it waits for a reader), so the worker thread is free again.
    closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
  });

  it('refuses a device path outside /dev or climbing out of it', async () => {
    for (const path of ['/etc/passwd', '/dev/../etc/passwd', 'lp0']) {
      expect(await node.dispatch('printer.configure', { transport: 'usb', path })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });
});

describe('queue slip on the system printer', () => {
  const pages: { page: SlipPage; deviceName: string }[] = [];
  let failWith: PrinterSendError | null = null;
  const standIn: SystemPrinter = {
    print(page, deviceName) {
      if (failWith !== null) return Promise.reject(failWith);
      pages.push({ page, deviceName });
      return Promise.resolve({ printer: `system:${deviceName === '' ? 'default' : deviceName}` });
    },
  };
  let node: Node;
  beforeAll(async () => {
    node = await tempEdgeNode({ printer: { timeoutMs: 1_500, system: standIn } });
  });
  afterAll(async () => {
    await node?.dispose();
  });

  it('sends the slip as an 80 mm page as tall as the slip to the printer IT named (or the default)', async () => {
    expect(await node.dispatch('printer.configure', { transport: 'system' })).toEqual({
      ok: true,
      value: { transport: 'system', deviceName: '' },
    });
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-sys', raster: wire(testRaster(812)) }),
    ).toMatchObject({ ok: true, value: { printer: 'system:default' } });
    await node.dispatch('printer.configure', { transport: 'system', deviceName: 'Front desk laser' });
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-sys-2', raster: wire(testRaster(812)) }),
    ).toMatchObject({ ok: true, value: { printer: 'system:Front desk laser' } });
    expect(pages.map((sent) => sent.deviceName)).toEqual(['', 'Front desk laser']);
    const first = pages[0]?.page;
    // 812 dots at 203 dpi = 101.6 mm, plus 4 mm above and below.
    expect(first).toMatchObject({ widthMicrons: 80_000, heightMicrons: 109_600 });
    expect(first?.html).toMatch(/<img alt="บัตรคิว" src="data:image\/bmp;base64,Qk/);
  });

  it('a printer the computer does not know, or a failed job, has its own words in Thai and English', async () => {
    failWith = new PrinterSendError('not_found', 'no printer named Front desk laser');
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-sys-3', raster: wire(testRaster(40)) }),
    ).toMatchObject({ ok: false, error: { code: 'printer_not_found' } });
    failWith = new PrinterSendError('offline', 'system printer: stopped');
    expect(
      await node.dispatch('printer.printSlip', { encounterId: 'enc-sys-4', raster: wire(testRaster(40)) }),
    ).toMatchObject({ ok: false, error: { code: 'printer_offline' } });
    failWith = null;
    expect(describeError('printer_not_found')).toMatch(/ไม่พบเครื่องพิมพ์ชื่อนี้.*no printer by that name/);
  });

  it('a process without system printing says no printer was found, never a crash', async () => {
    const plain = await tempEdgeNode({ printer: { timeoutMs: 1_500 } });
    try {
      await plain.dispatch('printer.configure', { transport: 'system' });
      expect(
        await plain.dispatch('printer.printSlip', { encounterId: 'enc-sys-5', raster: wire(testRaster(40)) }),
      ).toMatchObject({ ok: false, error: { code: 'printer_not_found' } });
    } finally {
      await plain.dispose();
    }
  });

  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'browser mode: Chromium prints the slip page to an 80 mm PDF',
    async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'edge-slip-pdf-'));
      try {
        const pdfNode = await tempEdgeNode({ printer: { timeoutMs: 30_000, system: chromiumPdfPrinter({ outDir }) } });
        try {
          await pdfNode.dispatch('printer.configure', { transport: 'system' });
          const result = await pdfNode.dispatch('printer.printSlip', {
            encounterId: 'enc-pdf',
            raster: wire(testRaster(812)),
          });
          expect(result).toMatchObject({ ok: true });
          const [file] = readdirSync(outDir);
          const pdf = readFileSync(join(outDir, file ?? '')).toString('latin1');
          expect(pdf.startsWith('%PDF')).toBe(true);
          // 80 mm = 226.77 pt wide, one page.
          const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
          expect(Number(box?.[1])).toBeCloseTo(226.77, 0);
          expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
        } finally {
          await pdfNode.dispose();
        }
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
    },
  );
});
