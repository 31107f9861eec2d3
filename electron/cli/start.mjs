// `npm start`: the desktop app. Builds with electron-vite, makes sure better-sqlite3 has its Electron build
// staged (electron/cli/electronNative.node.ts), and launches Electron. `npm run demo` (`--demo`) sets
// EDGE_DEMO=1, so first-run setup preselects a demo station (virtual card and devices); a station already set
// up keeps its mode. Where Electron's binary could not be
// installed (no internet at install time, or ELECTRON_SKIP_BINARY_DOWNLOAD), or the Electron build of the
// database module cannot be made, it says so in Thai and English and runs the same app in the browser
// bridge instead (npm run dev:browser), so the station is usable either way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const baseEnv = process.argv.includes('--demo') ? { ...process.env, EDGE_DEMO: '1' } : process.env;

/**
 * The Electron binary's path, or null. `electron`'s index tries the download once when the binary is missing;
 * it runs in a child so a failed download's stack trace does not bury the message below.
 */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    env: process.env,
  });
  const path = probe.status === 0 ? probe.stdout.trim() : '';
  return path !== '' && existsSync(path) ? path : null;
}

/** A package's bin file, found through its package.json (electron-vite 6's `exports` hides `bin/`). */
function packageBin(name, bin) {
  return join(dirname(require.resolve(`${name}/package.json`)), bin);
}

function run(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function runBrowserBridge(reason) {
  console.log(
    [...reason, 'เปิดที่อยู่ EDGE_BRIDGE_URL ด้านล่างใน Chromium / Open the EDGE_BRIDGE_URL below in Chromium.'].join(
      '\n',
    ),
  );
  run(process.execPath, [packageBin('tsx', 'dist/cli.mjs'), join(root, 'electron/bridge/devBrowser.node.ts')], baseEnv);
}

const binary = electronBinary();
if (binary === null) {
  runBrowserBridge([
    'ไม่พบโปรแกรม Electron ในเครื่องนี้ (ดาวน์โหลดไม่ได้ตอนติดตั้ง) จึงเปิดแอปผ่านเบราว์เซอร์แทน',
    'Electron is not installed on this machine (its download failed at install time), so the app runs in the browser instead.',
  ]);
} else {
  const built = spawnSync(process.execPath, [packageBin('electron-vite', 'bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const native = spawnSync(
    process.execPath,
    [packageBin('tsx', 'dist/cli.mjs'), join(root, 'electron/cli/electronNative.node.ts')],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (native.status !== 0) {
    runBrowserBridge([
      'เปิดแอป Electron ไม่ได้เพราะยังไม่มีโมดูลฐานข้อมูลสำหรับ Electron จึงเปิดแอปผ่านเบราว์เซอร์แทน',
      'Electron cannot start without its build of the database module, so the app runs in the browser instead.',
    ]);
  } else {
    // Electron must run as Electron, whatever the calling shell had set.
    const env = { ...baseEnv };
    delete env.ELECTRON_RUN_AS_NODE;
    run(binary, ['.'], env);
  }
}
