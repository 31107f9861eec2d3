// A bedside device reading charted by the nurse reaches central: the renderer's own confirmReading (main's
// devices.confirm answered by a stand-in) writes the Device and the Observations into a station store, the
// replicator pushes them, and central's validate_doc_update (the provisioned design document on pouchdb-server)
// accepts every one. Charting the same reading again, later and under another visit, writes nothing new.
// Under the former kept ids (`obs-dev-<inbox>-<LOINC>`, no content hash) central refused each Observation.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { upToDate } from './syncChecks.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import { hasContentId } from '../../../sync/model/contentId.std.js';
import { readingObservationPrefix } from '../../../sync/model/readingChart.std.js';
import type { InboxItem } from '../../../electron/contract/devices.std.js';
import { TEST_KEY, syntheticCard } from '../../factories/fhirFixtures.js';

const confirms: { id: string; chartedIds: string[] }[] = [];

vi.mock('../../../renderer/src/bridge/client.dom.js', () => {
  // Main's inbox as devices.confirm answers: the first confirm marks the reading, a later one finds it charted.
  const answer = (name: string, input: { id: string; chartedIds: string[] }): { ok: true; value: unknown } => {
    if (name !== 'devices.confirm') throw new Error(`unexpected command ${name}`);
    const earlier = confirms.some((confirm) => confirm.id === input.id);
    confirms.push(input);
    return { ok: true, value: { alreadyCharted: earlier, item: {} } };
  };
  return {
    invoke: (name: string, input: { id: string; chartedIds: string[] }) => Promise.resolve(answer(name, input)),
    invokeOrThrow: (name: string, input: { id: string; chartedIds: string[] }) =>
      Promise.resolve(answer(name, input).value),
  };
});

const { confirmReading, reconcilePending } = await import('../../../renderer/src/vitals/charting.dom.js');

const hcode = uniqueHcode();
let station: Station;

beforeAll(async () => {
  const account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station: 'vitals',
    stationPassword: 'pw-vitals-test',
  });
  station = await openStation({
    centralUrl: sharedCentralUrl(),
    hcode,
    user: account.stationUser,
    password: account.stationPassword,
    label: 'vitals',
  });
});
afterAll(async () => {
  await station.close();
});

function reading(patientId: string, receivedAt: string): InboxItem {
  return {
    id: `${Date.parse(receivedAt).toString(36).padStart(9, '0')}-0a1b2c3d4e`,
    receivedAt,
    port: '/dev/ttyUSB0',
    profile: 'omron-hbp9030',
    status: 'pending',
    patientRef: patientId,
    arrival: { patientRef: patientId, boundAt: receivedAt },
    subject: null,
    subjectOverride: null,
    reading: {
      profile: 'omron-hbp9030',
      at: receivedAt,
      values: [
        { code: '8480-6', value: 131, unit: 'mm[Hg]' },
        { code: '8462-4', value: 84, unit: 'mm[Hg]' },
        { code: '8867-4', value: 77, unit: '/min' },
      ],
      raw: '',
    },
    errorCode: null,
    chartedIds: [],
    discardReason: null,
    skipped: [],
    updatedAt: receivedAt,
  };
}

async function onCentral(id: string): Promise<number> {
  const answer = await requestJson(`${sharedCentralUrl()}/${databaseName(hcode)}/${encodeURIComponent(id)}`, {
    headers: { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) },
  });
  return answer.status;
}

describe('a device reading charted by the nurse', () => {
  it('reaches central (accepted by validate_doc_update), and charting it again writes nothing new', async () => {
    const now = Date.now();
    const receivedAt = new Date(now - 60_000).toISOString();
    const card = syntheticCard(714);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const encounterId = station.newId();
    const context = { hcode, stationId: station.user };
    await station.store.save(
      patientFromCard(card, { patientId, hcode, source: 'card', stationId: station.user, at: receivedAt }),
    );
    await station.store.save(
      newVisit({ encounterId, patientId, hcode, stationId: station.user, at: receivedAt, queueNumber: 'V-001' }),
    );
    const item = reading(patientId, receivedAt);

    const charted = await confirmReading(station.store, item, {
      ...context,
      patientId,
      encounterId,
      at: new Date(now).toISOString(),
    });
    expect(charted.alreadyCharted).toBe(false);
    expect(charted.observationIds).toHaveLength(2);
    for (const id of charted.observationIds) expect(id.startsWith(readingObservationPrefix(item.id))).toBe(true);
    for (const id of charted.observationIds)
      expect(hasContentId((await station.store.get(`Observation/${id}`)) ?? {})).toBe(true);

    await station.replicator.start();
    const report = await station.waitFor(
      (current) => upToDate(current) || current.rejections.length > 0,
      'up to date or a refusal',
    );
    expect(report.rejections).toEqual([]);
    for (const id of charted.observationIds) expect(await onCentral(`Observation/${id}`), id).toBe(200);

    // Confirmed again (the answer to the first confirm lost), an hour later with the visit no longer bound:
    // the same Observations, nothing new in the store, and the reconcile on load finds them too.
    const again = await confirmReading(station.store, item, {
      ...context,
      patientId,
      at: new Date(now + 3_600_000).toISOString(),
    });
    expect(again.alreadyCharted).toBe(true);
    expect([...again.observationIds].sort()).toEqual([...charted.observationIds].sort());
    expect(await station.store.observationIdsStartingWith(readingObservationPrefix(item.id))).toEqual(
      [...charted.observationIds].sort(),
    );
    expect(await reconcilePending(station.store, [item])).toBe(1);
    expect(confirms.at(-1)?.chartedIds.sort()).toEqual([...charted.observationIds].sort());
  });
});
