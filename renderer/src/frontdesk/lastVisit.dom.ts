/** A returning patient's most recent visit on this station's store (today's queue index, newest first). */
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { EncounterDoc } from '../../../sync/model/encounter.std.js';

export async function lastVisitOf(records: DataContext, patientId: string): Promise<EncounterDoc | null> {
  const result = await records.db.find({
    selector: { resourceType: 'Encounter', 'period.start': { $gt: null }, 'subject.reference': `Patient/${patientId}` },
    sort: [{ resourceType: 'desc' }, { 'period.start': 'desc' }],
    use_index: 'idx-encounter-start',
    limit: 1,
  });
  const parsed = EncounterDoc.safeParse(result.docs[0]);
  return parsed.success ? parsed.data : null;
}
