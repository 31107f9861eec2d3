// A patient with one visit (Encounter and a pulse Observation) dated `daysAgo` days before now, written by a
// test station: the working-set tests' unit of history.
import type { Station } from '../../integration/sync/station.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import type { StoredDoc } from '../../../sync/model/documents.std.js';
import { TEST_KEY, syntheticCard } from '../fhirFixtures.js';

const DAY_MS = 86_400_000;

/** A visit (Encounter and one Observation) of card `n`, `daysAgo` days before now, with the patient. */
export function datedVisit(
  writer: Pick<Station, 'user' | 'newId'>,
  hcode: string,
  n: number,
  daysAgo: number,
  queue: string,
): StoredDoc[] {
  const card = syntheticCard(n);
  const patientId = patientIdForCid(TEST_KEY, card.cid);
  const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  const encounterId = writer.newId();
  return [
    patientFromCard(card, { patientId, hcode, stationId: writer.user, at, source: 'card' }),
    newVisit({ encounterId, patientId, hcode, stationId: writer.user, at, queueNumber: queue }),
    ...vitalSignObservations([{ code: '8867-4', value: 70, unit: '/min' }], {
      patientId,
      encounterId,
      stationId: writer.user,
      effective: at,
      at,
      newId: writer.newId,
    }),
  ];
}

/** The ids of one type among `docs`. */
export const idsOf = (docs: readonly StoredDoc[], type: string): string[] =>
  docs.filter((doc) => doc.resourceType === type).map((doc) => doc._id);
