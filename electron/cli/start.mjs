// `npm start`: the desktop app. Builds with electron-vite and launches Electron. `npm run demo` (`--demo`)
// sets EDGE_DEMO=1, so first-run setup preselects a demo station (virtual card and devices); a station
// already set up keeps its mode. Where Electron's binary could not be installed (no internet at install time, or
// ELECTRON_SKIP_BINARY_DOWNLOAD), it says so in Thai and English and runs the same app in the browser
// bridge instead (npm run dev:browser), so the station is usable either way.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));

function electronBinary() {
  try {
    return require('electron'); // the path of the downloaded binary; throws when it is missing
  } catch {
    return null;
  }
}

const env = process.argv.includes('--demo') ? { ...process.env, EDGE_DEMO: '1' } : process.env;

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const binary = electronBinary();
if (binary !== null) {
  const built = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  run(binary, ['.']);
} else {
  console.log(
    [
      'ไม่พบโปรแกรม Electron ในเครื่องนี้ (ดาวน์โหลดไม่ได้ตอนติดตั้ง) จึงเปิดแอปผ่านเบราว์เซอร์แทน',
      'Electron is not installed on this machine (its download failed at install time), so the app runs in the browser instead.',
      'เปิดที่อยู่ EDGE_BRIDGE_URL ด้านล่างใน Chromium / Open the EDGE_BRIDGE_URL below in Chromium.',
    ].join('\n'),
  );
  run(process.execPath, [require.resolve('tsx/cli'), join(root, 'electron/bridge/devBrowser.node.ts')]);
}
