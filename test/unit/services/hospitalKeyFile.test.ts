/**
 * The hospital key file is never silently replaced: before, a file that parsed as JSON but was not a key was
 * overwritten with a new local key (every patient registered after it got a second id), and a file that did not
 * parse stopped the station with an unexplained error. Now both stop it with a clear, bilingual cause, and the
 * file is left as it was for IT.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HospitalKey } from '../../../electron/services/identity/hospitalKey.node.js';
import { createEdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { startupFailureText } from '../../../electron/services/startup/startupFailure.std.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-key-'));
  dirs.push(dir);
  return dir;
}

describe('hospital key file', () => {
  it('is made once (0600) and read back as the same key', () => {
    const dir = dataDir();
    const first = new HospitalKey(dir);
    const again = new HospitalKey(dir);
    expect(again.fingerprint).toBe(first.fingerprint);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'hospital.key')).mode & 0o777).toBe(0o600);
  });

  for (const [label, content] of [
    ['not JSON', '{"keyHex": "0f1e'],
    ['JSON that is not a key', '{"keyHex":"short","source":"local"}'],
    ['empty', ''],
  ] as const) {
    it(`${label}: the station stops with the key_corrupt cause and the file is untouched`, async () => {
      const dir = dataDir();
      writeFileSync(join(dir, 'hospital.key'), content);
      expect(() => new HospitalKey(dir)).toThrow(expect.objectContaining({ code: 'identity_key_corrupt' }));
      const failure = await createEdgeNode({ dataDir: dir, card: { backend: 'off' } }).then(
        async (node) => {
          await node.close();
          return null;
        },
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: 'identity_key_corrupt' });
      const text = startupFailureText(failure, dir);
      expect(text.body).toContain('hospital.key');
      expect(text.body).toContain('แฟ้มกุญแจรหัสผู้ป่วย');
      expect(readFileSync(join(dir, 'hospital.key'), 'utf8')).toBe(content);
    });
  }
});
