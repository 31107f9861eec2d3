// Synthetic visits for the sync fault tests (invented people, valid CID checksums): a Patient from a card read
// (with the photo attachment), an Encounter and two Observations, written through the station's DataContext.
import type { Station } from './station.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import type { StoredDoc } from '../../../sync/model/documents.std.js';
import { StoreError } from '../../../sync/store/dataContext.dom.js';
import { TEST_KEY, syntheticCard } from '../../factories/fhirFixtures.js';

/** The documents of one visit of card `n` at the station's clock. */
export async function visitDocs(station: Station, hcode: string, n: number, queue: string): Promise<StoredDoc[]> {
  const card = syntheticCard(n);
  const patientId = patientIdForCid(TEST_KEY, card.cid);
  const at = new Date(station.now()).toISOString();
  const existing = await station.store.patientById(patientId);
  const encounterId = station.newId();
  return [
    patientFromCard(card, { patientId, hcode, stationId: station.user, at, source: 'card', existing }),
    newVisit({ encounterId, patientId, hcode, stationId: station.user, at, queueNumber: queue }),
    ...vitalSignObservations(
      [
        { code: '8867-4', value: 60 + (n % 40), unit: '/min' },
        { code: '8310-5', value: 36.5, unit: 'Cel' },
      ],
      { patientId, encounterId, stationId: station.user, effective: at, at, newId: station.newId },
    ),
  ];
}

/**
 * Writes visits of cards `first`..`first+count-1` in one bulk write each; adds the ids the store
 * acknowledged to `into` and returns it (a write that failed is not acknowledged: the caller saw the error, nothing was promised).
 */
export async function writeVisits(
  station: Station,
  hcode: string,
  first: number,
  count: number,
  prefix: string,
  into: Set<string> = new Set(),
): Promise<Set<string>> {
  for (let n = first; n < first + count; n += 1) {
    const docs = await visitDocs(station, hcode, n, `${prefix}-${String(n % 1000).padStart(3, '0')}`);
    const results = await station.store.saveAll(docs);
    // Added as each write is acknowledged, so a caller whose store closes mid-way knows what was promised.
    for (const result of results) if (!(result instanceof StoreError)) into.add(result.id);
  }
  return into;
}
