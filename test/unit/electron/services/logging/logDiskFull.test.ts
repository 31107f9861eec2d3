/**
 * The log files on a full disk (ENOSPC, from Linux's /dev/full under the first log file): before, the write
 * error had no listener and ended the process, so a full disk stopped the station. Now the failure is kept for
 * the doctor and the station runs on.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../../electron/services/logging/logger.node.js';
import { logFolderCheck } from '../../../../../electron/services/doctor/doctor.node.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('logs on a full disk', () => {
  it('do not end the process; the failure is kept and the doctor reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-logfull-'));
    dirs.push(dir);
    const logDir = join(dir, 'logs');
    mkdirSync(logDir);
    symlinkSync('/dev/full', join(logDir, 'edge.1.log'));
    const sink = await createLogger({ logDir });
    for (let i = 0; i < 500; i += 1) sink.log.info({ i, pad: 'x'.repeat(200) }, 'a line the disk has no room for');
    for (let waited = 0; waited < 5_000 && sink.writeFailure() === null; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sink.writeFailure()).toMatchObject({ code: 'ENOSPC' });
    const check = await logFolderCheck(logDir, () => sink.writeFailure())();
    expect(check.verdict).toBe('fail');
    expect(check.th).toContain('ดิสก์เต็ม');
    expect(check.en).toContain('disk is full');
    await sink.close();
  });
});
