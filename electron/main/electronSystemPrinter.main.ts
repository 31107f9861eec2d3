/**
 * The system printer through Electron's printing: the slip page (drivers/printer/slipPage.std.ts) in a hidden,
 * sandboxed window without script, printed silently on the printer IT named (or the default) at the slip's size.
 * Kept thin: what is on the page is tested in Chromium (test/e2e/slipPage.test.ts); Electron's binary is not
 * in the test environment.
 */
import { BrowserWindow } from 'electron';
import { systemPrintFailure } from '../../drivers/printer/printerFailure.std.js';
import { PrinterSendError } from '../../drivers/printer/printerTransport.node.js';
import type { SlipPage, SystemPrinter } from '../services/printer/systemPrinter.node.js';

export const electronSystemPrinter: SystemPrinter = {
  async print(page: SlipPage, deviceName: string, timeoutMs: number) {
    const window = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false },
    });
    try {
      if (deviceName !== '') {
        const printers = await window.webContents.getPrintersAsync();
        if (!printers.some((printer) => printer.name === deviceName))
          throw new PrinterSendError('not_found', `no printer named ${deviceName}`);
      }
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(page.html).toString('base64')}`);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new PrinterSendError('timeout', `system printer: no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
        window.webContents.print(
          {
            silent: true,
            printBackground: true,
            ...(deviceName === '' ? {} : { deviceName }),
            margins: { marginType: 'none' },
            pageSize: { width: page.widthMicrons, height: page.heightMicrons },
          },
          (success, reason) => {
            clearTimeout(timer);
            if (success) resolve();
            else reject(new PrinterSendError(systemPrintFailure(reason), `system printer: ${reason}`));
          },
        );
      });
      return { printer: `system:${deviceName === '' ? 'default' : deviceName}` };
    } finally {
      window.destroy();
    }
  },
};
