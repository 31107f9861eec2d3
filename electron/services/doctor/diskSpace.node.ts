/** Reads the data folder's disk and what the station keeps on it, for diskSpaceDoctorCheck. */
import { readdirSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from './doctor.node.js';
import { diskSpaceDoctorCheck, type DiskUse } from './diskSpace.std.js';

function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function folderBytes(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true }).reduce(
      (sum, entry) => sum + (entry.isFile() ? fileBytes(join(dir, entry.name)) : 0),
      0,
    );
  } catch {
    return 0;
  }
}

export function diskUse(dataDir: string): DiskUse {
  const fs = statfsSync(dataDir);
  const database = ['station.sqlite', 'station.sqlite-wal', 'station.sqlite-shm'].reduce(
    (sum, name) => sum + fileBytes(join(dataDir, name)),
    0,
  );
  return {
    freeBytes: fs.bavail * fs.bsize,
    totalBytes: fs.blocks * fs.bsize,
    databaseBytes: database,
    logBytes: folderBytes(join(dataDir, 'logs')),
  };
}

export function diskSpaceCheck(dataDir: string): Check {
  return function checkDiskSpace() {
    return diskSpaceDoctorCheck(diskUse(dataDir), dataDir);
  };
}
