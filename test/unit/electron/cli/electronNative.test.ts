/**
 * better-sqlite3's Electron build is made once in a copy of the package and cached by target; node_modules'
 * Node build is never touched, so tests, CLIs and the browser bridge keep working after `npm start`/`dist`.
 * The build commands are faked here (they need the internet); what they are asked for is checked.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureElectronSqlite,
  electronTarget,
  NativeBuildError,
  stageElectronSqlite,
  type RunCommand,
} from '../../../../electron/cli/electronNative.node.js';
import {
  cacheKey,
  electronSqliteBinding,
  manifestMatches,
  type ElectronTarget,
} from '../../../../electron/services/db/electronSqlite.std.js';

const root = resolve(import.meta.dirname, '../../../..');
const nodeBuild = join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-native-'));
  dirs.push(dir);
  return dir;
}

function hash(file: string): string {
  return createHash('sha256')
    .update(new Uint8Array(readFileSync(file)))
    .digest('hex');
}

interface Seen {
  readonly args: readonly string[];
  readonly hadBuildFolder: boolean;
}

/** A fake build step: records its call, and (when told to succeed) writes an addon into the copy it was given. */
function fakeRun(outcomes: readonly ('fail' | 'build')[], seen: Seen[]): RunCommand {
  return async (_command, args, cwd) => {
    seen.push({ args, hadBuildFolder: existsSync(join(cwd, 'build')) });
    const outcome = outcomes[seen.length - 1] ?? 'fail';
    if (outcome === 'fail') return { status: 1, output: `no network (${args[0] ?? ''})` };
    mkdirSync(join(cwd, 'build/Release'), { recursive: true });
    writeFileSync(join(cwd, 'build/Release/better_sqlite3.node'), `electron addon from ${args[0] ?? ''}`);
    return { status: 0, output: 'ok' };
  };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('electronTarget', () => {
  it('reads Electron’s version and ABI from the package (no binary needed) and better-sqlite3’s version', () => {
    const target = electronTarget(root, 'linux', 'x64');
    expect(target.electronVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(target.abi).toMatch(/^\d+$/);
    expect(target.abi).not.toBe(process.versions.modules);
    expect(target.sqliteVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('ensureElectronSqlite', () => {
  const target: ElectronTarget = { ...electronTarget(root, 'linux', 'x64') };

  it('asks prebuild-install for Electron’s build first, falls back to node-gyp against Electron’s headers, in a copy without the Node build', async () => {
    const before = hash(nodeBuild);
    const cacheRoot = tempDir();
    const seen: Seen[] = [];
    const file = await ensureElectronSqlite({
      root,
      cacheRoot,
      target,
      run: fakeRun(['fail', 'build'], seen),
      log: () => undefined,
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.args[0]).toMatch(/prebuild-install[\\/]bin\.js$/);
    expect(seen[0]?.args).toEqual(
      expect.arrayContaining([
        '--runtime=electron',
        `--target=${target.electronVersion}`,
        '--arch=x64',
        '--platform=linux',
      ]),
    );
    expect(seen[1]?.args[0]).toMatch(/node-gyp[\\/]bin[\\/]node-gyp\.js$/);
    expect(seen[1]?.args).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--runtime=electron',
        `--target=${target.electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ]),
    );
    expect(seen.every((call) => !call.hadBuildFolder)).toBe(true);
    expect(file).toBe(join(cacheRoot, cacheKey(target), 'better_sqlite3.node'));
    expect(readFileSync(file, 'utf8')).toMatch(/node-gyp/);
    expect(hash(nodeBuild)).toBe(before);
  });

  it('is made once per target: a second call builds nothing, another Electron ABI builds again beside it', async () => {
    const cacheRoot = tempDir();
    const seen: Seen[] = [];
    await ensureElectronSqlite({ root, cacheRoot, target, run: fakeRun(['build'], seen), log: () => undefined });
    await ensureElectronSqlite({ root, cacheRoot, target, run: fakeRun([], seen), log: () => undefined });
    expect(seen).toHaveLength(1);
    const next = { ...target, abi: `${Number(target.abi) + 1}`, electronVersion: '99.0.0' };
    await ensureElectronSqlite({
      root,
      cacheRoot,
      target: next,
      run: fakeRun(['build', 'build'], seen),
      log: () => undefined,
    });
    expect(seen).toHaveLength(2);
    expect(readdirSync(cacheRoot).sort()).toEqual([cacheKey(target), cacheKey(next)].sort());
  });

  it('fails with both commands’ output when neither can build, leaving no cache entry', async () => {
    const cacheRoot = tempDir();
    const attempt = ensureElectronSqlite({
      root,
      cacheRoot,
      target,
      run: fakeRun(['fail', 'fail'], []),
      log: () => undefined,
    });
    await expect(attempt).rejects.toBeInstanceOf(NativeBuildError);
    await expect(
      ensureElectronSqlite({ root, cacheRoot, target, run: fakeRun(['fail', 'fail'], []), log: () => undefined }),
    ).rejects.toThrow(/prebuild-install[\s\S]*node-gyp/);
    expect(readdirSync(cacheRoot)).toEqual([]);
  });

  it('stages the cached build with its manifest where main loads it', async () => {
    const cacheRoot = tempDir();
    const cached = await ensureElectronSqlite({
      root,
      cacheRoot,
      target,
      run: fakeRun(['build'], []),
      log: () => undefined,
    });
    const stagedDir = join(tempDir(), 'out/native');
    const staged = stageElectronSqlite(cached, stagedDir, target);
    expect(hash(staged)).toBe(hash(cached));
    expect(manifestMatches(JSON.parse(readFileSync(join(stagedDir, 'manifest.json'), 'utf8')), target)).toBe(true);
  });
});

describe('electronSqlite naming', () => {
  const arbitraryTarget = fc.record({
    electronVersion: fc.string({ minLength: 1 }),
    abi: fc.string({ minLength: 1 }),
    platform: fc.constantFrom('linux', 'win32', 'darwin'),
    arch: fc.constantFrom('x64', 'arm64', 'ia32'),
    sqliteVersion: fc.string({ minLength: 1 }),
  });

  it('a manifest matches exactly when every field of the target matches', () => {
    fc.assert(
      fc.property(arbitraryTarget, arbitraryTarget, (a, b) => {
        const same =
          a.electronVersion === b.electronVersion &&
          a.abi === b.abi &&
          a.platform === b.platform &&
          a.arch === b.arch &&
          a.sqliteVersion === b.sqliteVersion;
        expect(manifestMatches(a, b)).toBe(same);
      }),
    );
    expect(manifestMatches(null, electronTarget(root))).toBe(false);
    expect(manifestMatches('x', electronTarget(root))).toBe(false);
  });

  it('main passes the staged file inside Electron and nothing under plain Node', () => {
    expect(electronSqliteBinding('/opt/app/resources/app.asar', { electron: '45.4.1' })).toBe(
      '/opt/app/resources/app.asar/out/native/better_sqlite3.node',
    );
    expect(electronSqliteBinding('C:\\app\\', { electron: '45.4.1' })).toBe('C:\\app/out/native/better_sqlite3.node');
    expect(electronSqliteBinding('/opt/app', {})).toBeUndefined();
  });
});
