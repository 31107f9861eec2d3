/**
 * The pcscd + vpcd fixture: a real pcscd in the foreground whose only reader driver is vsmartcard's vpcd
 * (two virtual readers, "Virtual PCD 00 00" on TCP 35963 and "Virtual PCD 00 01" on 35964), with the
 * TCP_NODELAY shim preloaded. Started once per integration run (globalSetup) and by the card benchmark.
 * Only one pcscd can run per machine (fixed /run/pcscd), so leftovers of an earlier run are found by the marker
 * in their command line and stopped first; a pcscd that is not ours is never touched: we stop with a clear message.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The marker: every pcscd this fixture starts has this directory in its command line. */
export const FIXTURE_DIR = '/tmp/edge-pcscd-fixture';
const CONFIG_DIR = join(FIXTURE_DIR, 'reader.conf.d');
const RUN_DIR = '/run/pcscd';
export const VPCD_READERS = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;
export const VPCD_PORTS = [35963, 35964] as const;

const VPCD_CONF = `# written by test/integration/card/pcscdFixture.ts: vpcd only
FRIENDLYNAME "Virtual PCD"
DEVICENAME   /dev/null:0x8C7B
LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID    0x8C7B
`;

export interface PcscdFixture {
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

function processCmdline(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

function isPcscd(cmdline: string): boolean {
  return /(?:^|\/)pcscd\s/.test(cmdline);
}

/** pcscd processes started by this fixture (in this run or an earlier, crashed one). */
function fixturePids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const cmdline = processCmdline(pid);
      return cmdline !== null && isPcscd(cmdline) && cmdline.includes(FIXTURE_DIR);
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits for the processes to exit (bounded: SIGKILL after the grace period). */
async function terminate(pids: readonly number[], graceMs = 5000): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      for (const pid of left) process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Stops our leftovers, refuses to fight a foreign pcscd, and clears a stale pid file / socket. */
export async function clearStalePcscd(): Promise<void> {
  await terminate(fixturePids());
  const pidFile = join(RUN_DIR, 'pcscd.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    const cmdline = Number.isInteger(pid) && pid > 0 ? processCmdline(pid) : null;
    if (cmdline !== null && isPcscd(cmdline)) {
      throw new Error(
        `another pcscd is running (pid ${pid}, not started by the test fixture): stop it first, e.g. ` +
          '`sudo systemctl stop pcscd.socket pcscd` — the fixture needs its own pcscd with the vpcd reader.',
      );
    }
  }
  // A pcscd killed with SIGKILL leaves its pid file and socket behind; the next one would refuse to start.
  for (const file of ['pcscd.pid', 'pcscd.comm']) rmSync(join(RUN_DIR, file), { force: true });
}

function buildNodelay(): string | null {
  const out = execFileSync(process.execPath, [join(root, 'test/setup/buildNodelay.mjs')], { encoding: 'utf8' });
  const match = /nodelay shim: (\/\S+\.so)/.exec(out);
  return match?.[1] ?? null;
}

/** Waits for "daemon ready" in pcscd's log, or fails with the log when pcscd exits first. */
async function waitReady(child: ChildProcess, logFile: string, timeoutMs = 15_000): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (log.includes('daemon ready')) return;
    if (exited !== undefined)
      throw new Error(`pcscd exited (${String(exited)}) before it was ready:\n${log.slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`pcscd not ready after ${timeoutMs} ms; log: ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const OWNER_FILE = join(FIXTURE_DIR, 'owner.pid');

/**
 * One pcscd per machine means one user of the fixture at a time: a second test run (or the benchmark) on the
 * same machine waits until the first has finished instead of killing its daemon mid-test.
 */
async function takeOwnership(timeoutMs = 10 * 60_000): Promise<void> {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(OWNER_FILE, String(process.pid), { flag: 'wx' });
      return;
    } catch {
      const owner = Number(readFileSync(OWNER_FILE, 'utf8').trim());
      if (owner === process.pid) return;
      if (!Number.isInteger(owner) || owner <= 0 || !alive(owner)) {
        rmSync(OWNER_FILE, { force: true }); // left by a run that crashed
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the pcscd fixture is still in use by process ${owner}`);
      if (!told) console.log(`[pcscd fixture] waiting for process ${owner} (another test run or benchmark) to finish`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function releaseOwnership(): void {
  try {
    if (Number(readFileSync(OWNER_FILE, 'utf8').trim()) === process.pid) rmSync(OWNER_FILE, { force: true });
  } catch {
    // not ours, or already gone
  }
}

/** `inRun: true` from inside a run that already owns the fixture (a test restarting pcscd): no ownership wait. */
export async function startPcscd(options: { inRun?: boolean } = {}): Promise<PcscdFixture> {
  if (process.platform !== 'linux')
    throw new Error('the pcscd + vpcd fixture needs Linux (Debian: pcscd vsmartcard-vpcd)');
  if (!existsSync('/usr/lib/pcsc/drivers/serial/libifdvpcd.so')) {
    throw new Error('vpcd driver missing: sudo apt-get install -y pcscd vsmartcard-vpcd');
  }
  if (options.inRun !== true) await takeOwnership();
  await clearStalePcscd();
  mkdirSync(CONFIG_DIR, { recursive: true });
  for (const file of readdirSync(CONFIG_DIR)) rmSync(join(CONFIG_DIR, file), { force: true });
  writeFileSync(join(CONFIG_DIR, 'vpcd'), VPCD_CONF);
  mkdirSync(RUN_DIR, { recursive: true });
  const shim = buildNodelay();
  const logFile = join(FIXTURE_DIR, 'pcscd.log');
  // Output to a file, detached: the daemon outlives the test worker that may (re)start it, without a broken pipe.
  const fd = openSync(logFile, 'w');
  // --info, not --debug/--apdu: APDU traces would put card contents (synthetic, still) in the log.
  const child = spawn('pcscd', ['--foreground', '--info', '--config', CONFIG_DIR], {
    env: { ...process.env, ...(shim === null ? {} : { LD_PRELOAD: shim }) },
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  child.unref();
  try {
    await waitReady(child, logFile);
  } catch (error) {
    await terminate(child.pid === undefined ? [] : [child.pid]);
    if (options.inRun !== true) releaseOwnership();
    throw error;
  }
  const pid = child.pid ?? -1;
  return {
    pid,
    logFile,
    async stop() {
      await terminate([pid, ...fixturePids()]);
      if (options.inRun !== true) releaseOwnership();
    },
  };
}

/** For globalSetup: start once, return the teardown. */
export async function pcscdGlobalSetup(): Promise<() => Promise<void>> {
  const fixture = await startPcscd();
  return async () => {
    await terminate(fixturePids()); // also a pcscd a test restarted
    await fixture.stop();
  };
}
