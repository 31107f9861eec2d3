/**
 * The hospital key file is never silently replaced: before, a file that parsed as JSON but was not a key was
 * overwritten with a new local key (every patient registered after it got a second id), and a file that did not
 * parse stopped the station with an unexplained error. Now both stop it with a clear, bilingual cause, and the
 * file is left as it was for IT.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HospitalKey, type KeySealer } from '../../../../../electron/services/identity/hospitalKey.node.js';
import { createEdgeNode } from '../../../../../electron/services/compositionRoot.node.js';
import { startupFailureText } from '../../../../../electron/services/startup/startupFailure.std.js';

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

/** A stand-in for the OS keystore: reversible, but no plain key text on disk (XOR with a fixed pad). */
function fakeSealer(available = true): KeySealer & { opened: number } {
  const pad = (data: Uint8Array): Buffer => Buffer.from(data.map((byte, i) => byte ^ (0x5a + (i % 7))));
  const sealer = {
    opened: 0,
    available: () => available,
    seal: (text: string) => pad(new Uint8Array(Buffer.from(text))),
    open: (data: Buffer) => {
      sealer.opened += 1;
      return pad(new Uint8Array(data)).toString();
    },
  };
  return sealer;
}

describe('hospital key sealed by the OS keystore', () => {
  it('a new key is sealed, never written plain; it reads back; the doctor says where it is', async () => {
    const dir = dataDir();
    const key = new HospitalKey(dir, fakeSealer());
    expect(key.storage).toBe('os-keystore');
    expect(existsSync(join(dir, 'hospital.key'))).toBe(false);
    const sealed = readFileSync(join(dir, 'hospital.key.sealed'));
    expect(sealed.toString()).not.toContain('keyHex');
    const sealer = fakeSealer();
    expect(new HospitalKey(dir, sealer).fingerprint).toBe(key.fingerprint);
    expect(sealer.opened).toBe(1);
    const node = await createEdgeNode({ dataDir: dir, card: { backend: 'off' }, keySealer: fakeSealer() });
    const checks = await node.doctor.run();
    await node.close();
    expect(checks.find((c) => c.id === 'hospital-key-storage')).toMatchObject({ verdict: 'ok' });
  });

  it('a plain key from before is sealed and the plain file removed, keeping the same key', () => {
    const dir = dataDir();
    const plain = new HospitalKey(dir);
    expect(plain.storage).toBe('file');
    const sealed = new HospitalKey(dir, fakeSealer());
    expect(sealed.fingerprint).toBe(plain.fingerprint);
    expect(existsSync(join(dir, 'hospital.key'))).toBe(false);
    expect(existsSync(join(dir, 'hospital.key.sealed'))).toBe(true);
  });

  it('a sealed key this session cannot open stops the station (key_locked), never a new key', async () => {
    const dir = dataDir();
    new HospitalKey(dir, fakeSealer());
    const before = readFileSync(join(dir, 'hospital.key.sealed'));
    expect(() => new HospitalKey(dir)).toThrow(expect.objectContaining({ code: 'identity_key_locked' }));
    expect(() => new HospitalKey(dir, fakeSealer(false))).toThrow(
      expect.objectContaining({ code: 'identity_key_locked' }),
    );
    const broken = {
      ...fakeSealer(),
      open: () => {
        throw new Error('keyring locked');
      },
    };
    const failure = await createEdgeNode({ dataDir: dir, card: { backend: 'off' }, keySealer: broken }).then(
      async (node) => {
        await node.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'identity_key_locked' });
    expect(startupFailureText(failure, dir).body).toContain('ที่เก็บกุญแจของระบบปฏิบัติการ');
    expect(readFileSync(join(dir, 'hospital.key.sealed'))).toEqual(before);
    expect(existsSync(join(dir, 'hospital.key'))).toBe(false);
  });
});
