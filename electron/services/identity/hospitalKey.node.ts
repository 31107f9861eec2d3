/**
 * The hospital key behind every Patient id and audit subject hash (HMAC-SHA256 of the CID). All stations of a
 * hospital must share it, so two stations registering the same person offline make one Patient id (a
 * conflict), never two patients. Central provisioning creates it once per hospital; until this station has
 * fetched it, a station-local key is made so the station still works, and the doctor warns.
 * In the app the key is sealed by the OS keystore (Electron safeStorage: DPAPI, Keychain, libsecret/KWallet) in
 * `hospital.key.sealed`; a plain 0600 `hospital.key` is only for browser mode, CLIs and a Linux desktop with no
 * keyring (the doctor says which). A plain key found where a keystore is available is sealed and removed.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { hashCid, hexToKey, newHospitalKeyHex, patientIdForCid } from '../../../sync/model/ids.std.js';
import type { KeyInfo, KeySource } from '../../contract/identity.std.js';
import type { Check } from '../doctor/doctor.node.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

const KeyFile = z.object({ keyHex: z.string().regex(/^[0-9a-f]{64}$/), source: z.enum(['central', 'local']) });

/** Not a person: 13 zeros, hashed only to compare or name keys without reading either. */
const FINGERPRINT_INPUT = '0000000000000';

/** Thrown when the key file exists but is not a key this app wrote (damaged disk, hand edit). */
export class HospitalKeyFileError extends Error {
  readonly code: 'identity_key_corrupt' | 'identity_key_locked';
  constructor(message: string, code: 'identity_key_corrupt' | 'identity_key_locked' = 'identity_key_corrupt') {
    super(message);
    this.code = code;
  }
}

/** The OS keystore as the key needs it (synchronous: the key is read before anything else starts). */
export interface KeySealer {
  /** A real OS-backed store (never Linux's basic_text fallback). */
  available(): boolean;
  seal(text: string): Buffer;
  open(data: Buffer): string;
}

export type KeyStorage = 'os-keystore' | 'file';

function parseKey(text: () => string, file: string): z.infer<typeof KeyFile> {
  let parsed: ReturnType<typeof KeyFile.safeParse>;
  try {
    parsed = KeyFile.safeParse(JSON.parse(text()));
  } catch (error) {
    if (error instanceof HospitalKeyFileError) throw error;
    throw new HospitalKeyFileError(`${file} cannot be read as a hospital key: ${errorMessage(error)}`);
  }
  if (!parsed.success) throw new HospitalKeyFileError(`${file} is not a hospital key this app wrote`);
  return parsed.data;
}

export function keyFingerprint(key: Uint8Array): string {
  return hashCid(key, FINGERPRINT_INPUT).slice(0, 16);
}

export class HospitalKey {
  readonly #plainFile: string;
  readonly #sealedFile: string;
  readonly #sealer: KeySealer | null;
  #key: Uint8Array;
  #source: KeySource;
  readonly #listeners = new Set<(info: KeyInfo) => void>();

