/** Handlers of the identity feature: CID → Patient id and audit subject hash, key kept in main; merges audited. */
import type { Handlers } from '../dispatcher.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { HospitalKey } from './hospitalKey.node.js';

export function identityHandlers(
  key: HospitalKey,
  audit: AuditLog,
): Pick<Handlers, 'identity.patientId' | 'identity.keyInfo' | 'identity.recordMerges'> {
  return {
    'identity.patientId': function patientIdOfCid(input) {
      return { patientId: key.patientId(input.cid), cidHash: key.cidHash(input.cid), keySource: key.source };
    },
    'identity.keyInfo': function keyInfo() {
      return key.info();
    },
    'identity.recordMerges': function recordMerges(input) {
      for (const merge of input.merges)
        audit.append({
          action: 'identity.patient_merged',
          detail: { replacedId: merge.replacedId, survivorId: merge.survivorId },
        });
      return { recorded: input.merges.length };
    },
  };
}
