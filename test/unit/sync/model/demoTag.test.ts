// A demo station's store tags everything it writes (Patient, Encounter, Observation and its correction,
// Device, the conflict archive AuditEvent and the merged revision); a real station's store tags nothing.
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../../sync/model/observation.std.js';
import { deviceDoc } from '../../../../sync/model/device.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { isDemoTagged, withDemoTag } from '../../../../sync/model/meta.std.js';
import { DEMO_TAG } from '../../../../sync/model/systems.std.js';
import type { Meta } from '../../../../sync/model/fhir.std.js';
import { resolveConflicts } from '../../../../sync/replication/resolver.dom.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

async function store(demo: boolean, label: string): Promise<DataContext> {
  const context = await DataContext.open(uniqueDbName(label), { demo });
  opened.push(context);
  return context;
}

/** Every live document in the database (conflict branches included), with whether it carries the demo tag. */
async function everyRevision(db: DataContext): Promise<{ id: string; demo: boolean }[]> {
  const all = await rawDb(db).allDocs({ include_docs: true, conflicts: true });
  const out: { id: string; demo: boolean }[] = [];
  for (const row of all.rows) {
    if (row.id.startsWith('_')) continue;
    const doc = row.doc as { meta?: Meta; _conflicts?: string[] } | undefined;
    out.push({ id: row.id, demo: isDemoTagged(doc?.meta) });
    for (const rev of doc?._conflicts ?? []) {
      const branch = await rawDb(db).get<{ meta?: Meta }>(row.id, { rev });
      out.push({ id: `${row.id}@${rev}`, demo: isDemoTagged(branch.meta) });
    }
  }
  return out;
}

async function writeADay(db: DataContext, stationId: string): Promise<void> {
  const newId = testIdFactory(stationId);
  const at = new Date().toISOString();
  const card = syntheticCard(51);
  const patientId = patientIdForCid(TEST_KEY, card.cid);
  await db.save(patientFromCard(card, { patientId, hcode: TEST_HCODE, stationId, at, source: 'card' }));
  await db.save(newVisit({ encounterId: newId(), patientId, hcode: TEST_HCODE, stationId, at, queueNumber: 'A-001' }));
  const device = deviceDoc({
    hcode: TEST_HCODE,
    stationId,
    at,
    profile: 'omron-hbp9030',
    serialOrPort: 'demo:omron-hbp9030',
    manufacturer: 'Omron',
  });
  const [temperature] = vitalSignObservations([{ code: '8310-5', value: 38.9, unit: 'Cel' }], {
    patientId,
    stationId,
    effective: at,
    at,
    newId,
  });
  if (temperature === undefined) throw new Error('no observation');
  await db.saveAll([device, temperature]);
  const stored = await db.get(temperature._id);
  if (stored?.resourceType !== 'Observation') throw new Error('not stored');
  const [fixed] = vitalSignObservations([{ code: '8310-5', value: 36.9, unit: 'Cel' }], {
    patientId,
    stationId,
    effective: at,
    at,
    newId,
  });
  if (fixed === undefined) throw new Error('no observation');
  await db.correctObservation(stored, [fixed], at, stationId);
}

describe('demo tag', () => {
  it('is added once, after the tags already there', () => {
    const coding = fc.record({
      system: fc.constantFrom('urn:clinic-edge:schema-version', 'urn:clinic-edge:entry-source', DEMO_TAG.system),
      code: fc.constantFrom('2', 'card', 'demo', 'x'),
    });
    fc.assert(
      fc.property(
        fc.option(fc.record({ tag: fc.option(fc.array(coding, { maxLength: 4 }), { nil: undefined }) }), {
          nil: undefined,
        }),
        (meta) => {
          const tagged = withDemoTag(meta);
          expect(isDemoTagged(tagged)).toBe(true);
          expect(withDemoTag(tagged)).toEqual(tagged);
          const before = meta?.tag ?? [];
          expect((tagged.tag ?? []).slice(0, before.length)).toEqual(before);
          const demoTags = (tags: readonly { system?: string; code?: string }[]) =>
            tags.filter((tag) => tag.system === DEMO_TAG.system && tag.code === DEMO_TAG.code).length;
          expect(demoTags(tagged.tag ?? [])).toBe(Math.max(1, demoTags(before)));
        },
      ),
    );
  });

  it('is on every record a demo station writes, and on none of a real station', async () => {
    const demo = await store(true, 'demo-tag');
    await writeADay(demo, 'st-99999-demo');
    const demoDocs = await everyRevision(demo);
    expect(demoDocs.map((doc) => doc.id.split('/')[0]).sort()).toEqual([
      'Device',
      'Encounter',
      'Observation',
      'Observation',
      'Patient',
    ]);
    expect(demoDocs.filter((doc) => !doc.demo)).toEqual([]);
    const real = await store(false, 'real-tag');
    await writeADay(real, 'st-99999-a');
    expect((await everyRevision(real)).filter((doc) => doc.demo)).toEqual([]);
  });

  it('is on the merged revision and the AuditEvent archive a demo station writes when it settles a conflict', async () => {
    const [a, b] = [await store(true, 'demo-conflict-a'), await store(true, 'demo-conflict-b')];
    const card = syntheticCard(52);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const base = { patientId, hcode: TEST_HCODE, source: 'card' as const };
    await a.save(patientFromCard(card, { ...base, stationId: 'st-99999-demo', at: '2026-11-23T08:00:00.000Z' }));
    await rawDb(a).replicate.to(rawDb(b));
    await b.save(
      patientFromCard(
        { ...card, address: { ...card.address, houseNo: '77' } },
        {
          ...base,
          stationId: 'st-99999-demo',
          at: '2026-11-23T08:10:00.000Z',
          existing: await b.patientById(patientId),
        },
      ),
    );
    await a.save(
      patientFromCard(
        { ...card, birthDate: '1981' },
        {
          ...base,
          stationId: 'st-99999-demo',
          at: '2026-11-23T08:20:00.000Z',
          existing: await a.patientById(patientId),
        },
      ),
    );
    await rawDb(b).replicate.to(rawDb(a));
    const outcome = await resolveConflicts(a, [`Patient/${patientId}`], {
      stationId: 'st-99999-demo',
      hcode: TEST_HCODE,
      newId: testIdFactory('st-99999-demo'),
      now: () => '2026-11-23T09:00:00.000Z',
    });
    expect(outcome).toMatchObject({ resolved: 1, archived: 1 });
    const docs = await everyRevision(a);
    expect(docs.some((doc) => doc.id.startsWith('AuditEvent/'))).toBe(true);
    expect(docs.filter((doc) => !doc.demo)).toEqual([]);
  });
});
