// The station's central credentials at rest: a 0600 file, or safeStorage-encrypted with Linux's basic_text refused.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EncryptedFileKeystore,
  FileKeystore,
  type SecretCipher,
} from '../../../../../electron/services/sync/keystore.node.js';
import { EdgeError } from '../../../../../electron/contract/result.std.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-keystore-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const secret = {
  centralUrl: 'https://central.example.test',
  username: 'st-10670-opd-1',
  password: 'correct horse battery staple',
};

/** A reversible stand-in for safeStorage (XOR), with the Linux backend chosen by the test. */
function fakeCipher(backend: string, available = true): SecretCipher {
  const xor = (data: Buffer): Buffer => Buffer.from(data.map((byte) => byte ^ 0x5a));
  return {
    backend: () => backend,
    available: () => Promise.resolve(available),
    encrypt: (text) => Promise.resolve(xor(Buffer.from(text, 'utf8'))),
    decrypt: (data) => Promise.resolve(xor(data).toString('utf8')),
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof EdgeError ? error.code : 'other';
  }
}

describe('file keystore (browser/dev mode)', () => {
  it('round-trips and leaves a 0600 file', async () => {
    const store = new FileKeystore(tempDir());
    expect(await store.read()).toBeNull();
    await store.write(secret);
    expect(await store.read()).toEqual(secret);
    if (process.platform !== 'win32') expect(statSync(store.file).mode & 0o777).toBe(0o600);
    await store.clear();
    expect(await store.read()).toBeNull();
  });

  it('a damaged file is reported as sync_keystore_unavailable, never as a wrong password', async () => {
    const store = new FileKeystore(tempDir());
    writeFileSync(store.file, '{"centralUrl":1}');
    expect(await codeOf(store.read())).toBe('sync_keystore_unavailable');
    writeFileSync(store.file, 'not json');
    expect(await codeOf(store.read())).toBe('sync_keystore_unavailable');
  });
});

describe('safeStorage keystore (the app)', () => {
  it('stores only ciphertext, 0600, and round-trips', async () => {
    const store = new EncryptedFileKeystore(tempDir(), fakeCipher('gnome_libsecret'));
    await store.write(secret);
    expect(readFileSync(store.file).toString('utf8')).not.toContain(secret.password);
    if (process.platform !== 'win32') expect(statSync(store.file).mode & 0o777).toBe(0o600);
    expect(await store.read()).toEqual(secret);
  });

  it("refuses Linux's basic_text fallback for writing and reading", async () => {
    const dir = tempDir();
    await new EncryptedFileKeystore(dir, fakeCipher('kwallet5')).write(secret);
    const weak = new EncryptedFileKeystore(dir, fakeCipher('basic_text'));
    expect(await codeOf(weak.write(secret))).toBe('sync_keystore_unavailable');
    expect(await codeOf(weak.read())).toBe('sync_keystore_unavailable');
  });

  it('refuses when the OS store is unavailable', async () => {
    const store = new EncryptedFileKeystore(tempDir(), fakeCipher('os', false));
    expect(await codeOf(store.write(secret))).toBe('sync_keystore_unavailable');
  });
});
