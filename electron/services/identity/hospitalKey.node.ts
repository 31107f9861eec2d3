/**
 * The hospital key behind every Patient id and audit subject hash (HMAC-SHA256 of the CID). All stations of a
 * hospital must share it, so two stations registering the same person offline make one Patient id (a
 * conflict), never two patients. Central provisioning creates it once per hospital; until this station has
 * fetched it, a station-local key is made so the station still works, and the doctor warns.
 * Kept in a 0600 file under the data folder (the Electron build may move it into safeStorage).
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { hashCid, hexToKey, newHospitalKeyHex, patientIdForCid } from '../../../sync/model/ids.std.js';
import type { KeyInfo, KeySource } from '../../contract/identity.std.js';
import type { Check } from '../doctor/doctor.node.js';

const KeyFile = z.object({ keyHex: z.string().regex(/^[0-9a-f]{64}$/), source: z.enum(['central', 'local']) });

/** Not a person: 13 zeros, hashed only to compare or name keys without reading either. */
const FINGERPRINT_INPUT = '0000000000000';

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
    const stored = existsSync(this.#file) ? KeyFile.safeParse(JSON.parse(readFileSync(this.#file, 'utf8'))) : null;
    if (stored?.success === true) {
      this.#key = hexToKey(stored.data.keyHex);
      this.#source = stored.data.source;
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

  #write(keyHex: string, source: KeySource): void {
    const temp = `${this.#file}.tmp`;
    writeFileSync(temp, JSON.stringify({ keyHex, source }), { mode: 0o600 });
    if (process.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, this.#file);
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
