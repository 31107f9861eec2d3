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

/** mulberry32: a small seeded generator, so a failing run repeats with the seed it printed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function testSeed(): number {
  const fromEnv = Number(process.env['EDGE_TEST_SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 20_261_123;
}

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
export async function writeVisits(station: Station, hcode: string, first: number, count: number, prefix: string, into: Set<string> = new Set()): Promise<Set<string>> {
  for (let n = first; n < first + count; n += 1) {
    const docs = await visitDocs(station, hcode, n, `${prefix}-${String(n % 1000).padStart(3, '0')}`);
    const results = await station.store.saveAll(docs);
    // Added as each write is acknowledged, so a caller whose store closes mid-way knows what was promised.
    for (const result of results) if (!(result instanceof StoreError)) into.add(result.id);
  }
  return into;
}
