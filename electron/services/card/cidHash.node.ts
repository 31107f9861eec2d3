/**
 * The one place a citizen id becomes the subject hash of the audit log and of the photo cache. The card service
 * takes it injected as `hashCid(cid) => string`, so sync can replace the default with the hospital-wide keyed
 * hash (sync/model ids) in the composition root without touching the card code.
 */
import { createHmac } from 'node:crypto';

export type HashCid = (cid: string) => string;

/** Default: hex HMAC-SHA256 under the station's own key (stable per station, useless off it). */
export function keyedCidHash(key: Uint8Array): HashCid {
  return function hashCid(cid: string): string {
    return createHmac('sha256', key).update(`th-cid:${cid}`).digest('hex');
  };
}
