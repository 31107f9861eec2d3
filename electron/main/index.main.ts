/**
 * Electron's main process: app lifecycle only. Builds the edge node (plain Node services), opens one
 * hardened window, and connects the two through the contract's IPC registration.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../services/compositionRoot.node.js';
import { registerIpc } from './ipcBridge.main.js';
import { hardenContents, hardenSession } from './security.main.js';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol.main.js';
import { defaultDataDir } from '../services/dataDir.node.js';
import { safeStorageKeystore } from '../services/sync/safeStorageKeystore.main.js';
import { startProxyServer, type ProxyServer } from '../services/sync/proxyServer.node.js';

const devUrl = process.env['ELECTRON_RENDERER_URL'];
const trustedOrigins = devUrl === undefined ? [APP_ORIGIN] : [APP_ORIGIN, new URL(devUrl).origin];

registerAppScheme();
app.enableSandbox();
// The same data folder the CLIs and `npm run doctor` read (EDGE_DATA_DIR overrides it).
app.setPath('userData', defaultDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let node: EdgeNode | null = null;
  let proxy: ProxyServer | null = null;

  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, trustedOrigins));

  app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    node = await createEdgeNode({ dataDir, sync: { keystore: safeStorageKeystore(dataDir) } });
    // The renderer replicates through main's central proxy on a loopback port (app:// cannot serve it).
    proxy = await startProxyServer(node.sync.loopbackProxyRoute(trustedOrigins), node.log);
    node.sync.useProxyOrigin(proxy.origin);
    hardenSession(session.defaultSession, [proxy.origin, ...(devUrl === undefined ? [] : [new URL(devUrl).origin.replace(/^http/, 'ws')])]);
    serveRenderer(join(import.meta.dirname, '../renderer'));
    registerIpc(ipcMain, node.dispatch, node.events, trustedOrigins, () => window?.webContents ?? null);

    window = new BrowserWindow({
      width: 1280,
      height: 860,
      title: 'Clinic Edge',
      show: false,
      webPreferences: {
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        spellcheck: false,
      },
    });
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => {
      window = null;
    });
    await window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  }).catch((error: unknown) => {
    console.error('failed to start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    void Promise.all([proxy?.close(), node?.close()]).finally(() => app.quit());
  });
}
