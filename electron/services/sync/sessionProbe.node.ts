/** One probe of a CouchDB the station logs in to (central or the hospital hub): reachability, round trip, a session that still holds. */
import { failureCode } from './centralRequest.node.js';
import type { CentralSession } from './centralSession.node.js';
import type { ProbeRecord } from './syncStore.node.js';

export async function probeSession(session: CentralSession, timeoutMs: number): Promise<ProbeRecord> {
  const at = new Date().toISOString();
  try {
    const check = await session.check(timeoutMs);
    const record: ProbeRecord = {
      at,
      reachable: true,
      up: true,
      errorCode: null,
      rttMs: Math.round(check.rttMs * 10) / 10,
    };
    if (check.valid) return record;
    try {
      await session.open();
      return record;
    } catch (error) {
      return { ...record, up: false, errorCode: failureCode(error) };
    }
  } catch (error) {
    return { at, reachable: false, up: false, errorCode: failureCode(error), rttMs: null };
  }
}
