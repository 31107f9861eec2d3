/**
 * build/electron-builder.yml read by electron-builder's own loader and schema validation (an unknown or
 * misspelt key fails here rather than at `npm run dist`), then checked for what the installers need:
 * targets, natives outside the asar, the Electron build of better-sqlite3, deb metadata and dependencies
 * (the deb target throws without a homepage and a maintainer e-mail), and the fuses that lock the shell.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(root, 'package.json'));

interface ConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: Configuration | null,
  ): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface DebugLoggerModule {
  DebugLogger: new (isEnabled?: boolean) => unknown;
}

// electron-builder's documented defaults for deb `depends` (app-builder-lib's linuxOptions.d.ts): a `depends`
// list replaces them, so each must be listed again.
const electronBuilderDebDefaults = [
  'libgtk-3-0',
  'libnotify4',
  'libnss3',
  'libxss1',
  'libxtst6',
  'xdg-utils',
  'libatspi2.0-0',
  'libuuid1',
  'libsecret-1-0',
];

let config: Configuration;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  const loader = require('app-builder-lib/out/util/config/config.js') as ConfigModule;
  const { DebugLogger } = require('builder-util/out/DebugLogger.js') as DebugLoggerModule;
  config = await loader.getConfig(root, 'build/electron-builder.yml', null);
  await loader.validateConfiguration(config, new DebugLogger(false));
});

describe('electron-builder config', () => {
  it('builds NSIS x64 for Windows and AppImage + deb for Linux', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('keeps native addons outside the asar, packs the staged Electron build of better-sqlite3 and never rebuilds node_modules in place', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    // The loader normalises `files` to file sets.
    const patterns = [config.files ?? []]
      .flat()
      .flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.filter ?? []].flat()));
    expect(patterns).toContain('out/**');
    expect(patterns).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
    expect(String(pkg['scripts'] && (pkg['scripts'] as Record<string, string>)['dist'])).not.toContain(
      'install-app-deps',
    );
  });

  it('gives the deb target what it refuses to build without: a homepage and a maintainer with an e-mail', () => {
    expect(typeof pkg['homepage']).toBe('string');
    const author = pkg['author'] as { name?: string; email?: string } | undefined;
    expect(author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/);
  });

  it('depends on electron-builder’s default libraries (libsecret for safeStorage) plus the smart-card stack', () => {
    const depends = config.deb?.depends ?? [];
    for (const name of [...electronBuilderDebDefaults, 'libpcsclite1', 'pcscd']) expect(depends, name).toContain(name);
  });

  it('flips the fuses that lock the shell', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });
});
