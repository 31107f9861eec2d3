/** Today's visits on this station's store (its own and those other stations synced in), newest first. */
import { useTranslation } from 'react-i18next';
import { queueNumberOf } from '../../../sync/model/encounter.std.js';
import { useRecords } from '../records/RecordsProvider.dom.js';
import { useTodayVisits } from '../records/useTodayVisits.dom.js';
import { displayName } from './names.std.js';
import type { SlipPrinter } from './slip/useSlipPrinter.dom.js';
import { SlipStatus } from './slip/SlipStatus.dom.js';
import { AuthenState } from './AuthenState.dom.js';
import { QueueStageBadge } from '../records/QueueStageBadge.dom.js';
import { servicePointName, servicePointOf } from '../../../sync/model/visitDetails.std.js';
import { useServicePoints } from './useServicePoints.dom.js';

export function TodayQueue({ refreshKey, slips }: { readonly refreshKey: number; readonly slips?: SlipPrinter }) {
  const { t, i18n } = useTranslation();
  const rows = [...useTodayVisits(useRecords(), refreshKey)].reverse();
  const points = useServicePoints();

  const lang = i18n.language === 'en' ? 'en' : 'th';
  const clinicOf = (encounter: Parameters<typeof servicePointOf>[0]): string => {
    const stored = servicePointOf(encounter);
    return stored === null ? '' : servicePointName(stored, points, lang);
  };
  return (
    <div className="card" data-testid="today-queue">
      <h3>
        {t('frontdesk.queueTitle')} <span className="muted">({rows.length})</span>
      </h3>
      {rows.length === 0 && <p className="muted">{t('frontdesk.queueEmpty')}</p>}
      <div className="queue-scroll">
        <table className="queue">
          <tbody>
            {rows.map(({ encounter, patient }) => (
              <tr key={encounter.id} data-testid="queue-row">
                <td className="queue-number">{queueNumberOf(encounter)}</td>
                {/* Name over clinic and time, stage over authen: a half-width card keeps Thai words whole instead of one per line. */}
                <td className="queue-who">
                  <div>{patient === null ? t('frontdesk.unknownPatient') : displayName(patient, lang)}</div>
                  <div className="muted">
                    <span className="queue-clinic" data-testid="queue-clinic">
                      {clinicOf(encounter)}
                    </span>{' '}
                    <span className="mono">
                      {encounter.period?.start === undefined
                        ? ''
                        : new Date(encounter.period.start).toLocaleTimeString(lang === 'th' ? 'th-TH' : 'en-GB', {
                            hour: '2-digit',
                            minute: '2-digit',
                          })}
                    </span>
                  </div>
                </td>
                <td className="queue-state">
                  <QueueStageBadge encounter={encounter} />
                  <div>
                    <AuthenState encounter={encounter} />
                  </div>
                </td>
                {slips !== undefined && (
                  <td>
                    <SlipStatus
                      compact
                      state={slips.states.get(encounter.id)}
                      onPrint={() => void slips.print(encounter, true)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
