/**
 * A pair of linked pseudo-terminals from socat: the app opens `hostPath` like a COM port, a simulator
 * writes device frames to `devicePath`. `unplug()` kills socat (both links vanish, the app sees the port
 * close) and `replug()` starts it again on the same paths, like a USB-serial cable pulled and put back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  readonly devicePath: string;
  readonly hostPath: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  stop(): Promise<void>;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startPtyPair(dir = mkdtempSync(join(tmpdir(), 'edge-pty-'))): Promise<PtyPair> {
  const devicePath = join(dir, 'device');
  const hostPath = join(dir, 'host');
  let child: ChildProcess | undefined;

  async function launch(): Promise<void> {
    const proc = spawn('socat', [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${hostPath}`], {
      stdio: 'ignore',
    });
    child = proc;
    await waitFor(() => existsSync(devicePath) && existsSync(hostPath), 5000, 'socat ptys');
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(devicePath) && !existsSync(hostPath), 5000, 'socat links removed');
  }

  await launch();
  return {
    devicePath,
    hostPath,
    unplug: kill,
    replug: launch,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
