// Starts `npm run dev:browser` for real (a child Node process running the real services and bridge) in a
// temporary data folder, and waits for the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface DevBrowser {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export async function startDevBrowser(
  options: { dataDir?: string; env?: Record<string, string>; args?: string[] } = {},
): Promise<DevBrowser> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'edge-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(projectRoot, 'electron/bridge/devBrowser.node.ts'),
      '--data-dir',
      dataDir,
      '--no-build',
      ...(options.args ?? []),
    ],
    { cwd: projectRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev:browser did not start:\n${output}`)), 60_000);
    function scan(chunk: Buffer): void {
      output += chunk.toString();
      const match = /EDGE_BRIDGE_URL=(\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    }
    child.stdout?.on('data', scan);
    child.stderr?.on('data', scan);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dev:browser exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
