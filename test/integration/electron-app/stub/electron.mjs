// A stand-in for the `electron` module: the API surface electron/main uses, recording every call in order,
// so the built main bundle can run under plain Node. `stub` lets the driver fire app events.
export const stub = {
  calls: [],
  ready: false,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  appListeners: new Map(),
  headerHooks: [],
  windows: [],
  paths: new Map(),
  exitCode: null,
  settled: null,
};
let settle;
stub.settled = new Promise((resolve) => (settle = resolve));
let fireReady;
const readyPromise = new Promise((resolve) => (fireReady = resolve));
stub.fireReady = () => {
  stub.ready = true;
  fireReady();
};

function record(api, ...args) {
  stub.calls.push({ api, args, beforeReady: !stub.ready });
}

export const app = {
  isPackaged: process.env.STUB_PACKAGED === '1',
  enableSandbox: () => record('app.enableSandbox'),
  setPath: (name, value) => {
    record('app.setPath', name, value);
    stub.paths.set(name, value);
  },
  getPath: (name) => stub.paths.get(name) ?? `/nonexistent/${name}`,
  requestSingleInstanceLock: () => {
    record('app.requestSingleInstanceLock');
    return true;
  },
  quit: () => {
    record('app.quit');
    settle('quit');
  },
  exit: (code) => {
    record('app.exit', code);
    stub.exitCode = code;
    settle('exit');
  },
  on: (event, listener) => {
    record('app.on', event);
    stub.appListeners.set(event, listener);
  },
  whenReady: () => {
    record('app.whenReady');
    return readyPromise;
  },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes),
  handle: (scheme, handler) => {
    record('protocol.handle', scheme);
    stub.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: () => record('session.setDevicePermissionHandler'),
    webRequest: {
      onHeadersReceived: (hook) => {
        record('session.webRequest.onHeadersReceived');
        stub.headerHooks.push(hook);
      },
    },
  },
};

export const ipcMain = {
  handle: (channel, handler) => {
    record('ipcMain.handle', channel);
    stub.ipcHandlers.set(channel, handler);
  },
  removeHandler: (channel) => {
    record('ipcMain.removeHandler', channel);
    stub.ipcHandlers.delete(channel);
  },
};

class FakeWebContents {
  listeners = new Map();
  sent = [];
  on(event, listener) {
    this.listeners.set(event, listener);
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  reload() {
    record('webContents.reload');
  }
}

export class BrowserWindow {
  constructor(options) {
    record('BrowserWindow', options);
    this.options = options;
    this.webContents = new FakeWebContents();
    this.listeners = new Map();
    stub.windows.push(this);
  }
  once(event, listener) {
    this.listeners.set(event, listener);
  }
  on(event, listener) {
    this.listeners.set(event, listener);
  }
  async loadURL(url) {
    record('BrowserWindow.loadURL', url);
    settle('loaded');
  }
  show() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  restore() {}
  focus() {}
}

export const dialog = {
  showErrorBox: (title, body) => record('dialog.showErrorBox', title, body),
  showMessageBox: async (_window, options) => {
    record('dialog.showMessageBox', options);
    return { response: 0 };
  },
};

export const safeStorage = {
  getSelectedStorageBackend: () => 'gnome_libsecret',
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (text) => Buffer.from(`stub:${text}`),
  decryptStringAsync: async (data) => ({ result: data.toString().slice(5), shouldReEncrypt: false }),
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`stub:${Buffer.from(text).toString('base64')}`),
  decryptString: (data) => Buffer.from(data.toString().slice(5), 'base64').toString(),
};

export const net = {
  fetch: () => {
    throw new Error('net.fetch is not part of what main may use');
  },
};

export default { app, protocol, session, ipcMain, BrowserWindow, dialog, safeStorage, net };
