/**
 * better-sqlite3 speaks raw V8, not N-API, so one compiled addon loads under one ABI only: Node's
 * (npm install builds it in node_modules for tests, CLIs and the browser bridge) or Electron's. The
 * Electron build is kept apart so neither ever overwrites the other:
 *   cache  node_modules/.electron-native/<key>/better_sqlite3.node   (made once per Electron ABI)
 *   staged out/native/better_sqlite3.node + manifest.json            (what Electron main loads, and packages)
 * Main passes the staged file to better-sqlite3's `nativeBinding` option; plain Node never does.
 */
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';
export const NATIVE_CACHE_FOLDER = 'node_modules/.electron-native';
/** Relative to the app folder (the project root in development, app.asar when packaged). */
export const STAGED_NATIVE_FOLDER = 'out/native';

export interface ElectronTarget {
  /** Electron's version, e.g. 45.4.1 (what prebuild-install and node-gyp are asked for). */
  readonly electronVersion: string;
  /** Electron's NODE_MODULE_VERSION (node_modules/electron/abi_version; process.versions.modules inside Electron). */
  readonly abi: string;
  readonly platform: string;
  readonly arch: string;
  /** The better-sqlite3 version the addon was compiled from (its JS and C++ must match). */
  readonly sqliteVersion: string;
}

export type NativeManifest = ElectronTarget;

export function cacheKey(target: ElectronTarget): string {
  return `better-sqlite3-${target.sqliteVersion}-electron-abi${target.abi}-${target.platform}-${target.arch}`;
}

/** Is a cached or staged build the one this target needs? */
export function manifestMatches(manifest: unknown, target: ElectronTarget): boolean {
  if (typeof manifest !== 'object' || manifest === null) return false;
  const record = manifest as Record<string, unknown>;
  return (['electronVersion', 'abi', 'platform', 'arch', 'sqliteVersion'] as const).every(
    (key) => record[key] === target[key],
  );
}

/**
 * The addon Electron main hands to better-sqlite3: the staged Electron build when running inside Electron,
 * nothing (the package's own Node build) anywhere else. `appDir` is the folder holding `out/`.
 */
export function electronSqliteBinding(
  appDir: string,
  versions: { readonly electron?: string | undefined },
): string | undefined {
  if (versions.electron === undefined) return undefined;
  return `${appDir.replace(/[\\/]+$/, '')}/${STAGED_NATIVE_FOLDER}/${SQLITE_BINDING_FILE}`;
}
