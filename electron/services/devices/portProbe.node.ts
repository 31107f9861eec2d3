/**
 * Looks at a configured device port without opening it, so `npm run doctor` can run beside the app: a
 * serial port is only stat'ed and access-checked, and the processes holding it are found in /proc (Linux);
 * a TCP port is looked up in /proc/net/tcp{,6} for a listener; HID devices are only enumerated. A port
 * another process holds is reported "in use" with that process, never taken from it.
 */
import { accessSync, constants, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HidDeviceDescriptor } from '../../../drivers/devices/ports/hidBoundary.node.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export type ProbeState = 'present' | 'listed' | 'in_use' | 'missing' | 'no_access' | 'listening' | 'free' | 'unknown';

export interface PortProbe {
  readonly port: string;
  readonly state: ProbeState;
  /** Processes holding the device or listening ("pid 1234 (electron)"), when /proc tells. */
  readonly holders: readonly string[];
  readonly detail: string | null;
}

export interface ProbeDeps {
  readonly procDir: string;
  readonly hidDevices: () => Promise<readonly HidDeviceDescriptor[]>;
  /** Serial ports the OS enumerates (serialport's list; opens nothing): how COM3 is found on Windows. */
  readonly serialPaths: () => Promise<readonly string[]>;
}

function processName(procDir: string, pid: string): string {
  try {
    return readFileSync(join(procDir, pid, 'comm'), 'utf8').trim();
  } catch {
    return '?';
  }
}

/** Processes with an open file descriptor on `target` (a realpath), from /proc/<pid>/fd links. Ours included. */
export function holdersOf(target: string, procDir = '/proc'): string[] {
  const found: string[] = [];
  let pids: string[];
  try {
    pids = readdirSync(procDir).filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(join(procDir, pid, 'fd'));
    } catch {
      continue; // another user's process, or it just ended
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(join(procDir, pid, 'fd', fd)) === target) {
          found.push(`pid ${pid} (${processName(procDir, pid)})`);
          break;
        }
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return found;
}

/** Inodes of TCP sockets listening on `port` (state 0A in /proc/net/tcp and tcp6). */
export function tcpListenInodes(port: number, procDir = '/proc'): string[] | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  let readAny = false;
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(join(procDir, 'net', table), 'utf8');
      readAny = true;
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1] ?? '';
      if (cols[3] === '0A' && local.endsWith(`:${hexPort}`) && cols[9] !== undefined) inodes.push(cols[9]);
    }
  }
  return readAny ? inodes : undefined;
}

async function probeSerial(path: string, deps: ProbeDeps): Promise<PortProbe> {
  let real: string;
  try {
    statSync(path);
    real = realpathSync(path);
  } catch {
    // Windows COM ports are not files: the OS list says whether it is there; who holds it is not knowable here.
    const listed: readonly string[] = await deps.serialPaths().catch((): string[] => []);
    return { port: path, state: listed.includes(path) ? 'listed' : 'missing', holders: [], detail: null };
  }
  const procDir = deps.procDir;
  try {
    accessSync(real, constants.R_OK | constants.W_OK);
  } catch {
    return { port: path, state: 'no_access', holders: [], detail: real };
  }
  const holders = holdersOf(real, procDir);
  return holders.length > 0
    ? { port: path, state: 'in_use', holders, detail: null }
    : { port: path, state: 'present', holders, detail: null };
}

function probeTcp(port: number, procDir: string): PortProbe {
  const inodes = tcpListenInodes(port, procDir);
  if (inodes === undefined)
    return { port: `tcp:${String(port)}`, state: 'unknown', holders: [], detail: 'no /proc/net/tcp on this system' };
  if (inodes.length === 0) return { port: `tcp:${String(port)}`, state: 'free', holders: [], detail: null };
  const holders = inodes.flatMap((inode) => holdersOf(`socket:[${inode}]`, procDir));
  return { port: `tcp:${String(port)}`, state: 'listening', holders, detail: null };
}

async function probeHid(port: string, deps: ProbeDeps): Promise<PortProbe> {
  const [, vid, pid] = port.split(':');
  const vendorId = Number.parseInt(vid ?? '', 16);
  const productId = Number.parseInt(pid ?? '', 16);
  try {
    const devices = await deps.hidDevices();
    const present = devices.some((d) => d.vendorId === vendorId && d.productId === productId);
    return { port, state: present ? 'present' : 'missing', holders: [], detail: null };
  } catch (error) {
    return { port, state: 'unknown', holders: [], detail: errorMessage(error) };
  }
}

/** Probes one configured port without opening it. */
export async function probePort(port: string, deps: ProbeDeps): Promise<PortProbe> {
  if (port.startsWith('tcp:')) return probeTcp(Number(port.slice(4)), deps.procDir);
  if (port.startsWith('hid:')) return probeHid(port, deps);
  return probeSerial(port, deps);
}
