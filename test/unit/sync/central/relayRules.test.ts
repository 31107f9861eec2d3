// The hub's relay role (issue 15 §1) in central's validate_doc_update, called as CouchDB calls it: a relay passes
// on its hospital's stations' records with their own authors, and every other rule still holds for it.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clinicDesignDoc,
  DEMO_TAG,
  STATION_NAME,
  relayRole,
  relayUserName,
  stationRole,
} from '../../../../sync/central/designDocs.std.js';
import { vitalSignObservations, type ObservationDoc } from '../../../../sync/model/observation.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { testIdFactory } from '../../../factories/fhirFixtures.js';

const HCODE = '10953';
const A = `st-${HCODE}-a`;
const RELAY = relayUserName(HCODE);
const at = '2025-06-01T08:00:00.000Z';
type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
const validate = runInNewContext(`(${clinicDesignDoc(HCODE).validate_doc_update})`) as Validate;

function refusal(newDoc: unknown, oldDoc: unknown, user: { name: string; roles: string[] }): string | null {
  try {
    validate(JSON.parse(JSON.stringify(newDoc)), oldDoc === null ? null : JSON.parse(JSON.stringify(oldDoc)), user, {});
    return null;
  } catch (error) {
    const forbidden = (error as { forbidden?: unknown }).forbidden;
    if (typeof forbidden !== 'string') throw error;
    return forbidden;
  }
}

const relay = { name: RELAY, roles: [relayRole(HCODE)] };
const station = { name: A, roles: [stationRole(HCODE)] };

function visitBy(author: string, hcode = HCODE) {
  return newVisit({
    encounterId: testIdFactory(author)(),
    patientId: 'p1',
    hcode,
    stationId: author,
    at,
    queueNumber: 'A-001',
  });
}

function heartRate(author: string): ObservationDoc {
  const [doc] = vitalSignObservations([{ code: '8867-4', value: 70, unit: '/min' }], {
    patientId: 'p1',
    stationId: author,
    effective: at,
    at,
    newId: testIdFactory(author),
  });
  if (doc === undefined) throw new Error('no observation');
  return doc;
}

describe('the hub relay role on central', () => {
  it("passes on any station's record of its hospital with the station still its author", () => {
    expect(refusal(visitBy(A), null, relay)).toBeNull();
    expect(refusal(visitBy(`st-${HCODE}-ward-2`), null, relay)).toBeNull();
    expect(refusal(heartRate(`st-${HCODE}-b`), null, relay)).toBeNull();
  });

  it('refuses a record authored by anything but a station of its hospital', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        fc.pre(!(name.startsWith(`st-${HCODE}-`) && STATION_NAME.test(name.slice(`st-${HCODE}-`.length))));
        expect(refusal(visitBy(name), null, relay)).toMatch(/relay/);
      }),
      { numRuns: 300 },
    );
    expect(refusal(visitBy(RELAY), null, relay)).toMatch(/relay/);
    expect(refusal(visitBy(`st-11111-a`), null, relay)).toMatch(/relay/);
    expect(refusal(visitBy(`st-${HCODE}-a\nx`), null, relay)).toMatch(/relay/);
    const { meta: _meta, ...noMeta } = visitBy(A);
    expect(refusal(noMeta, null, relay)).toMatch(/relay/);
  });

  it('keeps every other rule for the relay: other hospitals, design documents, demo, kept records, immutable observations', () => {
    expect(
      refusal({ ...visitBy(A, '11111'), serviceProvider: { identifier: { value: '11111' } } }, null, relay),
    ).not.toBeNull();
    expect(refusal({ _id: '_design/clinic', validate_doc_update: 'function () {}' }, null, relay)).toMatch(
      /admins only/,
    );
    const visit = visitBy(A);
    expect(refusal({ ...visit, meta: { ...visit.meta, tag: [DEMO_TAG] } }, null, relay)).toMatch(/demo/);
    expect(
      refusal(
        { _id: visit._id, _rev: '2-x', _deleted: true, resourceType: 'Encounter' },
        { ...visit, _rev: '1-a' },
        relay,
      ),
    ).toMatch(/never deleted/);
    const observation = heartRate(A);
    expect(
      refusal({ ...observation, valueQuantity: { ...observation.valueQuantity, value: 140 } }, null, relay),
    ).toMatch(/immutable/);
  });

  it('does not widen what a station may write: a station still writes as itself only', () => {
    expect(refusal(visitBy(A), null, station)).toBeNull();
    expect(refusal(visitBy(`st-${HCODE}-b`), null, station)).toMatch(/author/);
    expect(refusal(visitBy(A), null, { name: 'someone', roles: ['clinic_relay_11111'] })).toMatch(/not a station/);
  });
});
