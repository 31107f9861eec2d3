/**
 * The patient this station is measuring (from the card just read, or picked from today's queue), and the
 * queue to pick from. Readings from devices go to this patient until another is picked.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { queueNumberOf } from '../../../sync/model/encounter.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { thLocalSystem } from '../../../sync/model/systems.std.js';
import { displayName } from '../frontdesk/names.std.js';
import { patientIdOf, type StationPatient } from './useStationPatient.dom.js';
import { timeOfDay } from './time.dom.js';

interface QueueRow {
  readonly encounter: EncounterDoc;
  readonly patient: PatientDoc | null;
}

function hnOf(patient: PatientDoc | null, hcode: string): string | null {
  return patient?.identifier.find((id) => id.system === thLocalSystem(hcode, 'HN'))?.value ?? null;
}

function useTodayQueue(records: DataContext | null): readonly QueueRow[] {
  const [rows, setRows] = useState<readonly QueueRow[]>([]);
  useEffect(() => {
    if (records === null) return;
    const store = records;
    let live = true;
    async function load(): Promise<void> {
      const visits = (await store.queueForDay(new Date())).filter((visit) => visit.status === 'arrived' || visit.status === 'triaged' || visit.status === 'in-progress');
      const withPatients = await Promise.all(visits.map(async (encounter) => ({ encounter, patient: await store.patientById(patientIdOf(encounter)) })));
      if (live) setRows(withPatients);
    }
    void load();
    const feed = store.db.changes({ since: 'now', live: true, selector: { resourceType: 'Encounter' } }).on('change', () => void load());
    return () => {
      live = false;
      feed.cancel();
    };
  }, [records]);
  return rows;
}

export function PatientBar({ records, station, hcode }: { readonly records: DataContext | null; readonly station: StationPatient; readonly hcode: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const queue = useTodayQueue(records);
  const [picking, setPicking] = useState(false);
  const { patientId, patient, encounter } = station;
  const hn = hnOf(patient, hcode);

  return (
    <div className="card wide patient-bar" data-testid="vitals-patient">
      <div className="patient-now">
        {patientId === null ? (
          <p className="hint">{t('vitals.noPatient')}</p>
        ) : (
          <>
            <span className="label">{t('vitals.measuring')}</span>
            <strong className="patient-name" data-testid="vitals-patient-name">
              {patient === null ? t('vitals.patientNotInStore') : displayName(patient, lang)}
            </strong>
            {hn !== null && <span className="pill">HN {hn}</span>}
            {encounter !== null && <span className="pill queue-pill">{t('vitals.queue')} {queueNumberOf(encounter)}</span>}
          </>
        )}
      </div>
      <div className="patient-actions">
        <button type="button" className="secondary" onClick={() => setPicking(!picking)} data-testid="vitals-pick">
          {t('vitals.pickFromQueue')} ({queue.length})
        </button>
        {patientId !== null && (
          <button type="button" className="secondary" onClick={() => void station.bind(null)} data-testid="vitals-unbind">
            {t('vitals.unbind')}
          </button>
        )}
      </div>
      {picking && (
        <ul className="queue-pick" data-testid="vitals-queue">
          {queue.length === 0 && <li className="muted">{t('vitals.queueEmpty')}</li>}
          {queue.map(({ encounter: visit, patient: person }) => (
            <li key={visit.id}>
              <button
                type="button"
                className={patientIdOf(visit) === patientId ? 'queue-item active' : 'queue-item'}
                onClick={() => {
                  setPicking(false);
                  void station.bind(patientIdOf(visit), visit);
                }}
                data-testid="vitals-queue-item"
              >
                <span className="queue-number">{queueNumberOf(visit)}</span>
                <span>{person === null ? t('vitals.patientNotInStore') : displayName(person, lang)}</span>
                <span className="muted">{visit.period.start === undefined ? '' : timeOfDay(visit.period.start, lang)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
