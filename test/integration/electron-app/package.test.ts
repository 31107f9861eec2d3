/**
 * `npm run dist`'s packaging step for real, offline: electron-builder's Linux `dir` target with a stand-in
 * Electron distribution (`electronDist`: a script carrying Electron's fuse sentinel and wire, as the real binary
 * does). Checks what the installers will hold: the app in app.asar, native addons unpacked, the staged Electron
 * build of better-sqlite3 and not node_modules' Node build, and the fuses flipped in the binary.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronTarget, stageElectronSqlite } from '../../../electron/cli/electronNative.node.js';
import { STAGED_NATIVE_FOLDER } from '../../../electron/services/db/electronSqlite.std.js';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(root, 'package.json'));
const work = mkdtempSync(join(tmpdir(), 'edge-package-'));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse wire v1 as Electron ships it: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar
// integrity off, only-asar off, browser V8 snapshot off, file:// privileges on, wasm trap handlers on.
const shippedWire = '101100011';

interface Asar {
  listPackage(archive: string, options: { isPack: boolean }): string[];
}
interface Fuses {
  getCurrentFuseWire(binary: string): Promise<Record<string, number | string>>;
}

let unpacked: string;
let files: string[];

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
  const addon = join(work, 'better_sqlite3.node');
  writeFileSync(addon, 'stands in for the Electron build');
  rmSync(join(root, STAGED_NATIVE_FOLDER), { recursive: true, force: true });
  stageElectronSqlite(addon, join(root, STAGED_NATIVE_FOLDER), electronTarget(root));

  const dist = join(work, 'electron-dist');
  mkdirSync(dist);
  // The sentinel, then wire version 1 and the wire's length as bytes, then one ASCII '0'/'1' per fuse.
  writeFileSync(
    join(dist, 'electron'),
    `#!/bin/sh\n# ${SENTINEL}\u0001${String.fromCharCode(shippedWire.length)}${shippedWire}\nexit 0\n`,
    'latin1',
  );
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), '45.4.1');
  const output = join(work, 'release');
  const packaged = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--config',
      'build/electron-builder.yml',
      `-c.electronDist=${dist}`,
      `-c.electronVersion=${electronTarget(root).electronVersion}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  expect(packaged.status, `${packaged.stdout}\n${packaged.stderr}`).toBe(0);
  unpacked = join(output, 'linux-unpacked');
  files = (require('@electron/asar') as Asar).listPackage(join(unpacked, 'resources/app.asar'), { isPack: false });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder, Linux dir target)', () => {
  it('holds the built main, preload, renderer and package.json in app.asar', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html'])
      expect(files).toContain(file);
    expect(files.some((file) => file.startsWith('/test/') || file.startsWith('/electron/'))).toBe(false);
  });

  it('unpacks the staged Electron build of better-sqlite3 and leaves node_modules’ Node build out', () => {
    expect(files).toContain('/out/native/better_sqlite3.node');
    expect(files).toContain('/node_modules/better-sqlite3/lib/index.js');
    expect(files.filter((file) => file.startsWith('/node_modules/better-sqlite3/') && file.endsWith('.node'))).toEqual(
      [],
    );
    const unpackedNative = spawnSync('find', [join(unpacked, 'resources/app.asar.unpacked'), '-name', '*.node'], {
      encoding: 'utf8',
    }).stdout;
    expect(unpackedNative).toContain(join('out', 'native', 'better_sqlite3.node'));
    expect(unpackedNative).toContain(join('smartcard', 'build', 'Release'));
    expect(unpackedNative).not.toMatch(/better-sqlite3[\\/]build/);
  });

  it('flips the fuses in the binary', async () => {
    const wire = await (require('@electron/fuses') as Fuses).getCurrentFuseWire(join(unpacked, 'clinic-edge'));
    const on = 49;
    const off = 48;
    expect([wire[0], wire[1], wire[2], wire[3], wire[4], wire[5], wire[7]]).toEqual([off, on, off, off, on, on, off]);
  });
});
