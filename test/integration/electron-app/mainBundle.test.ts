/**
 * The built Electron main bundle (out/main/index.js, as electron-vite emits it) run under plain Node with a
 * recording stub of the `electron` module (stub/): what main does before and after `ready`, what it serves on
 * app://, which policy each response gets, which IPC it registers, how it fails and how it survives a crashed
 * page. Electron's binary is not needed; what the stub cannot show (a real window) is docs/RELEASE.md's
 * manual checklist.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandChannel, commandNames } from '../../../electron/contract/contract.std.js';
import { STAGED_NATIVE_FOLDER, SQLITE_BINDING_FILE } from '../../../electron/services/db/electronSqlite.std.js';

const root = resolve(import.meta.dirname, '../../..');
const stubDir = join(import.meta.dirname, 'stub');

interface Call {
  readonly api: string;
  readonly beforeReady: boolean;
  readonly args: unknown[];
}
interface Served {
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly csp: string | null;
  readonly nosniff: string | null;
  readonly length: number;
  readonly head: string;
}
interface Report {
  readonly outcome: 'loaded' | 'exit' | 'quit' | 'timeout';
  readonly exitCode: number | null;
  readonly calls: Call[];
  readonly responses: Served[];
  readonly headers: { url: string; headers: Record<string, string[]> }[];
  readonly ipc: {
    channels: string[];
    trusted: { ok: boolean };
    untrusted: { ok: boolean; error?: { code: string } };
  } | null;
  readonly crashes: string[][];
  readonly nativeModules: string[];
}

const work = mkdtempSync(join(tmpdir(), 'edge-main-bundle-'));
let assets: { js: string; css: string; font: string };

function runMain(main: string, env: Record<string, string>): Promise<Report> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', join(stubDir, 'register.mjs'), join(stubDir, 'runMain.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        EDGE_DEMO: '0',
        STUB_MAIN: main,
        STUB_IPC_CHANNEL: commandChannel('settings.get'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let errText = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    child.on('close', () => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        resolvePromise(JSON.parse(line) as Report);
      } catch {
        reject(new Error(`no report from the main bundle:\n${out}\n${errText}`));
      }
    });
  });
}

function apis(report: Report): string[] {
  return report.calls.map((call) => call.api);
}

function dataDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  const files = readdirSync(join(root, 'out/renderer/assets'));
  const pick = (ext: string): string => `/assets/${files.find((file) => file.endsWith(ext)) ?? `missing${ext}`}`;
  assets = { js: pick('.js'), css: pick('.css'), font: pick('.woff2') };
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the built main bundle under a stub electron', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runMain(join(root, 'out/main/index.js'), {
      EDGE_DATA_DIR: dataDir('station'),
      STUB_ASSETS: JSON.stringify([
        '/index.html',
        '/',
        assets.js,
        assets.css,
        assets.font,
        '/%2e%2e/%2e%2e/package.json',
        '/no/such/page',
        'app://other/index.html',
      ]),
    });
  }, 60_000);

  it('registers the app scheme and enables the sandbox before ready, and sets userData before taking the single-instance lock', () => {
    expect(report.outcome).toBe('loaded');
    const order = apis(report);
    const schemes = report.calls.find((call) => call.api === 'protocol.registerSchemesAsPrivileged');
    expect(schemes?.beforeReady).toBe(true);
    expect(schemes?.args[0]).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(report.calls.find((call) => call.api === 'app.enableSandbox')?.beforeReady).toBe(true);
    const userData = report.calls.findIndex((call) => call.api === 'app.setPath' && call.args[0] === 'userData');
    expect(userData).toBeGreaterThanOrEqual(0);
    expect(report.calls[userData]?.args[1]).toBe(join(work, 'station'));
    expect(userData).toBeLessThan(order.indexOf('app.requestSingleInstanceLock'));
    // Nothing that needs a ready app runs before it.
    for (const api of ['protocol.handle', 'BrowserWindow', 'ipcMain.handle', 'session.webRequest.onHeadersReceived']) {
      expect(
        report.calls.filter((call) => call.api === api).every((call) => !call.beforeReady),
        api,
      ).toBe(true);
    }
  });

  it('opens one window with the hardened webPreferences and the app:// page', () => {
    const windows = report.calls.filter((call) => call.api === 'BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]?.args[0] as { webPreferences: Record<string, unknown> };
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true,
      preload: join(root, 'out/preload/index.cjs'),
    });
    expect(report.calls.find((call) => call.api === 'BrowserWindow.loadURL')?.args[0]).toBe('app://edge/index.html');
  });

  it('serves index.html and assets from app:// with their MIME types and the CSP on the response itself', () => {
    const byPath = new Map(report.responses.map((served) => [served.path, served]));
    const page = byPath.get('/index.html');
    expect(page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8', nosniff: 'nosniff' });
    expect(page?.head.toLowerCase()).toContain('<!doctype html');
    expect(page?.csp).toContain("script-src 'self';");
    expect(page?.csp).not.toContain('unsafe-inline');
    expect(page?.csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+/);
    expect(byPath.get('/')).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(byPath.get(assets.js)).toMatchObject({ status: 200, contentType: 'text/javascript; charset=utf-8' });
    expect(byPath.get(assets.css)).toMatchObject({ status: 200, contentType: 'text/css; charset=utf-8' });
    expect(byPath.get(assets.font)).toMatchObject({ status: 200, contentType: 'font/woff2' });
    for (const served of report.responses.filter((response) => response.status === 200))
      expect(served.csp).toBe(page?.csp);
    // Nothing outside the renderer folder; unknown paths are the one-page app; other hosts are not ours.
    expect(byPath.get('/%2e%2e/%2e%2e/package.json')?.head.startsWith('{')).toBe(false);
    expect(byPath.get('/no/such/page')).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(byPath.get('app://other/index.html')?.status).toBe(404);
  });

  it('gives every response one strict CSP (no dev server outside `npm run dev`)', () => {
    expect(report.headers.length).toBe(3);
    for (const { headers } of report.headers) {
      const csp = Object.entries(headers).filter(([name]) => name.toLowerCase() === 'content-security-policy');
      expect(csp).toHaveLength(1);
      expect(csp[0]?.[1]).toHaveLength(1);
      expect(csp[0]?.[1][0]).toContain("script-src 'self';");
    }
  });

  it('registers IPC for every contract command and refuses an untrusted frame', () => {
    expect(new Set(report.ipc?.channels)).toEqual(new Set(commandNames.map((name) => commandChannel(name))));
    expect(report.ipc?.trusted.ok).toBe(true);
    expect(report.ipc?.untrusted).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('reloads a crashed page with a notice, and stops reloading after three crashes in a minute', () => {
    expect(report.crashes[0]).toEqual(['webContents.reload', 'dialog.showMessageBox']);
    expect(report.crashes[1]).toEqual(['webContents.reload', 'dialog.showMessageBox']);
    expect(report.crashes[2]).toEqual(['dialog.showMessageBox']);
    const notices = report.calls
      .filter((call) => call.api === 'dialog.showMessageBox')
      .map((call) => call.args[0] as { detail: string });
    expect(notices[0]?.detail).toMatch(/เปิดใหม่แล้ว[\s\S]*reloaded/);
    expect(notices[2]?.detail).toMatch(/ไม่เปิดใหม่อัตโนมัติ[\s\S]*not reloaded again/);
  });

  it('keeps the hospital key sealed by the OS keystore (safeStorage), never as a plain file', () => {
    expect(existsSync(join(dataDir('station'), 'hospital.key.sealed'))).toBe(true);
    expect(existsSync(join(dataDir('station'), 'hospital.key'))).toBe(false);
    expect(readFileSync(join(dataDir('station'), 'hospital.key.sealed'), 'utf8')).toMatch(/^stub:/);
  });

  it('quits cleanly when the window closes', () => {
    expect(apis(report)).toContain('app.quit');
    expect(apis(report)).not.toContain('app.exit');
  });

  it('under plain Node loads the package’s own better-sqlite3 build', () => {
    expect(
      report.nativeModules.some((file) =>
        file.endsWith(join('better-sqlite3', 'build', 'Release', SQLITE_BINDING_FILE)),
      ),
    ).toBe(true);
  });
});

describe('inside Electron (process.versions.electron set)', () => {
  it('opens the station database with the staged Electron build of better-sqlite3, never node_modules’ Node build', async () => {
    // A copy of the built app whose out/native holds a loadable addon (here Node's own build, as the stub is Node).
    const app = join(work, 'app');
    cpSync(join(root, 'out'), join(app, 'out'), {
      recursive: true,
      filter: (path) => !path.includes(`${join('out', 'native')}`),
    });
    mkdirSync(join(app, STAGED_NATIVE_FOLDER), { recursive: true });
    const staged = join(app, STAGED_NATIVE_FOLDER, SQLITE_BINDING_FILE);
    copyFileSync(join(root, 'node_modules/better-sqlite3/build/Release', SQLITE_BINDING_FILE), staged);
    symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ type: 'module', main: 'out/main/index.js' }));
    const report = await runMain(join(app, 'out/main/index.js'), {
      EDGE_DATA_DIR: dataDir('electron-station'),
      STUB_ELECTRON_VERSION: '45.4.1',
    });
    expect(report.outcome).toBe('loaded');
    expect(report.nativeModules).toContain(staged);
    expect(report.nativeModules.filter((file) => file.endsWith(SQLITE_BINDING_FILE))).toEqual([staged]);
  }, 60_000);
});

describe('a failed start', () => {
  it('shows a bilingual error dialog naming the data folder and exits 1', async () => {
    const notAFolder = join(work, 'not-a-folder');
    writeFileSync(notAFolder, 'a file where the data folder should be');
    const report = await runMain(join(root, 'out/main/index.js'), { EDGE_DATA_DIR: notAFolder });
    expect(report.outcome).toBe('exit');
    expect(report.exitCode).toBe(1);
    const box = report.calls.find((call) => call.api === 'dialog.showErrorBox');
    expect(box?.args[0]).toBe('เปิดโปรแกรมไม่สำเร็จ / Clinic Edge could not start');
    expect(box?.args[1]).toContain('เขียนโฟลเดอร์ข้อมูลของสถานีไม่ได้');
    expect(box?.args[1]).toContain("The station's data folder cannot be written");
    expect(box?.args[1]).toContain(notAFolder);
    expect(apis(report)).not.toContain('BrowserWindow');
  }, 60_000);
});

describe('a packaged app', () => {
  it('ignores ELECTRON_RENDERER_URL and has no DevTools', async () => {
    const report = await runMain(join(root, 'out/main/index.js'), {
      EDGE_DATA_DIR: dataDir('packaged'),
      STUB_PACKAGED: '1',
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/',
    });
    expect(report.outcome).toBe('loaded');
    expect(report.calls.find((call) => call.api === 'BrowserWindow.loadURL')?.args[0]).toBe('app://edge/index.html');
    const options = report.calls.find((call) => call.api === 'BrowserWindow')?.args[0] as {
      webPreferences: Record<string, unknown>;
    };
    expect(options.webPreferences['devTools']).toBe(false);
  }, 60_000);
});

describe('`npm run dev` (ELECTRON_RENDERER_URL set, not packaged)', () => {
  it('gives the Vite dev server’s responses the development CSP and everything else the strict one', async () => {
    const report = await runMain(join(root, 'out/main/index.js'), {
      EDGE_DATA_DIR: dataDir('dev'),
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/',
    });
    expect(report.calls.find((call) => call.api === 'BrowserWindow.loadURL')?.args[0]).toBe('http://127.0.0.1:5173/');
    const policy = (url: string): string | undefined =>
      report.headers.find((entry) => entry.url === url)?.headers['Content-Security-Policy']?.[0];
    expect(policy('http://127.0.0.1:5173/')).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy('http://127.0.0.1:5173/')).toContain('ws://127.0.0.1:5173');
    expect(policy('app://edge/index.html')).toContain("script-src 'self';");
    expect(policy('http://127.0.0.1:9/central/x')).toContain("script-src 'self';");
  }, 60_000);
});

describe('the built preload', () => {
  it('is one CommonJS file whose only require is electron, exposing window.edge = {invoke, on}', async () => {
    expect(readdirSync(join(root, 'out/preload'))).toEqual(['index.cjs']);
    const source = readFileSync(join(root, 'out/preload/index.cjs'), 'utf8');
    const required = [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    // Run it as a sandboxed preload would: a CommonJS wrapper whose require knows only `electron`.
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async () => ({ ok: true, value: null }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    const fakeRequire = (name: string): unknown => {
      if (name !== 'electron') throw new Error(`the preload required ${name}`);
      return electron;
    };
    runInNewContext(`(function (require, module, exports) {${source}\n})`, {})(fakeRequire, module, module.exports);
    expect([...exposed.keys()]).toEqual(['edge']);
    expect(Object.keys(exposed.get('edge') as object).sort()).toEqual(['invoke', 'on']);
  });
});
