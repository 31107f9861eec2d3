// Central's validate_doc_update run as CouchDB runs it, including the calls pouchdb-server never makes: a
// foreign branch pushed with new_edits=false reaches the rule with oldDoc = null. And the ES5 content hash
// central computes, held equal to the model's on generated records.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clinicDesignDoc, DEMO_TAG, stationRole } from '../../../../sync/central/designDocs.std.js';
import { contentHashSource } from '../../../../sync/central/contentHashSource.std.js';
import { contentHash, hasContentId } from '../../../../sync/model/contentId.std.js';
import { enteredInError, vitalSignObservations, type ObservationDoc } from '../../../../sync/model/observation.std.js';
import { conflictArchive } from '../../../../sync/model/auditEvent.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { TINY_JPEG_BASE64, testIdFactory } from '../../../factories/fhirFixtures.js';
import { photoMedia } from '../../../../sync/model/media.std.js';
import { planReadingChart } from '../../../../sync/model/readingChart.std.js';

const HCODE = '10953';
const A = `st-${HCODE}-a`;
const B = `st-${HCODE}-b`;
const at = '2025-06-01T08:00:00.000Z';
type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
const validate = runInNewContext(`(${clinicDesignDoc(HCODE).validate_doc_update})`) as Validate;
const esContentHash = runInNewContext(`(function () { ${contentHashSource}; return contentHash; })()`) as (
  doc: unknown,
) => string;

/** The refusal text, or null when the rule lets the write through. */
function refusal(newDoc: unknown, oldDoc: unknown, user = B): string | null {
  try {
    validate(
      JSON.parse(JSON.stringify(newDoc)),
      oldDoc === null ? null : JSON.parse(JSON.stringify(oldDoc)),
      { name: user, roles: [stationRole(HCODE)] },
      {},
    );
    return null;
  } catch (error) {
    const forbidden = (error as { forbidden?: unknown }).forbidden;
    if (typeof forbidden !== 'string') throw error;
    return forbidden;
  }
}

function heartRate(value: number, stationId = A): ObservationDoc {
  const [doc] = vitalSignObservations([{ code: '8867-4', value, unit: '/min' }], {
    patientId: 'p1',
    stationId,
    effective: at,
    at,
    newId: testIdFactory(stationId),
  });
  if (doc === undefined) throw new Error('no observation');
  return doc;
}

/** A made-up branch as `_bulk_docs new_edits=false` carries it: no common ancestor with what central holds. */
function foreignBranch<T extends object>(
  doc: T,
  generation: number,
): T & { _rev: string; _revisions: { start: number; ids: string[] } } {
  const ids = Array.from({ length: generation }, (_, index) => `f${String(index).padStart(31, '0')}`);
  return { ...doc, _rev: `${generation}-${ids[0] ?? ''}`, _revisions: { start: generation, ids } };
}

