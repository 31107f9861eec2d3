/** Handlers of the identity feature: CID → Patient id and audit subject hash, key kept in main. */
import type { Handlers } from '../dispatcher.node.js';
import type { HospitalKey } from './hospitalKey.node.js';

export function identityHandlers(key: HospitalKey): Pick<Handlers, 'identity.patientId'> {
  return {
    'identity.patientId': function patientIdOfCid(input) {
      return { patientId: key.patientId(input.cid), cidHash: key.cidHash(input.cid), keySource: key.source };
    },
  };
}
