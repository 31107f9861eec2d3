/**
 * `npm start`, `npm run dev` and `npm run dist` call this before Electron runs: it makes better-sqlite3's
 * Electron build once (prebuild-install's published binary, else node-gyp against Electron's headers; both
 * need the internet, as Electron's own binary does), in a copy of the package, so node_modules keeps the
 * Node build that tests and CLIs load. Then it stages the file where main and the packager find it.
 * See electron/services/db/electronSqlite.std.ts for the folders.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  cacheKey,
  manifestMatches,
  NATIVE_CACHE_FOLDER,
  SQLITE_BINDING_FILE,
  STAGED_NATIVE_FOLDER,
  type ElectronTarget,
} from '../services/db/electronSqlite.std.js';
import { errorMessage } from '../../sync/model/errorMessage.std.js';

export interface CommandResult {
  readonly status: number | null;
  readonly output: string;
}
export type RunCommand = (command: string, args: readonly string[], cwd: string) => Promise<CommandResult>;

export interface NativeBuildOptions {
  readonly root: string;
  readonly cacheRoot: string;
  readonly target: ElectronTarget;
  readonly run: RunCommand;
  readonly log: (line: string) => void;
}

export class NativeBuildError extends Error {}

const MANIFEST = 'manifest.json';

/** What this checkout's Electron and better-sqlite3 are (no Electron binary needed: abi_version ships in the package). */
export function electronTarget(
  root: string,
  platform: string = process.platform,
  arch: string = process.arch,
): ElectronTarget {
  const electronDir = join(root, 'node_modules/electron');
  const electron = readJson(join(electronDir, 'package.json'));
  const sqlite = readJson(join(root, 'node_modules/better-sqlite3/package.json'));
  return {
    electronVersion: String(electron['version']),
    abi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
    platform,
    arch,
    sqliteVersion: String(sqlite['version']),
  };
}

export function defaultCacheRoot(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env['EDGE_ELECTRON_NATIVE_DIR'];
  return override !== undefined && override !== '' ? resolve(override) : join(root, NATIVE_CACHE_FOLDER);
}

/** The cached Electron build for the target, made when missing or stale. Returns its path. */
export async function ensureElectronSqlite(options: NativeBuildOptions): Promise<string> {
  const dir = join(options.cacheRoot, cacheKey(options.target));
  const file = join(dir, SQLITE_BINDING_FILE);
  if (existsSync(file) && manifestMatches(readJsonOrNull(join(dir, MANIFEST)), options.target)) return file;

  const work = mkdtempSync(join(tmpdir(), 'edge-sqlite-electron-'));
  try {
    const copy = join(work, 'better-sqlite3');
    const source = join(options.root, 'node_modules/better-sqlite3');
    // Everything but the Node build, so nothing from Node's ABI can be mistaken for the result.
    cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
    const built = join(copy, 'build/Release', SQLITE_BINDING_FILE);
    const attempts = buildCommands(options.root, options.target);
    const failures: string[] = [];
    for (const attempt of attempts) {
      options.log(`[native] ${attempt.label}`);
      const result = await options.run(attempt.command, attempt.args, copy);
      if (result.status === 0 && existsSync(built)) break;
      failures.push(`${attempt.label}: exit ${String(result.status)}\n${result.output.slice(-2000)}`);
    }
    if (!existsSync(built)) throw new NativeBuildError(failures.join('\n'));
    mkdirSync(dir, { recursive: true });
    cpSync(built, file);
    writeFileSync(join(dir, MANIFEST), `${JSON.stringify(options.target, null, 2)}\n`);
    return file;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Copies the cached build to out/native (what Electron main loads and electron-builder packs). */
export function stageElectronSqlite(cached: string, stagedDir: string, target: ElectronTarget): string {
  mkdirSync(stagedDir, { recursive: true });
  const staged = join(stagedDir, SQLITE_BINDING_FILE);
  cpSync(cached, staged);
  writeFileSync(join(stagedDir, MANIFEST), `${JSON.stringify(target, null, 2)}\n`);
  return staged;
}

interface BuildCommand {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

function buildCommands(root: string, target: ElectronTarget): BuildCommand[] {
  const fromSqlite = createRequire(join(root, 'node_modules/better-sqlite3/package.json'));
  const fromRoot = createRequire(join(root, 'package.json'));
  const common = [`--target=${target.electronVersion}`, `--arch=${target.arch}`];
  return [
    {
      label: `prebuild-install (Electron ${target.electronVersion}, ABI ${target.abi})`,
      command: process.execPath,
      args: [
        fromSqlite.resolve('prebuild-install/bin.js'),
        '--runtime=electron',
        ...common,
        `--platform=${target.platform}`,
      ],
    },
    {
      label: `node-gyp rebuild against Electron ${target.electronVersion} headers`,
      command: process.execPath,
      args: [
        fromRoot.resolve('node-gyp/bin/node-gyp.js'),
        'rebuild',
        '--release',
        '--runtime=electron',
        ...common,
        '--dist-url=https://electronjs.org/headers',
      ],
    },
  ];
}

export const spawnCommand: RunCommand = (command, args, cwd) =>
  new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolvePromise({ status: null, output: `${output}${error.message}` }));
    child.on('close', (status) => resolvePromise({ status, output }));
  });

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function readJsonOrNull(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const target = electronTarget(root);
  try {
    const cached = await ensureElectronSqlite({
      root,
      cacheRoot: defaultCacheRoot(root),
      target,
      run: spawnCommand,
      log: (line) => console.log(line),
    });
    const staged = stageElectronSqlite(cached, join(root, STAGED_NATIVE_FOLDER), target);
    console.log(`[native] better-sqlite3 for Electron ${target.electronVersion} (ABI ${target.abi}): ${staged}`);
  } catch (error) {
    console.error(
      [
        'สร้างโมดูลฐานข้อมูลสถานี (better-sqlite3) สำหรับ Electron ไม่สำเร็จ: ต้องต่ออินเทอร์เน็ตครั้งแรกครั้งเดียว',
        'Could not build the station database module (better-sqlite3) for Electron: it needs the internet once.',
        errorMessage(error),
      ].join('\n'),
    );
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
