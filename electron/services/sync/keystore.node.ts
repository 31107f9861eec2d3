/**
 * Where the station's central password is kept, behind one interface: a 0600 JSON file in the data folder
 * (dev/browser mode and CLIs), or the OS keystore through Electron's safeStorage (the app; see
 * safeStorageKeystore.main.ts), which encrypts the same JSON into a 0600 file. The password is read only by
 * the sync service in main: never logged, never in a command's output.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EdgeError } from '../../contract/result.std.js';

export const StoredCredentials = z.object({
  centralUrl: z.string(),
  username: z.string(),
  password: z.string().min(1),
});
export type StoredCredentials = z.infer<typeof StoredCredentials>;

export interface CredentialKeystore {
  readonly kind: 'file' | 'safeStorage';
  /** null when nothing is stored; throws EdgeError('sync_keystore_unavailable') when the store cannot be used. */
  read(): Promise<StoredCredentials | null>;
  write(credentials: StoredCredentials): Promise<void>;
  clear(): Promise<void>;
}

/** Written to a temp file with mode 0600 and renamed over, so a crash never leaves half a file. */
export function writePrivateFile(file: string, data: string): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, data, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(temp, 0o600);
  renameSync(temp, file);
}

function parse(text: string): StoredCredentials {
  const parsed = StoredCredentials.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new EdgeError(
      'sync_keystore_unavailable',
      'the stored central credentials are damaged; configure sync again',
    );
  return parsed.data;
}

export class FileKeystore implements CredentialKeystore {
  readonly kind = 'file';
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'sync-credentials.json');
  }

  read(): Promise<StoredCredentials | null> {
    if (!existsSync(this.file)) return Promise.resolve(null);
    try {
      return Promise.resolve(parse(readFileSync(this.file, 'utf8')));
    } catch (error) {
      return Promise.reject(
        error instanceof EdgeError
          ? error
          : new EdgeError('sync_keystore_unavailable', 'the stored central credentials could not be read'),
      );
    }
  }

  write(credentials: StoredCredentials): Promise<void> {
    writePrivateFile(this.file, JSON.stringify(credentials));
    return Promise.resolve();
  }

  clear(): Promise<void> {
    rmSync(this.file, { force: true });
    return Promise.resolve();
  }
}

/** What the encrypted keystore needs from Electron's safeStorage (a fake in tests). */
export interface SecretCipher {
  /** Linux: 'basic_text' means a hard-coded key, i.e. no protection; refused. */
  backend(): string;
  available(): Promise<boolean>;
  encrypt(text: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

export class EncryptedFileKeystore implements CredentialKeystore {
  readonly kind = 'safeStorage';
  readonly file: string;
  readonly #cipher: SecretCipher;

  constructor(dataDir: string, cipher: SecretCipher) {
    this.file = join(dataDir, 'sync-credentials.enc');
    this.#cipher = cipher;
  }

  async #usable(): Promise<void> {
    if (this.#cipher.backend() === 'basic_text') {
      throw new EdgeError(
        'sync_keystore_unavailable',
        "the OS keystore is safeStorage's basic_text fallback (no GNOME Keyring or KWallet): refused",
      );
    }
    if (!(await this.#cipher.available()))
      throw new EdgeError('sync_keystore_unavailable', 'the OS keystore is not available');
  }

  async read(): Promise<StoredCredentials | null> {
    if (!existsSync(this.file)) return null;
    await this.#usable();
    let text: string;
    try {
      text = await this.#cipher.decrypt(Buffer.from(readFileSync(this.file, 'utf8'), 'base64'));
    } catch {
      throw new EdgeError('sync_keystore_unavailable', 'the stored central credentials could not be decrypted');
    }
    return parse(text);
  }

  async write(credentials: StoredCredentials): Promise<void> {
    await this.#usable();
    // Base64 of the ciphertext: a text file like the others, still 0600.
    writePrivateFile(this.file, (await this.#cipher.encrypt(JSON.stringify(credentials))).toString('base64'));
  }

  clear(): Promise<void> {
    rmSync(this.file, { force: true });
    return Promise.resolve();
  }
}
