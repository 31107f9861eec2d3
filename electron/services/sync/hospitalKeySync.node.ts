/**
 * After each successful login: fetch the hospital key from `clinic_<hcode>_secrets` and adopt it, so Patient
 * ids are the same on every station of the hospital. Non-fatal: on failure the station keeps its key and the
 * next successful probe tries again. Audited whenever the key in use changes; the key itself is never logged.
 */
import { z } from 'zod';
import { hexToKey } from '../../../sync/model/ids.std.js';
import { keyFingerprint } from '../identity/hospitalKey.node.js';
import { HOSPITAL_KEY_DOC, secretsDatabaseName } from '../../../sync/central/designDocs.std.js';
import type { HospitalKey } from '../identity/hospitalKey.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { CentralSession } from './centralSession.node.js';
import { CentralFailure, failureCode } from './centralRequest.node.js';

const KeyDoc = z.object({ key: z.string().regex(/^[0-9a-f]{64}$/) });

export type KeyOutcome = 'adopted' | 'unchanged' | 'failed';

export class HospitalKeySync {
  readonly #key: HospitalKey;
  readonly #audit: AuditLog;
  readonly #log: Logger;
  #settled = false;

  constructor(key: HospitalKey, audit: AuditLog, log: Logger) {
    this.#key = key;
    this.#audit = audit;
    this.#log = log;
  }

  /** True once this run has the central key in use; later probes then skip the fetch. */
  get settled(): boolean {
    return this.#settled;
  }

  async sync(session: CentralSession, hcode: string): Promise<KeyOutcome> {
    try {
      const answer = await session.get(`/${secretsDatabaseName(hcode)}/${HOSPITAL_KEY_DOC}`);
      if (answer.status !== 200)
        throw new CentralFailure(
          answer.status === 404 ? 'sync_hospital_key_missing' : failureCode(null, answer.status),
          `hospital key: HTTP ${answer.status}`,
          answer.status,
        );
      const doc = KeyDoc.safeParse(JSON.parse(answer.text));
      if (!doc.success)
        throw new CentralFailure('sync_hospital_key_missing', 'the hospital key document on central is malformed');
      const same = this.#key.source === 'central' && this.#key.fingerprint === keyFingerprint(hexToKey(doc.data.key));
      this.#settled = true;
      if (same) return 'unchanged';
      const previous = this.#key.source;
      this.#key.adoptCentral(doc.data.key);
      this.#audit.append({
        actor: 'system',
        action: 'sync.hospital_key_adopted',
        detail: { previousSource: previous, hcode },
      });
      this.#log.info({ previousSource: previous }, 'hospital key adopted from central');
      return 'adopted';
    } catch (error) {
      this.#log.warn({ code: failureCode(error) }, 'hospital key not fetched; will retry on the next successful probe');
      return 'failed';
    }
  }
}
