/**
 * Today's queue as the screening nurse works it: every visit of the day in screening order (waiting first, by
 * queue number), live from the store's changes feed (the front desk here, or another station through sync), and
 * "call next". Calling a visit (next, or one picked from the list) marks it called on its Encounter and binds this
 * station's bedside devices to its patient.
 */
import { useTranslation } from 'react-i18next';
import type { VisitWithPatient } from '../../../sync/store/dataContext.dom.js';
import { queueNumberOf } from '../../../sync/model/encounter.std.js';
import { compareForScreening, queueStage } from '../../../sync/model/queueStage.std.js';
import { QueueStageBadge } from '../records/QueueStageBadge.dom.js';
import { displayName } from '../frontdesk/names.std.js';
import { timeOfDay } from './time.dom.js';

export interface ScreeningQueueProps {
  readonly rows: readonly VisitWithPatient[];
  readonly loaded: boolean;
  /** The visit being screened here, if any. */
  readonly currentId: string | null;
  readonly busy: boolean;
  readonly onCall: (row: VisitWithPatient | null) => void;
}

export function screeningOrder(rows: readonly VisitWithPatient[]): VisitWithPatient[] {
  return [...rows]
    .filter((row) => queueStage(row.encounter) !== null)
    .sort((a, b) => compareForScreening(a.encounter, b.encounter));
}

export function ScreeningQueue({ rows, loaded, currentId, busy, onCall }: ScreeningQueueProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const ordered = screeningOrder(rows);
  const waiting = ordered.filter((row) => queueStage(row.encounter) === 'waiting').length;

  return (
    <div className="card wide screening-queue" data-testid="vitals-queue-card">
      <div className="queue-head">
        <h3>
          {t('vitals.queueTitle')}{' '}
          {loaded && (
            <span className="muted" data-testid="vitals-queue-count">
              ({t('vitals.queueCount', { waiting, total: ordered.length })})
            </span>
          )}
        </h3>
        <button
          type="button"
          onClick={() => onCall(null)}
          disabled={!loaded || waiting === 0 || busy}
          data-testid="vitals-call-next"
        >
          {t('vitals.callNext')}
        </button>
      </div>
      {!loaded && <p className="muted">{t('vitals.queueLoading')}</p>}
      {loaded && ordered.length === 0 && <p className="muted">{t('vitals.queueEmpty')}</p>}
      {loaded && ordered.length > 0 && waiting === 0 && <p className="muted small">{t('vitals.noneWaiting')}</p>}
      <ul className="queue-pick" data-testid="vitals-queue">
        {ordered.map((row) => {
          const { encounter: visit, patient: person } = row;
          const stage = queueStage(visit);
          const closed = stage === 'done' || stage === 'left';
          return (
            <li key={visit.id}>
              <button
                type="button"
                className={['queue-item', visit.id === currentId ? 'active' : '', closed ? 'closed' : '']
                  .join(' ')
                  .trim()}
                disabled={busy || closed}
                onClick={() => onCall(row)}
                data-testid="vitals-queue-item"
                data-stage={stage ?? ''}
              >
                <span className="queue-number">{queueNumberOf(visit)}</span>
                <span className="queue-name">
                  {person === null ? t('vitals.patientNotInStore') : displayName(person, lang)}
                </span>
                <span className="muted">
                  {visit.period.start === undefined ? '' : timeOfDay(visit.period.start, lang)}
                </span>
                <QueueStageBadge encounter={visit} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
