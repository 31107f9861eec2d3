/**
 * This station's queue-slip printer: IT's settings in the station SQLite (migrations 15, 17) and sending a slip's
 * raster as ESC/POS (TCP, serial, USB printer class) or as a page to the system printer. A failed print throws its
 * own code (not configured, unreachable, timeout, paper out, offline, no permission, printer not found, system print
 * failed); the visit was saved before the print was asked for, so nothing is lost and the clerk can reprint from
 * today's queue.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { PrinterSettings, SlipRaster } from '../../contract/printer.std.js';
import { EdgeError } from '../../contract/result.std.js';
import { encodeSlip, rasterProblem, type Raster } from '../../../drivers/printer/escpos.std.js';
import {
  DEFAULT_PRINT_TIMEOUT_MS,
  describeTarget,
  PrinterSendError,
  sendToPrinter,
} from '../../../drivers/printer/printerTransport.node.js';
import { slipPageHtml, slipPageSize } from '../../../drivers/printer/slipPage.std.js';
import { NO_SYSTEM_PRINTER, type SystemPrinter } from './systemPrinter.node.js';

interface PrinterRow {
  transport: 'tcp' | 'serial' | 'usb' | 'system';
  host: string | null;
  port: number | null;
  path: string | null;
  baud_rate: number | null;
  device_name: string | null;
}

export interface PrinterServiceOptions {
  readonly db: StationDb;
  readonly audit: AuditLog;
  readonly log: Logger;
  readonly timeoutMs?: number;
  /** The OS printer (Electron's printing in the app, a Chromium PDF in browser mode); none by default. */
  readonly system?: SystemPrinter;
}

export class PrinterService {
  readonly #options: PrinterServiceOptions;

  constructor(options: PrinterServiceOptions) {
    this.#options = options;
  }

  settings(): PrinterSettings {
    const row = this.#options.db
      .prepare<
        [],
        PrinterRow
      >('SELECT transport, host, port, path, baud_rate, device_name FROM printer_settings WHERE id = 1')
      .get();
    if (row === undefined) return { transport: 'none' };
    switch (row.transport) {
      case 'tcp':
        return { transport: 'tcp', host: row.host ?? '', port: row.port ?? 9100 };
      case 'serial':
        return { transport: 'serial', path: row.path ?? '', baudRate: row.baud_rate ?? 9600 };
      case 'usb':
        return { transport: 'usb', path: row.path ?? '' };
      case 'system':
        return { transport: 'system', deviceName: row.device_name ?? '' };
    }
  }

  configure(settings: PrinterSettings, now: Date = new Date()): PrinterSettings {
    const db = this.#options.db;
    if (settings.transport === 'none') db.prepare('DELETE FROM printer_settings').run();
    else
      db.prepare(
        `INSERT INTO printer_settings (id, transport, host, port, path, baud_rate, device_name, updated_at) VALUES (1, @transport, @host, @port, @path, @baud, @device, @at)
         ON CONFLICT (id) DO UPDATE SET transport = excluded.transport, host = excluded.host, port = excluded.port, path = excluded.path, baud_rate = excluded.baud_rate,
           device_name = excluded.device_name, updated_at = excluded.updated_at`,
      ).run({
        transport: settings.transport,
        host: settings.transport === 'tcp' ? settings.host : null,
        port: settings.transport === 'tcp' ? settings.port : null,
        path: settings.transport === 'serial' || settings.transport === 'usb' ? settings.path : null,
        baud: settings.transport === 'serial' ? settings.baudRate : null,
        device: settings.transport === 'system' ? settings.deviceName : null,
        at: now.toISOString(),
      });
    this.#options.audit.append({ action: 'printer.configure', detail: { transport: settings.transport } });
    return this.settings();
  }

  async printSlip(input: {
    readonly encounterId: string;
    readonly raster: SlipRaster;
    readonly reprint: boolean;
  }): Promise<{ bytes: number; printer: string }> {
    const settings = this.settings();
    if (settings.transport === 'none')
      throw new EdgeError('printer_not_configured', 'no queue-slip printer set for this station');
    const raster: Raster = {
      widthBytes: input.raster.widthBytes,
      height: input.raster.height,
      data: new Uint8Array(Buffer.from(input.raster.base64, 'base64')),
    };
    const problem = rasterProblem(raster);
    if (problem !== null) throw new EdgeError('invalid_input', `raster: ${problem}`);
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
    let sent: { bytes: number; printer: string };
    try {
      if (settings.transport === 'system') {
        const html = slipPageHtml(raster);
        const { printer } = await (this.#options.system ?? NO_SYSTEM_PRINTER).print(
          { html, ...slipPageSize(raster) },
          settings.deviceName,
          timeoutMs,
        );
        sent = { bytes: html.length, printer };
      } else {
        const bytes = encodeSlip(raster);
        await sendToPrinter(settings, bytes, timeoutMs);
        sent = { bytes: bytes.length, printer: describeTarget(settings) };
      }
    } catch (error) {
      if (!(error instanceof PrinterSendError)) throw error;
      this.#options.log.warn(
        { printer: settings.transport, failure: error.failure, err: error.message },
        'queue slip not printed',
      );
      throw new EdgeError(`printer_${error.failure}`, error.message);
    }
    this.#options.audit.append({
      action: input.reprint ? 'printer.reprint' : 'printer.slip',
      detail: { encounterId: input.encounterId },
    });
    return sent;
  }
}
