/**
 * Electron's main process: app lifecycle only. Builds the edge node (plain Node services), opens one
 * hardened window, and connects the two through the contract's IPC registration. A failed start shows a
 * bilingual dialog; a crashed page is reloaded with a notice.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../services/compositionRoot.node.js';
import { electronSystemPrinter } from './electronSystemPrinter.main.js';
import { registerIpc } from './ipcBridge.main.js';
import { hardenContents, hardenSession } from './security.main.js';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol.main.js';
import { defaultDataDir } from '../services/dataDir.node.js';
import { safeStorageKeySealer, safeStorageKeystore } from '../services/sync/safeStorageKeystore.main.js';
import { startProxyServer, type ProxyServer } from '../services/sync/proxyServer.node.js';
import { electronSqliteBinding } from '../services/db/electronSqlite.std.js';
import { contentSecurityPolicy } from '../security/csp.std.js';
import { startupFailureText } from '../services/startup/startupFailure.std.js';
import { crashNotice, onRendererCrash } from './rendererCrash.std.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

// A packaged app never loads pages from a URL in its environment, and has no DevTools.
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const devOrigin = devUrl === undefined ? null : new URL(devUrl).origin;
const trustedOrigins = devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin];
// out/main/index.js → the app folder (the project root, or app.asar when packaged).
const appDir = join(import.meta.dirname, '../..');

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
  let crashes: readonly number[] = [];

  app.on('second-instance', () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, trustedOrigins));

  app
    .whenReady()
    .then(async () => {
      const dataDir = app.getPath('userData');
      node = await createEdgeNode({
        dataDir,
        // better-sqlite3 built for Electron's ABI, kept apart from node_modules' Node build (electronSqlite.std.ts).
        sqliteBinding: electronSqliteBinding(appDir, process.versions),
        sync: { keystore: safeStorageKeystore(dataDir) },
        keySealer: safeStorageKeySealer(),
        printer: { system: electronSystemPrinter },
      });
      // The renderer replicates through main's central proxy on a loopback port (app:// cannot serve it).
      proxy = await startProxyServer(node.sync.loopbackProxyRoute(trustedOrigins), node.log);
      node.sync.useProxyOrigin(proxy.origin);
      const connect = [proxy.origin, ...(devOrigin === null ? [] : [devOrigin.replace(/^http/, 'ws')])];
      hardenSession(session.defaultSession, { connect, devOrigin });
      serveRenderer(join(import.meta.dirname, '../renderer'), contentSecurityPolicy({ connect }));
      registerIpc(ipcMain, node.dispatch, node.events, trustedOrigins, () => window?.webContents ?? null);

      const log = node.log;
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
          devTools: !app.isPackaged,
        },
      });
      const shown = window;
      shown.once('ready-to-show', () => shown.show());
      shown.on('closed', () => {
        window = null;
      });
      shown.webContents.on('render-process-gone', (_event, details) => {
        log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
        if (details.reason === 'clean-exit' || shown.isDestroyed()) return;
        const next = onRendererCrash(crashes, Date.now());
        crashes = next.crashes;
        if (next.reload) shown.webContents.reload();
        void dialog.showMessageBox(shown, {
          type: next.reload ? 'warning' : 'error',
          title: crashNotice.title,
          message: crashNotice.title,
          detail: next.reload ? crashNotice.reloaded : crashNotice.stopped,
        });
      });
      await shown.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
    })
    .catch((error: unknown) => {
      const text = startupFailureText(error, app.getPath('userData'));
      node?.log.fatal({ err: errorMessage(error) }, 'failed to start');
      console.error(text.title, text.body);
      // showErrorBox is synchronous and works before and after ready: a packaged user sees why.
      dialog.showErrorBox(text.title, text.body);
      void Promise.all([proxy?.close(), node?.close()]).finally(() => app.exit(1));
    });

  app.on('window-all-closed', () => {
    void Promise.all([proxy?.close(), node?.close()]).finally(() => app.quit());
  });
}
