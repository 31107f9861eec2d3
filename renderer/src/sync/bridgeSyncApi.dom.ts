/** The sync commands and events over the page's bridge (Electron IPC or the loopback WebSocket). */
import { invoke, on } from '../bridge/client.dom.js';
import type { SyncApi } from './syncApi.dom.js';

export const bridgeSyncApi: SyncApi = {
  endpoint: () => invoke('sync.endpoint', {}),
  status: () => invoke('sync.status', {}),
  report: (report) => invoke('sync.report', report),
  syncNow: () => invoke('sync.now', {}),
  configure: (input) => invoke('sync.configure', input),
  workingSet: () => invoke('sync.workingSet', {}),
  setWorkingSet: (days) => invoke('sync.setWorkingSet', { days }),
  hub: () => invoke('sync.hub', {}),
  setHub: (hubUrl) => invoke('sync.setHub', { hubUrl }),
  onStatus: (listener) => on('sync.status', listener),
  onKick: (listener) => on('sync.kick', listener),
};
