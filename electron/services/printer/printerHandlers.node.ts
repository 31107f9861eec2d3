/** Handlers of the queue-slip printer (contract: electron/contract/printer.std.ts). */
import type { Handlers } from '../dispatcher.node.js';
import type { PrinterService } from './printerService.node.js';

export function printerHandlers(
  printer: PrinterService,
): Pick<Handlers, 'printer.settings' | 'printer.configure' | 'printer.printSlip'> {
  return {
    'printer.settings': () => printer.settings(),
    'printer.configure': (input) => printer.configure(input),
    'printer.printSlip': (input) => printer.printSlip(input),
  };
}