describe('central content hash', () => {
  it('equals the model hash on generated records (unicode, nesting, key order)', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme' }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
    }));
    fc.assert(
      fc.property(
        fc.constantFrom('Observation', 'AuditEvent', 'Media'),
        json.object,
        fc.string({ maxLength: 30 }),
        (resourceType, body, lastUpdated) => {
          const doc = {
            ...body,
            resourceType,
            id: 'x',
            meta: { lastUpdated, source: 's', tag: [body] },
            status: 'final',
          };
          expect(esContentHash(JSON.parse(JSON.stringify(doc)))).toBe(
            contentHash(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives observations and audit events ids that carry the hash', () => {
    expect(hasContentId(heartRate(70))).toBe(true);
    const archive = conflictArchive({
      id: testIdFactory()(),
      stationId: A,
      hcode: HCODE,
      at,
      target: 'Patient/p1',
      losers: [{ a: 1 }],
      rule: 'patient-fieldwise',
    });
    expect(hasContentId(archive)).toBe(true);
    expect(archive.id).toMatch(/^[0-9a-v]{22}-[0-9a-f]{40}$/);
  });

  it("lets a device reading's Observations through: content ids that start with the inbox id (kept ids were refused)", () => {
    const values = [
      { code: '8480-6', value: 131, unit: 'mm[Hg]' },
      { code: '8462-4', value: 84, unit: 'mm[Hg]' },
      { code: '59408-5', value: 97, unit: '%' },
    ];
    const item = {
      id: '0mxbxozvw-0a1b2c3d4e',
      port: '/dev/ttyUSB0',
      profile: 'omron-hbp9030',
      patientRef: 'p1',
      reading: { at, values },
    };
    const chart = planReadingChart(item, {
      patientId: 'p1',
      encounterId: 'e1',
      hcode: HCODE,
      stationId: A,
      at: '2025-06-01T08:05:00.000Z',
    });
    expect(chart.observations).toHaveLength(2);
    for (const observation of chart.observations) expect(refusal(observation, null, A)).toBeNull();
  });
});

describe('central validate_doc_update', () => {
  it('refuses deleting a Patient or Encounter, whatever revision it names', () => {
    const visit = newVisit({
      encounterId: testIdFactory(A)(),
      patientId: 'p1',
      hcode: HCODE,
      stationId: A,
      at,
      queueNumber: 'A-001',
    });
    expect(
      refusal({ _id: visit._id, _rev: '2-x', _deleted: true, resourceType: 'Encounter' }, { ...visit, _rev: '1-a' }),
    ).toMatch(/never deleted/);
    expect(refusal({ _id: 'Patient/p1', _rev: '2-x', _deleted: true, resourceType: 'Patient' }, null)).toMatch(
      /never deleted/,
    );
  });

  it('lets a deletion carry its resourceType and nothing else', () => {
    expect(
      refusal({ _id: 'totally-arbitrary-id', _deleted: true, resourceType: 'Nope', padding: 'x'.repeat(2000) }, null),
    ).not.toBeNull();
    expect(refusal({ _id: 'totally-arbitrary-id', _deleted: true }, null)).toMatch(/resourceType required/);
    expect(refusal({ _id: 'Device/d1', _deleted: true, resourceType: 'Device', note: 'x' }, null)).toMatch(
      /nothing else/,
    );
    expect(refusal({ _id: 'Patient/d1', _deleted: true, resourceType: 'Device' }, null)).toMatch(/resourceType\/id/);
    expect(refusal({ _id: 'Device/d1', _rev: '2-b', _deleted: true, resourceType: 'Device' }, null)).toBeNull();
  });

  it('takes a photo once and refuses another body, a change or a deletion under its id (issue 15: photos are Media records)', () => {
    const photo = photoMedia(TINY_JPEG_BASE64, {
      patientId: 'p1',
      stationId: B,
      at,
      source: 'card',
      timeId: testIdFactory(B)(),
    });
    expect(refusal(photo, null)).toBeNull();
    const { _attachments: _bytes, ...body } = photo;
    expect(refusal(foreignBranch({ ...body, subject: { reference: 'Patient/p2' } }, 2), null)).toMatch(/immutable/);
    expect(refusal({ ...photo, _rev: '2-b' }, { ...photo, _rev: '1-a' })).toMatch(/never changed/);
    expect(
      refusal({ _id: photo._id, _rev: '2-b', _deleted: true, resourceType: 'Media' }, { ...photo, _rev: '1-a' }),
    ).toMatch(/never deleted/);
  });

  it('refuses another body under an observation id on a foreign branch (oldDoc null)', () => {
    const original = heartRate(70);
    const forged = foreignBranch(
      {
        ...original,
        valueQuantity: { ...original.valueQuantity, value: 140 },
        meta: { ...original.meta, source: `urn:clinic-edge:station:${B}` },
      },
      3,
    );
    expect(refusal(forged, null)).toMatch(/immutable/);
  });

  it('refuses un-marking entered-in-error on a foreign branch: only the first revision is ever not entered-in-error', () => {
    const original = heartRate(70);
    const again = foreignBranch({ ...original, meta: { ...original.meta, source: `urn:clinic-edge:station:${B}` } }, 5);
    expect(refusal(again, null)).toMatch(/first revision/);
    expect(
      refusal(
        foreignBranch({ ...original, meta: { ...original.meta, source: `urn:clinic-edge:station:${B}` } }, 1),
        null,
      ),
    ).toBeNull();
  });

  it('lets entered-in-error change only status and who/when', () => {
    const original = heartRate(70);
    const voided = enteredInError(original, '2025-06-01T09:00:00.000Z', B);
    expect(refusal({ ...voided, _rev: '1-a' }, { ...original, _rev: '1-a' })).toBeNull();
    expect(refusal({ ...voided, _rev: '1-a', note: [{ text: 'changed' }] }, { ...original, _rev: '1-a' })).toMatch(
      /immutable/,
    );
    expect(
      refusal(
        { ...original, _rev: '1-a', meta: { ...original.meta, source: `urn:clinic-edge:station:${B}` } },
        { ...original, _rev: '1-a' },
      ),
    ).toMatch(/entered-in-error/);
  });

  it('never lets an observation be deleted or come back', () => {
    const original = heartRate(70);
    const voided = enteredInError(original, at, B);
    expect(
      refusal(
        { _id: original._id, _rev: '2-a', _deleted: true, resourceType: 'Observation' },
        { ...voided, _rev: '2-a' },
      ),
    ).toMatch(/never deleted/);
    expect(
      refusal(
        { ...original, meta: { ...original.meta, source: `urn:clinic-edge:station:${B}` } },
        { _id: original._id, _rev: '3-a', _deleted: true },
      ),
    ).toMatch(/cannot come back/);
  });

  it('refuses any change to an audit event, on a foreign branch too', () => {
    const archive = conflictArchive({
      id: testIdFactory(A)(),
      stationId: A,
      hcode: HCODE,
      at,
      target: 'Patient/p1',
      losers: [{ a: 1 }],
      rule: 'patient-fieldwise',
    });
    expect(refusal(archive, null, A)).toBeNull();
    expect(refusal(foreignBranch({ ...archive, outcomeDesc: 'rewritten' }, 2), null, A)).toMatch(/immutable/);
    expect(refusal({ ...archive, _rev: '1-a' }, { ...archive, _rev: '1-a' }, A)).toMatch(/never changed/);
  });

  it('refuses records tagged demo', () => {
    const visit = newVisit({
      encounterId: testIdFactory(B)(),
      patientId: 'p1',
      hcode: HCODE,
      stationId: B,
      at,
      queueNumber: 'B-001',
    });
    expect(refusal(visit, null)).toBeNull();
    expect(refusal({ ...visit, meta: { ...visit.meta, tag: [...(visit.meta.tag ?? []), DEMO_TAG] } }, null)).toMatch(
      /demo/,
    );
  });
});
