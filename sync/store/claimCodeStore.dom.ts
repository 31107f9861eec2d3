/**
 * Writes an NHSO authen code on its visit in the page's store (main only queues the request: the clinical
 * records are the page's). A revision that another station's sync brought in between the read and the write is
 * read again once; a visit that is not in this store (yet) is reported, and the caller tries again later.
 */
import type { DataContext } from './dataContext.dom.js';
import { StoreError } from './dataContext.dom.js';
import { EncounterDoc } from '../model/encounter.std.js';
import { withClaimCode } from '../model/claimCode.std.js';
import { docId } from '../model/fhir.std.js';

export type ClaimCodeWrite = 'stored' | 'already' | 'missing';

export async function storeClaimCode(
  records: DataContext,
  encounterId: string,
  claimCode: string,
  context: { at: string; stationId: string },
): Promise<ClaimCodeWrite> {
  for (let attempt = 0; ; attempt += 1) {
    const stored = await records.get(docId('Encounter', encounterId));
    const parsed = EncounterDoc.safeParse(stored);
    if (stored === null || !parsed.success) return 'missing';
    const next = withClaimCode(parsed.data, claimCode, context.at, context.stationId);
    if (next === null) return 'already';
    try {
      await records.save(next);
      return 'stored';
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'conflict' || attempt > 0) throw error;
    }
  }
}
