/**
 * A conflict settled by one station (its merged revision above the losers, which central keeps) reaches other
 * stations as a document that still lists the losers. Only the station that wrote the merge archives them:
 * before, every station that pulled the settled document wrote one more AuditEvent archive of the same losers.
 */
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { resolveConflicts } from '../../../../sync/replication/resolver.dom.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

async function archives(store: DataContext): Promise<number> {
  const rows = await rawDb(store).allDocs({ startkey: 'AuditEvent/', endkey: 'AuditEvent/\ufff0' });
  return rows.rows.length;
}

describe('conflict archives', () => {
  it('are written by the station that merges, not again by each station that pulls the settled document', async () => {
    const [a, b, c] = [
      await DataContext.open(uniqueDbName('arch-a')),
      await DataContext.open(uniqueDbName('arch-b')),
      await DataContext.open(uniqueDbName('arch-c')),
    ];
    opened.push(a, b, c);
    const card = syntheticCard(71);
    const base = { patientId: patientIdForCid(TEST_KEY, card.cid), hcode: TEST_HCODE, source: 'card' as const };
    await a.save(patientFromCard(card, { ...base, stationId: 'st-a', at: '2026-12-01T08:00:00.000Z' }));
    await b.save(
      patientFromCard(
        { ...card, address: { ...card.address, houseNo: '77' } },
        { ...base, stationId: 'st-b', at: '2026-12-01T09:00:00.000Z' },
      ),
    );
    await rawDb(b).replicate.to(rawDb(a));
    const id = `Patient/${base.patientId}`;
    const context = (station: string) => ({
      stationId: station,
      hcode: TEST_HCODE,
      newId: testIdFactory(station),
      now: () => '2026-12-01T10:00:00.000Z',
    });
    const before = await rawDb(a).get(id, { conflicts: true });
    const loserRev = before._conflicts?.[0] ?? '';
    const loser = await rawDb(a).get(id, { rev: loserRev, revs: true, attachments: true });
    expect((await resolveConflicts(a, [id], context('st-a'))).resolved).toBe(1);
    expect(await archives(a)).toBe(1);
    // Central keeps the loser (a station's deletion of it is refused there): what C pulls has the merge on top
    // of a live loser below it. Here C gets A's merge and archive plus B's loser, as central would hand them.
    const archiveIds = (await rawDb(a).allDocs({ startkey: 'AuditEvent/', endkey: 'AuditEvent/\ufff0' })).rows.map(
      (row) => row.id,
    );
    await rawDb(a).replicate.to(rawDb(c), { doc_ids: archiveIds });
    const merged = await rawDb(a).get(id, { revs: true, attachments: true });
    await rawDb(c).bulkDocs([merged, loser], { new_edits: false });
    const head = await rawDb(c).get(id, { conflicts: true });
    expect(head._conflicts?.length).toBe(1);
    await resolveConflicts(c, [id], context('st-c'));
    expect(await archives(c)).toBe(1);
  });
});
