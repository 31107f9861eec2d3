// First step of `npm test`, plain Node with no dependencies: makes a fresh machine ready.
//  1. Debian packages the tests use (Chromium, pcscd + vpcd, socat, Thai fonts): installed when we run as
//     root, else the exact apt-get command is printed and the run stops.
//  2. node_modules: `npm ci` when missing or older than package-lock.json (Electron's binary download is
//     skipped: it cannot be fetched here, and no test needs it).
//  3. Small native helpers the fixtures build with the machine's compiler (see each feature's setup).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const packages = ['chromium', 'pcscd', 'libpcsclite-dev', 'vsmartcard-vpcd', 'pcsc-tools', 'socat', 'fonts-thai-tlwg'];

function missingPackages() {
  return packages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/dpkg-query')) {
    console.log('[setup] not a Debian machine: install Chromium, pcscd, vsmartcard-vpcd and socat yourself');
    return;
  }
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(
      `[setup] missing Debian packages. Run:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`[setup] installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
}

function ensureNodeModules() {
  const stamp = join(root, 'node_modules/.edge-install-stamp');
  const wanted = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  console.log('[setup] npm ci (Electron binary download skipped)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  writeFileSync(stamp, wanted);
}

function runFeatureSetups() {
  for (const script of ['test/setup/buildNodelay.mjs']) {
    const path = join(root, script);
    if (existsSync(path)) execFileSync(process.execPath, [path], { cwd: root, stdio: 'inherit' });
  }
}

ensureDebianPackages();
ensureNodeModules();
runFeatureSetups();
