import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISK_FAIL_BELOW,
  DISK_WARN_BELOW,
  diskSpaceDoctorCheck,
  formatBytes,
} from '../../../../../electron/services/doctor/diskSpace.std.js';
import { tempEdgeNode } from '../../../../factories/edgeNode.js';

describe('disk space check', () => {
  it('fails below 500 MB free, warns below 2 GB, and always says what the station keeps', () => {
    fc.assert(
      fc.property(fc.nat({ max: 4 * 1024 ** 3 }), (freeBytes) => {
        const check = diskSpaceDoctorCheck(
          { freeBytes, totalBytes: 8 * 1024 ** 3, databaseBytes: 2_000_000, logBytes: 30_000 },
          '/data',
        );
        expect(check.verdict).toBe(freeBytes < DISK_FAIL_BELOW ? 'fail' : freeBytes < DISK_WARN_BELOW ? 'warn' : 'ok');
        expect(check.th).toContain('ฐานข้อมูลสถานี 1.9 MB');
        expect(check.en).toContain('logs 29.3 KB');
      }),
    );
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
  });

  it('is one of the doctor’s checks, measured on the data folder’s disk', async () => {
    const node = await tempEdgeNode();
    try {
      const disk = (await node.doctor.run()).find((check) => check.id === 'disk');
      expect(disk?.en).toMatch(/^Free disk space \d/);
      expect(disk?.en).toContain(node.dataDir);
    } finally {
      await node.dispose();
    }
  });
});
