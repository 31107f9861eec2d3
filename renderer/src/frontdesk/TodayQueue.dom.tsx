/** Today's visits on this station's store (its own and those other stations synced in), newest first. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { queueNumberOf } from '../../../sync/model/encounter.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { useRecords } from '../records/RecordsProvider.dom.js';
import { displayName } from './names.std.js';

interface QueueRow {
  readonly encounter: EncounterDoc;
  readonly patient: PatientDoc | null;
}

export function TodayQueue({ refreshKey }: { readonly refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const records = useRecords();
  const [rows, setRows] = useState<readonly QueueRow[]>([]);

  useEffect(() => {
    if (records === null) return;
    let live = true;
    async function load(): Promise<void> {
      if (records === null) return;
      const visits = await records.queueForDay(new Date());
      const withPatients = await Promise.all(
        visits.map(async (encounter) => ({ encounter, patient: await records.patientById((encounter.subject.reference ?? '').replace(/^Patient\//, '')) })),
      );
      if (live) setRows(withPatients.reverse());
    }
    void load();
    // Visits saved here or arriving from other stations by sync refresh the list.
    const feed = records.db.changes({ since: 'now', live: true, selector: { resourceType: 'Encounter' } }).on('change', () => void load());
    return () => {
      live = false;
      feed.cancel();
    };
  }, [records, refreshKey]);

  const lang = i18n.language === 'en' ? 'en' : 'th';
  return (
    <div className="card" data-testid="today-queue">
      <h3>
        {t('frontdesk.queueTitle')} <span className="muted">({rows.length})</span>
      </h3>
      {rows.length === 0 && <p className="muted">{t('frontdesk.queueEmpty')}</p>}
      <table className="queue">
        <tbody>
          {rows.map(({ encounter, patient }) => (
            <tr key={encounter.id} data-testid="queue-row">
              <td className="queue-number">{queueNumberOf(encounter)}</td>
              <td>{patient === null ? t('frontdesk.unknownPatient') : displayName(patient, lang)}</td>
              <td className="mono">{encounter.period?.start === undefined ? '' : new Date(encounter.period.start).toLocaleTimeString(lang === 'th' ? 'th-TH' : 'en-GB', { hour: '2-digit', minute: '2-digit' })}</td>
              <td>{t(`frontdesk.status.${encounter.status}`, { defaultValue: encounter.status })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