  constructor(dataDir: string, sealer?: KeySealer) {
    this.#plainFile = join(dataDir, 'hospital.key');
    this.#sealedFile = join(dataDir, 'hospital.key.sealed');
    this.#sealer = sealer !== undefined && sealer.available() ? sealer : null;
    // A key file that cannot be read is never replaced by a new key: that would give every patient
    // registered from now on a second id. The station stops with a clear error instead (startupFailure).
    const stored = this.#read();
    if (stored !== null) {
      this.#key = hexToKey(stored.keyHex);
      this.#source = stored.source;
      // a plain key where the OS keystore works: sealed first, the plain file removed after
      if (this.#sealer !== null && existsSync(this.#plainFile)) {
        this.#write(stored.keyHex, stored.source);
        rmSync(this.#plainFile);
      }
    } else {
      const keyHex = newHospitalKeyHex((length) => new Uint8Array(randomBytes(length)));
      this.#write(keyHex, 'local');
      this.#key = hexToKey(keyHex);
      this.#source = 'local';
    }
  }

  /** Where the key is kept: sealed by the OS keystore, or a plain 0600 file. */
  get storage(): KeyStorage {
    return this.#sealer === null ? 'file' : 'os-keystore';
  }

  #read(): z.infer<typeof KeyFile> | null {
    if (existsSync(this.#sealedFile)) {
      const sealer = this.#sealer;
      if (sealer === null)
        throw new HospitalKeyFileError(
          `${this.#sealedFile} is sealed by an OS keystore this session cannot use`,
          'identity_key_locked',
        );
      return parseKey(() => {
        try {
          return sealer.open(readFileSync(this.#sealedFile));
        } catch (error) {
          throw new HospitalKeyFileError(
            `${this.#sealedFile} cannot be opened by the OS keystore: ${errorMessage(error)}`,
            'identity_key_locked',
          );
        }
      }, this.#sealedFile);
    }
    return existsSync(this.#plainFile) ? parseKey(() => readFileSync(this.#plainFile, 'utf8'), this.#plainFile) : null;
  }

  get source(): KeySource {
    return this.#source;
  }

  /** Names the key in use without revealing it: the same on every station holding the same key. */
  get fingerprint(): string {
    return keyFingerprint(this.#key);
  }

  info(): KeyInfo {
    return { keySource: this.#source, fingerprint: this.fingerprint };
  }

  /** Called after the key in use changes (the page then merges patients written under the old key). */
  onChange(listener: (info: KeyInfo) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The key central provisioning made for the hospital, fetched by the sync service. */
  adoptCentral(keyHex: string): void {
    const before = this.fingerprint;
    this.#write(keyHex, 'central');
    this.#key = hexToKey(keyHex);
    this.#source = 'central';
    if (this.fingerprint !== before) for (const listener of this.#listeners) listener(this.info());
  }

  patientId(cid: string): string {
    return patientIdForCid(this.#key, cid);
  }

  cidHash(cid: string): string {
    return hashCid(this.#key, cid);
  }

  /** Atomic and durable: a temp file written and fsynced, renamed over the old one, the folder fsynced. */
  #write(keyHex: string, source: KeySource): void {
    const text = JSON.stringify({ keyHex, source });
    const file = this.#sealer === null ? this.#plainFile : this.#sealedFile;
    const temp = `${file}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, new Uint8Array(this.#sealer === null ? Buffer.from(text) : this.#sealer.seal(text)));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, file);
    if (process.platform !== 'win32') {
      const dir = openSync(dirname(file), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
  }
}

type Words = readonly [th: string, en: string];

function verdict(id: string, ok: boolean, good: Words, warn: Words): ReturnType<Check> {
  const [th, en] = ok ? good : warn;
  return { id, verdict: ok ? 'ok' : 'warn', th, en };
}

/** Where the key is kept, for IT: sealed by the OS keystore in the app, a plain file otherwise. */
export function hospitalKeyStorageCheck(key: HospitalKey): Check {
  return () =>
    verdict(
      'hospital-key-storage',
      key.storage === 'os-keystore',
      [
        'กุญแจรหัสผู้ป่วยถูกปิดผนึกด้วยที่เก็บกุญแจของระบบปฏิบัติการ',
        'The patient-id key is sealed by the operating system’s keystore.',
      ],
      [
        'กุญแจรหัสผู้ป่วยเก็บเป็นแฟ้มธรรมดา (สิทธิ์ 0600) เพราะไม่มีที่เก็บกุญแจของระบบ (โหมดเบราว์เซอร์ หรือ Linux ที่ไม่มี keyring): ใช้การเข้ารหัสทั้งดิสก์',
        'The patient-id key is a plain 0600 file: no OS keystore here (browser mode, or Linux without a keyring). Use full-disk encryption.',
      ],
    );
}

export function hospitalKeyCheck(key: HospitalKey): Check {
  return () =>
    verdict(
      'hospital-key',
      key.source === 'central',
      ['ใช้กุญแจรหัสผู้ป่วยของโรงพยาบาลจากส่วนกลางแล้ว', 'Using the hospital-wide patient-id key from central.'],
      [
        'ยังใช้กุญแจรหัสผู้ป่วยของเครื่องนี้เอง: ให้ซิงค์กับส่วนกลางก่อนเปิดหลายสถานี ไม่เช่นนั้นผู้ป่วยคนเดียวกันจะได้รหัสต่างกัน',
        'Still using this station’s own patient-id key: connect to central before running several stations, or one person gets different ids.',
      ],
    );
}
