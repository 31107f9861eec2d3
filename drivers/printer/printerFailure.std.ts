/**
 * Why a slip did not print, from what the operating system said: an errno from writing to a USB printer-class
 * device (Linux usblp reports paper out as ENOSPC and an offline or faulted printer as EIO), or the reason
 * Electron's `webContents.print` gives. Each failure is one catalogued code `printer_<failure>` (printerErrors.std.ts).
 */
export type PrinterFailure =
  | 'unreachable'
  | 'timeout'
  | 'paper_out'
  | 'offline'
  | 'no_permission'
  | 'not_found'
  | 'system_failed';

/** A USB printer-class write's errno as a failure: gone, no permission, paper out, offline. */
export function usbFailure(errno: string | undefined): PrinterFailure {
  switch (errno) {
    case 'EACCES':
    case 'EPERM':
      return 'no_permission';
    case 'ENOSPC':
      return 'paper_out';
    case 'EIO':
      return 'offline';
    default:
      // ENOENT (nothing plugged in), ENODEV/ENXIO (unplugged while open), EBUSY and the rest: not reachable.
      return 'unreachable';
  }
}

/** Electron's print callback reason (`failureReason`) as a failure; a printer the OS does not know is not_found. */
export function systemPrintFailure(reason: string): PrinterFailure {
  const said = reason.toLowerCase();
  if (said.includes('devicename') || said.includes('no printer') || said.includes('not found')) return 'not_found';
  if (said.includes('paper')) return 'paper_out';
  if (said.includes('offline') || said.includes('stopped') || said.includes('paused')) return 'offline';
  return 'system_failed';
}
