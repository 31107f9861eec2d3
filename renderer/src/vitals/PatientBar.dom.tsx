/**
 * The patient this station is measuring (from the card just read, or picked from today's queue), and the
 * queue to pick from. Readings from devices go to this patient until another is picked.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataContext, VisitWithPatient } from '../../../sync/store/dataContext.dom.js';
import { useTodayVisits } from '../records/useTodayVisits.dom.js';
import { queueNumberOf, encounterPatientId } from '../../../sync/model/encounter.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { thLocalSystem } from '../../../sync/model/systems.std.js';
import { displayName } from '../frontdesk/names.std.js';
import type { StationPatient } from './useStationPatient.dom.js';
import { timeOfDay } from './time.dom.js';


function hnOf(patient: PatientDoc | null, hcode: string): string | null {
  return patient?.identifier.find((id) => id.system === thLocalSystem(hcode, 'HN'))?.value ?? null;
}

const OPEN = new Set(['arrived', 'triaged', 'in-progress']);

function useTodayQueue(records: DataContext | null): readonly VisitWithPatient[] {
  return useTodayVisits(records).filter((row) => OPEN.has(row.encounter.status));
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
                className={encounterPatientId(visit) === patientId ? 'queue-item active' : 'queue-item'}
                onClick={() => {
                  setPicking(false);
                  void station.bind(encounterPatientId(visit), visit);
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
