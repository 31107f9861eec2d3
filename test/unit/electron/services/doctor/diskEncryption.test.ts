// The doctor finds the mount holding the data folder and whether a dm-crypt (LUKS) device lies under it, from
// Linux's own tables (fake /proc and /sys trees here): LVM on LUKS counts, a plain partition does not.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mountOf, parseMountInfo } from '../../../../../electron/services/doctor/diskEncryption.std.js';
import { encryptionVerdict } from '../../../../../electron/services/doctor/diskEncryption.node.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MOUNTINFO = [
  '22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vg-root rw',
  '30 22 8:2 / /boot rw,relatime shared:2 - ext4 /dev/sda2 rw',
  '40 22 8:3 / /srv/clinic\\040data rw,relatime shared:3 - ext4 /dev/sda3 rw',
].join('\n');

/** /sys/dev/block/<major:minor> links, dm/uuid files and slaves, as the kernel lays them out. */
function fakeSys(): { proc: string; sys: string; data: (path: string) => string } {
  const root = mkdtempSync(join(tmpdir(), 'edge-fde-'));
  dirs.push(root);
  const proc = join(root, 'proc');
  mkdirSync(join(proc, 'self'), { recursive: true });
  writeFileSync(join(proc, 'self', 'mountinfo'), MOUNTINFO);
  const sys = join(root, 'sys');
  const devices = join(sys, 'devices');
  for (const name of ['dm-1', 'dm-0', 'sda2', 'sda3', 'sda4'])
    mkdirSync(join(devices, name, 'slaves'), { recursive: true });
  mkdirSync(join(devices, 'dm-1', 'dm'), { recursive: true });
  writeFileSync(join(devices, 'dm-1', 'dm', 'uuid'), 'LVM-abc\n');
  mkdirSync(join(devices, 'dm-0', 'dm'), { recursive: true });
  writeFileSync(join(devices, 'dm-0', 'dm', 'uuid'), 'CRYPT-LUKS2-0123-luks\n');
  symlinkSync(join(devices, 'dm-0'), join(devices, 'dm-1', 'slaves', 'dm-0'));
  symlinkSync(join(devices, 'sda4'), join(devices, 'dm-0', 'slaves', 'sda4'));
  mkdirSync(join(sys, 'dev', 'block'), { recursive: true });
  for (const [id, name] of [
    ['253:1', 'dm-1'],
    ['8:2', 'sda2'],
    ['8:3', 'sda3'],
  ])
    symlinkSync(join(devices, name ?? ''), join(sys, 'dev', 'block', id ?? ''));
  return {
    proc,
    sys,
    data: (path) => {
      const dir = join(root, 'fs', path);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
  };
}

describe('disk encryption check', () => {
  it('finds the longest mount point holding a path (escaped spaces included)', () => {
    const mounts = parseMountInfo(MOUNTINFO);
    expect(mountOf('/srv/clinic data/station', mounts)?.device).toBe('8:3');
    expect(mountOf('/boot/x', mounts)?.device).toBe('8:2');
    expect(mountOf('/bootstrap', mounts)?.device).toBe('253:1');
  });

  it('LVM on LUKS is encrypted; a plain partition is not; an unknown device is unknown', () => {
    const { proc, sys } = fakeSys();
    // the real data folder must exist for realpath; the verdict follows the mount table's device for "/"
    expect(encryptionVerdict(tmpdir(), proc, sys).verdict).toBe('encrypted');
    const plain = parseMountInfo(MOUNTINFO.replace('253:1', '8:2'));
    expect(plain[0]?.device).toBe('8:2');
    writeFileSync(join(proc, 'self', 'mountinfo'), MOUNTINFO.replace('253:1', '8:3'));
    expect(encryptionVerdict(tmpdir(), proc, sys).verdict).toBe('not_encrypted');
    writeFileSync(join(proc, 'self', 'mountinfo'), MOUNTINFO.replace('253:1', '9:9'));
    expect(encryptionVerdict(tmpdir(), proc, sys).verdict).toBe('unknown');
  });
});
