/** The sandboxed preload: exposes the contract bridge as `window.edge`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './bridgeApi.preload.js';

contextBridge.exposeInMainWorld('edge', createBridgeApi(ipcRenderer));
