/** Reads Linux's mount and device-mapper tables for diskEncryption.std.ts (elsewhere: unknown, IT confirms). */
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './doctor.node.js';
import { diskEncryptionCheck, mountOf, parseMountInfo, type EncryptionVerdict } from './diskEncryption.std.js';

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A `CRYPT-` device-mapper uuid on this block device or any device it is built on (LVM on LUKS, …). */
function cryptBelow(sysBlockDir: string, seen = new Set<string>()): boolean {
  const dir = realpathSync(sysBlockDir);
  if (seen.has(dir)) return false;
  seen.add(dir);
  if (read(join(dir, 'dm', 'uuid'))?.startsWith('CRYPT-') === true) return true;
  const slaves = join(dir, 'slaves');
  if (!existsSync(slaves)) return false;
  return readdirSync(slaves).some((name) => cryptBelow(join(slaves, name), seen));
}

export function encryptionVerdict(
  dataDir: string,
  procDir = '/proc',
  sysDir = '/sys',
): { verdict: EncryptionVerdict; where: string } {
  const info = read(join(procDir, 'self', 'mountinfo'));
  if (info === undefined) return { verdict: 'unknown', where: dataDir };
  const mount = mountOf(realpathSync(dataDir), parseMountInfo(info));
  if (mount === undefined) return { verdict: 'unknown', where: dataDir };
  const where = `${mount.mountPoint} ${mount.fsType}`;
  // tmpfs and friends never reach a disk; overlay/network file systems hide the device: unknown
  if (['tmpfs', 'ramfs'].includes(mount.fsType)) return { verdict: 'encrypted', where: `${where}, in memory` };
  const block = join(sysDir, 'dev', 'block', mount.device);
  if (!existsSync(block)) return { verdict: 'unknown', where };
  return { verdict: cryptBelow(block) ? 'encrypted' : 'not_encrypted', where };
}

export function diskEncryptionDoctorCheck(dataDir: string): Check {
  return function checkDiskEncryption() {
    if (process.platform !== 'linux') return diskEncryptionCheck('unknown', dataDir);
    const { verdict, where } = encryptionVerdict(dataDir);
    return diskEncryptionCheck(verdict, where);
  };
}
