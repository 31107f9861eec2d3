/** Handlers of the sync feature (electron/contract/sync.std.ts). */
import type { Handlers } from '../dispatcher.node.js';
import type { SyncService } from './syncService.node.js';

type SyncCommand =
  | 'sync.configure'
  | 'sync.status'
  | 'sync.now'
  | 'sync.conflicts'
  | 'sync.rejections'
  | 'sync.report'
  | 'sync.endpoint'
  | 'sync.workingSet'
  | 'sync.setWorkingSet'
  | 'sync.hub'
  | 'sync.setHub';

export function syncHandlers(sync: SyncService): Pick<Handlers, SyncCommand> {
  return {
    'sync.configure': (input) => sync.configure(input),
    'sync.status': () => sync.status(),
    'sync.now': () => sync.syncNow(),
    'sync.conflicts': () => sync.conflicts(),
    'sync.rejections': () => sync.rejections(),
    'sync.report': (input) => sync.report(input),
    'sync.endpoint': () => sync.endpoint(),
    'sync.workingSet': () => sync.workingSet(),
    'sync.setWorkingSet': (input) => sync.setWorkingSet(input),
    'sync.hub': () => sync.hub(),
    'sync.setHub': (input) => sync.setHub(input),
  };
}
