/**
 * This station's queue-slip printer: IT's settings in the station SQLite (migration 15) and sending a slip's
 * raster as ESC/POS. A failed print throws its own code (not configured, unreachable, timeout); the visit was
 * saved before the print was asked for, so nothing is lost and the clerk can reprint from today's queue.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { PrinterSettings, SlipRaster } from '../../contract/printer.std.js';
import { EdgeError } from '../../contract/result.std.js';
import { encodeSlip, rasterProblem, type Raster } from '../../../drivers/printer/escpos.std.js';
import { describeTarget, PrinterSendError, sendToPrinter, type PrinterTarget } from '../../../drivers/printer/printerTransport.node.js';

interface PrinterRow {
  transport: 'tcp' | 'serial';
  host: string | null;
  port: number | null;
  path: string | null;
  baud_rate: number | null;
}

export interface PrinterServiceOptions {
  readonly db: StationDb;
  readonly audit: AuditLog;
  readonly log: Logger;
  readonly timeoutMs?: number;
}

export class PrinterService {
  readonly #options: PrinterServiceOptions;

  constructor(options: PrinterServiceOptions) {
    this.#options = options;
  }

  settings(): PrinterSettings {
    const row = this.#options.db.prepare<[], PrinterRow>('SELECT transport, host, port, path, baud_rate FROM printer_settings WHERE id = 1').get();
    if (row === undefined) return { transport: 'none' };
    if (row.transport === 'tcp') return { transport: 'tcp', host: row.host ?? '', port: row.port ?? 9100 };
    return { transport: 'serial', path: row.path ?? '', baudRate: row.baud_rate ?? 9600 };
  }

  configure(settings: PrinterSettings, now: Date = new Date()): PrinterSettings {
    const db = this.#options.db;
    if (settings.transport === 'none') db.prepare('DELETE FROM printer_settings').run();
    else
      db.prepare(
        `INSERT INTO printer_settings (id, transport, host, port, path, baud_rate, updated_at) VALUES (1, @transport, @host, @port, @path, @baud, @at)
         ON CONFLICT (id) DO UPDATE SET transport = excluded.transport, host = excluded.host, port = excluded.port, path = excluded.path, baud_rate = excluded.baud_rate, updated_at = excluded.updated_at`,
      ).run({
        transport: settings.transport,
        host: settings.transport === 'tcp' ? settings.host : null,
        port: settings.transport === 'tcp' ? settings.port : null,
        path: settings.transport === 'serial' ? settings.path : null,
        baud: settings.transport === 'serial' ? settings.baudRate : null,
        at: now.toISOString(),
      });
    this.#options.audit.append({ action: 'printer.configure', detail: { transport: settings.transport } });
    return this.settings();
  }

  async printSlip(input: { readonly encounterId: string; readonly raster: SlipRaster; readonly reprint: boolean }): Promise<{ bytes: number; printer: string }> {
    const settings = this.settings();
    if (settings.transport === 'none') throw new EdgeError('printer_not_configured', 'no queue-slip printer set for this station');
    const raster: Raster = { widthBytes: input.raster.widthBytes, height: input.raster.height, data: new Uint8Array(Buffer.from(input.raster.base64, 'base64')) };
    const problem = rasterProblem(raster);
    if (problem !== null) throw new EdgeError('invalid_input', `raster: ${problem}`);
    const target: PrinterTarget = settings;
    const bytes = encodeSlip(raster);
    try {
      await sendToPrinter(target, bytes, this.#options.timeoutMs);
    } catch (error) {
      if (!(error instanceof PrinterSendError)) throw error;
      this.#options.log.warn({ printer: describeTarget(target), failure: error.failure, err: error.message }, 'queue slip not printed');
      throw new EdgeError(error.failure === 'timeout' ? 'printer_timeout' : 'printer_unreachable', error.message);
    }
    this.#options.audit.append({ action: input.reprint ? 'printer.reprint' : 'printer.slip', detail: { encounterId: input.encounterId } });
    return { bytes: bytes.length, printer: describeTarget(target) };
  }
}
