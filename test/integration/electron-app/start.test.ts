/**
 * `npm start` (electron/cli/start.mjs) as a user runs it. With Electron's binary (a fake one here: a script
 * that records how it was launched, given through electron's own ELECTRON_OVERRIDE_DIST_PATH) it builds, stages
 * better-sqlite3's Electron build and launches `electron .` from the project root; without the binary it falls
 * back to the browser bridge. The Electron build of better-sqlite3 comes from a prepared cache
 * (EDGE_ELECTRON_NATIVE_DIR), as making it needs the internet.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronTarget } from '../../../electron/cli/electronNative.node.js';
import { cacheKey, manifestMatches } from '../../../electron/services/db/electronSqlite.std.js';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'edge-start-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function start(env: Record<string, string>, until?: RegExp): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(root, 'electron/cli/start.mjs')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (until !== undefined && until.test(output) && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

describe('npm start', () => {
  it('with Electron’s binary: builds, stages better-sqlite3’s Electron build and launches `electron .` from the project root', async () => {
    const dist = join(work, 'electron-dist');
    mkdirSync(dist);
    const launches = join(work, 'launches.jsonl');
    const fake = join(dist, 'electron');
    writeFileSync(
      fake,
      `#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(launches)}, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd(), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }) + '\\n');\n`,
    );
    chmodSync(fake, 0o755);
    // A prepared cache entry for this checkout's Electron target (any file stands in for the addon).
    const target = electronTarget(root);
    const cacheRoot = join(work, 'native-cache');
    const cached = join(cacheRoot, cacheKey(target));
    mkdirSync(cached, { recursive: true });
    writeFileSync(join(cached, 'better_sqlite3.node'), `electron build for ABI ${target.abi}`);
    writeFileSync(join(cached, 'manifest.json'), JSON.stringify(target));
    const startedAt = Date.now();

    const run = await start({
      ELECTRON_OVERRIDE_DIST_PATH: dist,
      EDGE_ELECTRON_NATIVE_DIR: cacheRoot,
      ELECTRON_RUN_AS_NODE: '1',
    });

    expect(run.code, run.output).toBe(0);
    expect(statSync(join(root, 'out/main/index.js')).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(readFileSync(join(root, 'out/native/better_sqlite3.node'), 'utf8')).toBe(
      `electron build for ABI ${target.abi}`,
    );
    expect(manifestMatches(JSON.parse(readFileSync(join(root, 'out/native/manifest.json'), 'utf8')), target)).toBe(
      true,
    );
    const launched = readFileSync(launches, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { args: string[]; cwd: string; runAsNode: string | null });
    expect(launched).toEqual([{ args: ['.'], cwd: root, runAsNode: null }]);
    // `electron .` runs package.json's main: the bundle just built.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  }, 120_000);

  it('without Electron’s binary: says so in Thai and English and serves the same app through the browser bridge', async () => {
    const emptyDist = join(work, 'no-electron');
    mkdirSync(emptyDist);
    const dataDir = join(work, 'bridge-data');
    const run = await start(
      { ELECTRON_OVERRIDE_DIST_PATH: emptyDist, EDGE_DATA_DIR: dataDir },
      /EDGE_BRIDGE_URL=http:\/\/127\.0\.0\.1:\d+\/#token=\w+/,
    );
    expect(run.output).toContain('ไม่พบโปรแกรม Electron');
    expect(run.output).toContain('Electron is not installed on this machine');
    expect(run.output).toMatch(/EDGE_BRIDGE_URL=http:\/\/127\.0\.0\.1:\d+\/#token=\w+/);
    expect(statSync(join(dataDir, 'station.sqlite')).isFile()).toBe(true);
  }, 120_000);
});
