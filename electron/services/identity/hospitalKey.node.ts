/**
 * The hospital key behind every Patient id and audit subject hash (HMAC-SHA256 of the CID). All stations of a
 * hospital must share it, so two stations registering the same person offline make one Patient id (a
 * conflict), never two patients. Central provisioning creates it once per hospital; until this station has
 * fetched it, a station-local key is made so the station still works, and the doctor warns.
 * Kept in a 0600 file under the data folder (the Electron build may move it into safeStorage).
 */
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { hashCid, hexToKey, newHospitalKeyHex, patientIdForCid } from '../../../sync/model/ids.std.js';
import type { KeyInfo, KeySource } from '../../contract/identity.std.js';
import type { Check } from '../doctor/doctor.node.js';

const KeyFile = z.object({ keyHex: z.string().regex(/^[0-9a-f]{64}$/), source: z.enum(['central', 'local']) });

/** Not a person: 13 zeros, hashed only to compare or name keys without reading either. */
const FINGERPRINT_INPUT = '0000000000000';

/** Thrown when the key file exists but is not a key this app wrote (damaged disk, hand edit). */
export class HospitalKeyFileError extends Error {
  readonly code = 'identity_key_corrupt';
}

function readKeyFile(file: string): z.infer<typeof KeyFile> {
  let parsed: ReturnType<typeof KeyFile.safeParse>;
  try {
    parsed = KeyFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new HospitalKeyFileError(`${file} cannot be read as a hospital key: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!parsed.success) throw new HospitalKeyFileError(`${file} is not a hospital key this app wrote`);
  return parsed.data;
}

export function keyFingerprint(key: Uint8Array): string {
  return hashCid(key, FINGERPRINT_INPUT).slice(0, 16);
}

export class HospitalKey {
  readonly #file: string;
  #key: Uint8Array;
  #source: KeySource;
  readonly #listeners = new Set<(info: KeyInfo) => void>();

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'hospital.key');
    if (existsSync(this.#file)) {
      // A key file that cannot be read is never replaced by a new key: that would give every patient
      // registered from now on a second id. The station stops with a clear error instead (startupFailure).
      const stored = readKeyFile(this.#file);
      this.#key = hexToKey(stored.keyHex);
      this.#source = stored.source;
    } else {
      const keyHex = newHospitalKeyHex((length) => new Uint8Array(randomBytes(length)));
      this.#write(keyHex, 'local');
      this.#key = hexToKey(keyHex);
      this.#source = 'local';
    }
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
    const temp = `${this.#file}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify({ keyHex, source }));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, this.#file);
    if (process.platform !== 'win32') {
      const dir = openSync(dirname(this.#file), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
  }
}

export function hospitalKeyCheck(key: HospitalKey): Check {
  return function checkHospitalKey() {
    return key.source === 'central'
      ? { id: 'hospital-key', verdict: 'ok', th: 'ใช้กุญแจรหัสผู้ป่วยของโรงพยาบาลจากส่วนกลางแล้ว', en: 'Using the hospital-wide patient-id key from central.' }
      : {
          id: 'hospital-key',
          verdict: 'warn',
          th: 'ยังใช้กุญแจรหัสผู้ป่วยของเครื่องนี้เอง: ให้ซิงค์กับส่วนกลางก่อนเปิดหลายสถานี ไม่เช่นนั้นผู้ป่วยคนเดียวกันจะได้รหัสต่างกัน',
          en: 'Still using this station’s own patient-id key: connect to central before running several stations, or one person gets different ids.',
        };
  };
}
