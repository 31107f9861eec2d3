/**
 * The patient this station is screening (called from today's queue, or by a card read here), their visit's place
 * in the queue, and the visit's next step once screened (sent to the doctor, done, left). Readings from devices go
 * to this patient until another is called.
 */
import { useTranslation } from 'react-i18next';
import type { EncounterDoc } from '../../../sync/model/encounter.std.js';
import { queueNumberOf } from '../../../sync/model/encounter.std.js';
import type { PatientDoc } from '../../../sync/model/patient.std.js';
import { canMove, queueStage, type QueueStage } from '../../../sync/model/queueStage.std.js';
import { thLocalSystem } from '../../../sync/model/systems.std.js';
import { displayName } from '../frontdesk/names.std.js';
import type { StationPatient } from './useStationPatient.dom.js';
import { QueueStageBadge } from '../records/QueueStageBadge.dom.js';

function hnOf(patient: PatientDoc | null, hcode: string): string | null {
  return patient?.identifier.find((id) => id.system === thLocalSystem(hcode, 'HN'))?.value ?? null;
}

const NEXT_STEPS: readonly QueueStage[] = ['sent_on', 'done', 'left'];

export interface PatientBarProps {
  readonly station: StationPatient;
  /** The visit as the store has it now (live), else the one the station picked. */
  readonly visit: EncounterDoc | null;
  readonly hcode: string;
  readonly busy: boolean;
  readonly onMove: (stage: QueueStage) => void;
}

export function PatientBar({ station, visit, hcode, busy, onMove }: PatientBarProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const { patientId, patient } = station;
  const hn = hnOf(patient, hcode);
  const stage = visit === null ? null : queueStage(visit);

  return (
    <div className="card wide patient-bar" data-testid="vitals-patient">
      <div className="patient-now">
        {patientId === null && <p className="hint">{t('vitals.noPatient')}</p>}
        {patientId !== null && station.loading && <p className="muted">{t('vitals.patientLoading')}</p>}
        {patientId !== null && !station.loading && (
          <>
            <span className="label">{t('vitals.measuring')}</span>
            <strong className="patient-name" data-testid="vitals-patient-name">
              {patient === null ? t('vitals.patientNotInStore') : displayName(patient, lang)}
            </strong>
            {hn !== null && <span className="pill">HN {hn}</span>}
            {visit !== null && (
              <span className="pill queue-pill" data-testid="vitals-queue-number">
                {t('vitals.queue')} {queueNumberOf(visit)}
              </span>
            )}
            {visit !== null && <QueueStageBadge encounter={visit} />}
          </>
        )}
      </div>
      <div className="patient-actions">
        {visit !== null &&
          NEXT_STEPS.filter(
            (next) => canMove(stage, next) && (next === 'left' || stage === 'screened' || stage === 'sent_on'),
          ).map((next) => (
            <button
              key={next}
              type="button"
              className={next === 'left' ? 'secondary' : undefined}
              disabled={busy}
              onClick={() => onMove(next)}
              data-testid={`visit-${next}`}
            >
              {t(`queue.action.${next}`)}
            </button>
          ))}
        {patientId !== null && (
          <button
            type="button"
            className="secondary"
            onClick={() => void station.bind(null)}
            data-testid="vitals-unbind"
          >
            {t('vitals.unbind')}
          </button>
        )}
      </div>
    </div>
  );
}
