/**
 * Browser mode's "system printer" (`npm run dev:browser`, where Electron is absent): Chromium prints the slip page
 * to a PDF in `<data>/slips/`, which the clerk or IT opens and prints. The same page the app sends to
 * `webContents.print`, so what the PDF shows is what a system printer gets.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrinterSendError } from '../../../drivers/printer/printerTransport.node.js';
import type { SlipPage, SystemPrinter } from './systemPrinter.node.js';

export interface ChromiumPdfPrinterOptions {
  /** Where the PDFs go. */
  readonly outDir: string;
  /** Chromium's binary (default /usr/bin/chromium, as the e2e harness uses). */
  readonly chromium?: string;
}

export function chromiumPdfPrinter(options: ChromiumPdfPrinterOptions): SystemPrinter {
  const binary = options.chromium ?? '/usr/bin/chromium';
  return {
    async print(page: SlipPage, _deviceName: string, timeoutMs: number) {
      await mkdir(options.outDir, { recursive: true });
      const work = await mkdtemp(join(tmpdir(), 'edge-slip-'));
      const pdf = join(options.outDir, `slip-${new Date().toISOString().replace(/[:.]/g, '-')}.pdf`);
      try {
        const html = join(work, 'slip.html');
        await writeFile(html, page.html);
        await run(
          binary,
          [
            '--headless',
            '--disable-gpu',
            '--no-sandbox',
            '--no-first-run',
            `--user-data-dir=${join(work, 'profile')}`,
            '--no-pdf-header-footer',
            `--print-to-pdf=${pdf}`,
            pathToFileURL(html).href,
          ],
          timeoutMs,
        );
        return { printer: `pdf:${pdf}` };
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}

function run(binary: string, args: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs }, (error) => {
      if (error === null) resolve();
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        reject(new PrinterSendError('not_found', `${binary}: not installed`));
      else if (error.killed) reject(new PrinterSendError('timeout', `chromium: no PDF within ${timeoutMs} ms`));
      else reject(new PrinterSendError('system_failed', `chromium: ${error.message.split('\n')[0] ?? ''}`));
    });
  });
}
