/// <reference types="vite/client" />
import type { EdgeBridge } from '../../electron/contract/contract.std.js';

declare global {
  interface Window {
    /** Present inside Electron (set by the preload); absent in a plain browser, where the WebSocket bridge is used. */
    readonly edge?: EdgeBridge;
  }
}
